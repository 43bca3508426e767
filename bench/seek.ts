/**
 * Seek time on the server: how long a training session takes to jump to an instant — project the
 * picture from every event up to it, number them, hand the snapshot to the hub — for the full
 * December 2025 scenario and for the same scenario with 100 times as many events (each event
 * copied 100 times with its own ids, units and incidents, in the same time span).
 *
 *   npm run bench:seek            # writes bench/results/seek.json
 *   npm run bench:seek -- --quick # fewer repetitions, no ×100
 *
 * Target (issue 3): under 100 ms for the full scenario.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { pino } from 'pino';
import { DEFAULT_POLICY, type ConcordiaEvent } from '../lib/contract/events.ts';
import { parseScenario, type Scenario } from '../lib/scenario/scenarioFile.ts';
import { Timeline } from '../lib/scenario/timeline.ts';
import { Checkpoints } from '../lib/scenario/checkpoints.ts';
import { ChannelHub } from '../server/realtime/channelHub.ts';
import type { EventStore } from '../server/store/eventStore.ts';
import { TrainingSession } from '../server/training/trainingSession.ts';
import { machine, percentile, writeResult } from './support.ts';

const TARGET_MS = 100;
const quick = process.argv.includes('--quick');
const SEEK_POINTS = ['start', 'ruta-bloqueada', 'cruce-1455', 'eleccion', 'end'] as const;
/** Instants anywhere in the scenario as well, so no result leans on where checkpoints fall. */
const RANDOM_SEEKS = 40;

function load(): Scenario {
  const parsed = parseScenario(JSON.parse(readFileSync('data/scenarios/dec-2025.json', 'utf8')), DEFAULT_POLICY);
  if (!parsed.ok) throw new Error('dec-2025.json is invalid');
  return parsed.value;
}

/** Each event `factor` times, with its own ids so units, incidents and deployments multiply too. */
function scaled(scenario: Scenario, factor: number): Scenario {
  const events: ConcordiaEvent[] = [];
  for (const event of scenario.events) {
    for (let k = 0; k < factor; k++) {
      const copy = { ...event, id: `${event.id}.x${k}` } as Record<string, unknown>;
      for (const key of ['unitId', 'incidentId', 'deploymentId'] as const) {
        if (typeof copy[key] === 'string') copy[key] = `${copy[key]}.x${k}`;
      }
      events.push(copy as ConcordiaEvent);
    }
  }
  return { ...scenario, events };
}

function instantOf(scenario: Scenario, point: (typeof SEEK_POINTS)[number]): number {
  if (point === 'start') return Date.parse(scenario.start);
  if (point === 'end') return Date.parse(scenario.end);
  return Date.parse(scenario.milestones.find((m) => m.id === point)!.at);
}

/** A fixed sequence of fractions in [0, 1) (a small LCG), the same on every run. */
function fractions(count: number): number[] {
  let x = 12345;
  return Array.from({ length: count }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function measure(label: string, scenario: Scenario, repetitions: number, withCheckpoints = true) {
  const hub = new ChannelHub({ read: async () => [] } as unknown as EventStore);
  const built = performance.now();
  const timeline = new Timeline(scenario.events);
  const checkpoints = withCheckpoints ? new Checkpoints(timeline) : undefined;
  const timelineMs = performance.now() - built;
  const session = new TrainingSession({
    id: 'bench',
    channel: 'training:bench',
    scenario,
    timeline,
    checkpoints,
    hub,
    clocks: { monotonic: () => performance.now(), wall: () => Date.now() },
    createdAt: new Date().toISOString(),
    createdBy: 'bench',
    at: Date.parse(scenario.start),
    speed: 60,
    seqFloor: 0,
    reserveSeqs: () => {},
    clockChanged: () => {},
  });
  session.open();
  const points = [];
  const all: number[] = [];
  for (const point of SEEK_POINTS) {
    const at = instantOf(scenario, point);
    const times: number[] = [];
    for (let i = 0; i < repetitions + 1; i++) {
      const t0 = performance.now();
      session.seek(at);
      const ms = performance.now() - t0;
      if (i > 0) times.push(ms); // the first run warms the JIT
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const eventsUpTo = timeline.countThrough(at);
    points.push({
      point,
      at: new Date(at).toISOString(),
      eventsUpTo,
      medianMs: round(percentile(times, 0.5)),
      maxMs: round(times.at(-1)!),
    });
    console.log(
      `  ${label} seek to ${point.padEnd(15)} ${String(eventsUpTo).padStart(9)} events  median ${round(percentile(times, 0.5))} ms  max ${round(times.at(-1)!)} ms`,
    );
  }
  const start = Date.parse(scenario.start);
  const span = Date.parse(scenario.end) - start;
  const anywhere: number[] = [];
  for (const f of fractions(RANDOM_SEEKS)) {
    const t0 = performance.now();
    session.seek(start + f * span);
    anywhere.push(performance.now() - t0);
  }
  anywhere.sort((a, b) => a - b);
  all.push(...anywhere);
  console.log(
    `  ${label} ${RANDOM_SEEKS} seeks anywhere             median ${round(percentile(anywhere, 0.5))} ms  p95 ${round(percentile(anywhere, 0.95))} ms  max ${round(anywhere.at(-1)!)} ms`,
  );
  hub.close();
  all.sort((a, b) => a - b);
  return {
    events: scenario.events.length,
    repetitions,
    /** Sorting the time line and building its checkpoints: once per scenario, when its first session starts. */
    preparationMs: round(timelineMs),
    checkpoints: checkpoints?.count ?? 0,
    randomSeeks: {
      count: RANDOM_SEEKS,
      medianMs: round(percentile(anywhere, 0.5)),
      p95Ms: round(percentile(anywhere, 0.95)),
      maxMs: round(anywhere.at(-1)!),
    },
    seekP50Ms: round(percentile(all, 0.5)),
    seekP95Ms: round(percentile(all, 0.95)),
    seekMaxMs: round(all.at(-1)!),
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    points,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

pino({ level: 'silent' });
const command = `npm run bench:seek${quick ? ' -- --quick' : ''}`;
console.log(`$ ${command}`);
const scenario = load();
const full = measure('full', scenario, quick ? 5 : 30);
const withoutCheckpoints = measure('full, no checkpoints', scenario, quick ? 2 : 5, false);
const x100 = quick ? null : measure('×100', scaled(scenario, 100), 3);
const result = {
  command,
  date: new Date().toISOString(),
  commit: execSync('git rev-parse --short HEAD').toString().trim(),
  machine: machine(),
  target: { fullScenarioSeekMs: TARGET_MS },
  what: 'TrainingSession.seek(): the picture as of the instant (the nearest checkpoint of the time line, then every later event up to the instant, numbered), and the hub channel reset with it for each reader scope. In process, no sockets.',
  /** 1, 5 and 15 minute load averages when the run ended: the machine is shared. */
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  full,
  withoutCheckpoints,
  x100,
  /** Judged on the 95th percentile; the max shows what a GC pause or a busy machine adds. */
  meetsTarget: full.seekP95Ms < TARGET_MS,
};
console.log(
  `full scenario: ${full.events} events, seek p50 ${full.seekP50Ms} ms, p95 ${full.seekP95Ms} ms, max ${full.seekMaxMs} ms (target p95 < ${TARGET_MS} ms: ${result.meetsTarget ? 'met' : 'NOT met'})`,
);
console.log(`full scenario without checkpoints: p50 ${withoutCheckpoints.seekP50Ms} ms, p95 ${withoutCheckpoints.seekP95Ms} ms`);
if (x100) console.log(`×100: ${x100.events} events, seek p50 ${x100.seekP50Ms} ms, p95 ${x100.seekP95Ms} ms, max ${x100.seekMaxMs} ms`);
console.log(`wrote ${writeResult('seek', result)}`);
