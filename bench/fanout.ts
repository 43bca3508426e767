/**
 * Fan-out: how many events a second reach how many dashboards, Concordia beside a bare Socket.IO
 * server that only broadcasts what it receives (no validation, no storage) — batching what arrives
 * per window as Concordia's hub does (`bare-batch`, the fair limit the knee ratio is taken
 * against), and optionally one message per event (`bare`, the strawman it used to be compared
 * with). Same load, same run, alternating measurement by measurement. The server is pinned to CPU 0; the load generator
 * (HTTP senders here, dashboards in their own process: real socket.io-clients, then light raw
 * Engine.IO ones, bench/fanoutClients.ts) to CPU 1. Events are sent over HTTP one per request at a
 * fixed open-loop rate; latency is measured from each event's scheduled send time. Each point is
 * measured --point-measurements times (3) per system and judged on the median p99. Knee = highest
 * rate whose median p99 <= 100 ms with every delivery made.
 *
 *   npm run build && npm run bench:fanout -- --dashboards 100,1000,2000 --rates 10,25,50,100,250,500,1000,2000,4000
 *
 * Writes bench/results/fanout.json. `--cluster` measures instead Concordia on PostgreSQL as one
 * node and as two nodes on the same load (results in bench/results/fanout-cluster.json):
 *
 *   npm run bench:fanout -- --cluster --dashboards 1000 --rates 100,250 --repeats 2
 *
 * BENCH_SERVER_NODE_ARGS / BENCH_CLIENTS_NODE_ARGS pass Node flags (e.g. --cpu-prof) to the
 * server / the dashboards' process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import * as make from '../lib/testing/eventFactory.ts';
import {
  cpuBusyShare,
  cpuSeconds,
  cpuTimes,
  machine,
  percentile,
  pinned,
  pinSelf,
  rssBytes,
  startProductionServer,
  writeResult,
  type RunningServer,
} from './support.ts';
import { startPostgres } from '../server/testing/postgresInstance.ts';

const { values } = parseArgs({
  options: {
    dashboards: { type: 'string', default: '100,1000,2000' },
    rates: { type: 'string', default: '10,25,50,100,250,500,1000,2000,4000' },
    seconds: { type: 'string', default: '8' },
    'sample-every': { type: 'string', default: '20' },
    /** Which systems to measure (both by default; one alone is for profiling, not for the results file). */
    systems: { type: 'string', default: 'concordia,bare-batch' },
    /** How many of the dashboards are real socket.io-clients; the rest are light raw Engine.IO ones. */
    'real-clients': { type: 'string', default: '100' },
    /** One node beside two on one PostgreSQL (results in fanout-cluster.json) instead of the sweep. */
    cluster: { type: 'boolean', default: false },
    /** --cluster: how many times each configuration is measured (they alternate). */
    repeats: { type: 'string', default: '2' },
    /** Measurements per point and system (alternating); a point is judged on their median p99. */
    'point-measurements': { type: 'string', default: '3' },
    /** Results file name (bench/results/<out>.json): a diagnostic run beside the main one. */
    out: { type: 'string' },
  },
});
const DASHBOARDS = values.dashboards.split(',').map(Number);
const RATES = values.rates.split(',').map(Number);
const SECONDS = Number(values.seconds);
const SAMPLE_EVERY = Number(values['sample-every']);
const REAL_CLIENTS = Number(values['real-clients']);
const SYSTEMS = values.systems.split(',');
/** Above this share of its core the load generator, not the server, may be what is measured. */
const GENERATOR_SATURATED = 0.9;
const P99_LIMIT_MS = 100;
const TARGET = { dashboards: 1000, rate: 500, p99Ms: 100, kneeRatio: 0.8, cpuRatio: 1.25 };
/** The system Concordia's knee and CPU per delivery are compared with. */
const BASELINE: System = 'bare-batch';
/**
 * Times each point (dashboards × rate) is measured per system, the systems alternating measurement
 * by measurement. One 8 s window's p99 swings by ±50% here from run to run (the load generator
 * shares its core with the HTTP senders; the first window after a step up in rate is the slow one
 * for every system), so a point is judged on the median of its measurements and every one is kept.
 */
const POINT_MEASUREMENTS = Number(values['point-measurements']);

type System = 'concordia' | 'bare' | 'bare-batch';

interface Target {
  system: System;
  url: string;
  pid: number;
  ingestUrl: string;
  headers: Record<string, string>;
  body(id: string): string;
  token?: string;
}

interface Measurement {
  system: System;
  /** Concordia nodes serving the load (--cluster: 1 or 2 on one PostgreSQL; otherwise 1 on SQLite). */
  nodes?: number;
  dashboards: number;
  rate: number;
  sent: number;
  completeness: number;
  p50: number;
  p99: number;
  p999: number;
  /** p99 seen by the real socket.io-clients alone (part of p99 above). */
  realClientsP99: number;
  /** Concordia's own event-loop delay over the window (prom-client's monitorEventLoopDelay, reset per scrape). */
  serverEventLoopDelayMs?: { p99: number; max: number };
  cpuMicrosPerDelivery: number;
  /** Share of one core the server used, and the clients' process (the generator's receiving side). */
  serverCpu: number;
  clientsCpu: number;
  senderCpu: number;
  /** Share of each CPU busy over the window, kernel time included (CPU 0: server; CPU 1: generator). */
  cpuBusy: number[];
  /** p99 from an event's scheduled send time to its HTTP answer (stored durably, or the bare server's 201). */
  ackP99: number;
  /** p99 of how late the generator sent an event after its scheduled time (its own share of the latency). */
  senderLateP99: number;
  ok: boolean;
  /** A point's figure (the sweep): the p99 of each of its measurements; the rest is the median one's. */
  p99s?: number[];
}

function startClients(target: Target, clients: number): Promise<ChildProcess> {
  const nodeArgs = process.env.BENCH_CLIENTS_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof
  const [command, args] = pinned(1, process.execPath, [
    ...nodeArgs,
    '--import',
    'tsx',
    path.join('bench', 'fanoutClients.ts'),
    JSON.stringify({
      url: target.url,
      mode: target.system,
      clients,
      realClients: REAL_CLIENTS,
      token: target.token,
      sampleEvery: SAMPLE_EVERY,
    }),
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`clients exited with ${code}`)));
  });
}

interface ClientsReport {
  received: number;
  latencies: number[];
  realLatencies: number[];
}

function report(child: ChildProcess): Promise<ClientsReport> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as ClientsReport));
    child.send({ type: 'report' });
  });
}

/** One server (or node) under load and the process holding its dashboards. */
interface Served {
  target: Target;
  clients: ChildProcess;
}

/**
 * Sends `rate` events a second for SECONDS, each at its scheduled time, one per request, in turn
 * to each target (several nodes share the ingest as a load balancer would spread it).
 */
async function sendOpenLoop(
  targets: Target[],
  rate: number,
  dispatcher: Agent,
): Promise<{ sent: number; ackMs: number[]; lateMs: number[] }> {
  const total = rate * SECONDS;
  const start = Date.now() + 50;
  const inFlight: Promise<unknown>[] = [];
  const ackMs: number[] = [];
  const lateMs: number[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait)); // the open-loop schedule
    const id = `fan-${Math.round(due)}-${i}`;
    const target = targets[i % targets.length];
    lateMs.push(Date.now() - due);
    inFlight.push(
      request(target.ingestUrl, { method: 'POST', dispatcher, headers: target.headers, body: target.body(id) })
        .then((res) => res.body.dump())
        .then(() => ackMs.push(Date.now() - due)),
    );
  }
  await Promise.all(inFlight);
  return { sent: total, ackMs: ackMs.sort((a, b) => a - b), lateMs: lateMs.sort((a, b) => a - b) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every dashboard of every served node receives every event: `dashboards` is their total. */
async function measure(served: Served[], dashboards: number, rate: number, dispatcher: Agent): Promise<Measurement> {
  const system = served[0].target.system;
  await Promise.all(served.map((s) => report(s.clients))); // reset counters
  await Promise.all(served.map((s) => eventLoopDelay(s.target))); // reset the servers' event-loop delay histograms
  const cpuBefore = served.map((s) => cpuSeconds(s.target.pid));
  const clientsCpuBefore = served.map((s) => cpuSeconds(s.clients.pid!));
  const cpusBefore = cpuTimes();
  const started = performance.now();
  const generatorCpuBefore = process.cpuUsage();
  const { sent, ackMs, lateMs } = await sendOpenLoop(
    served.map((s) => s.target),
    rate,
    dispatcher,
  );
  const senderCpu = process.cpuUsage(generatorCpuBefore);
  // Give the last events time to arrive: well beyond the latency limit.
  await new Promise((r) => setTimeout(r, 1_500));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = sum(served.map((s, i) => cpuSeconds(s.target.pid) - cpuBefore[i]));
  const clientsCpu = sum(served.map((s, i) => cpuSeconds(s.clients.pid!) - clientsCpuBefore[i]));
  const cpuBusy = cpuBusyShare(cpusBefore, cpuTimes());
  const reports = await Promise.all(served.map((s) => report(s.clients)));
  const delays = (await Promise.all(served.map((s) => eventLoopDelay(s.target)))).filter((d) => d !== undefined);
  const loopDelay = delays.length ? { p99: Math.max(...delays.map((d) => d.p99)), max: Math.max(...delays.map((d) => d.max)) } : undefined;
  const received = sum(reports.map((r) => r.received));
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const realLatencies = reports.flatMap((r) => r.realLatencies).sort((a, b) => a - b);
  const completeness = received / (sent * dashboards);
  const p99 = percentile(latencies, 0.99);
  const m: Measurement = {
    system,
    ...(served.length > 1 || values.cluster ? { nodes: served.length } : {}),
    dashboards,
    rate,
    sent,
    completeness: Math.round(completeness * 10_000) / 10_000,
    p50: percentile(latencies, 0.5),
    p99,
    p999: percentile(latencies, 0.999),
    realClientsP99: percentile(realLatencies, 0.99),
    serverEventLoopDelayMs: loopDelay,
    cpuMicrosPerDelivery: received ? Math.round((cpu / received) * 1e6 * 100) / 100 : Number.NaN,
    serverCpu: Math.round((cpu / elapsed) * 100) / 100,
    clientsCpu: Math.round((clientsCpu / elapsed) * 100) / 100,
    cpuBusy,
    senderCpu: Math.round(((senderCpu.user + senderCpu.system) / 1e6 / elapsed) * 100) / 100,
    ackP99: percentile(ackMs, 0.99),
    senderLateP99: Math.round(percentile(lateMs, 0.99)),
    ok: completeness >= 1 && p99 <= P99_LIMIT_MS,
  };
  const saturated = m.clientsCpu + m.senderCpu > GENERATOR_SATURATED ? '  (generator saturated: figures are a lower bound)' : '';
  const label = m.nodes ? `${m.system}×${m.nodes}` : m.system;
  console.log(
    `${label.padEnd(11)} ${String(dashboards).padStart(5)} dashboards ${String(rate).padStart(4)} ev/s  complete ${(m.completeness * 100).toFixed(2)}%  p50 ${m.p50} p99 ${m.p99} p99.9 ${m.p999} ms (real clients p99 ${m.realClientsP99})${m.serverEventLoopDelayMs ? ` loop delay p99 ${m.serverEventLoopDelayMs.p99} max ${m.serverEventLoopDelayMs.max} ms` : ''}  ${m.cpuMicrosPerDelivery} µs CPU/delivery  ack p99 ${m.ackP99} ms (sent late p99 ${m.senderLateP99})  server ${Math.round(m.serverCpu * 100)}% clients ${Math.round(m.clientsCpu * 100)}% sender ${Math.round(m.senderCpu * 100)}% CPU; CPUs busy ${m.cpuBusy.map((b) => `${Math.round(b * 100)}%`).join('/')}${m.ok ? '' : ' ✗'}${saturated}`,
  );
  return m;
}

/** The server's event-loop delay p99 and max since the last call, from its /metrics (Concordia only). */
async function eventLoopDelay(target: Target): Promise<{ p99: number; max: number } | undefined> {
  if (target.system !== 'concordia') return undefined;
  const text = await (await fetch(`${target.url}/metrics`)).text();
  const read = (name: string) =>
    Math.round(Number(new RegExp(`^concordia_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1]) * 1000);
  return { p99: read('p99'), max: read('max') };
}

/**
 * One position of a fleet of 5,000 units, a different unit each event: no batch ever holds two
 * positions of one unit, so none is left out as superseded and every event is a delivery to count.
 */
let fleetCursor = 0;
function fleetPosition(id: string): string {
  const unitId = `F-${fleetCursor++ % 5_000}`;
  return JSON.stringify({ ...make.unitPosition({ agency: 'pdi', unitId }), id });
}

async function startBare(port: number, system: 'bare' | 'bare-batch'): Promise<{ child: ChildProcess; target: Target }> {
  const mode = system === 'bare' ? 'per-event' : 'batch';
  const [command, args] = pinned(0, process.execPath, ['--import', 'tsx', path.join('bench', 'bareSocketServer.ts'), String(port), mode]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => child.once('message', resolve));
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    target: {
      system,
      url,
      pid: child.pid!,
      ingestUrl: `${url}/ingest`,
      headers: { 'content-type': 'application/json' },
      body: fleetPosition,
    },
  };
}

/** Starts a Concordia server on CPU 0 and signs a coordinator in: the target its dashboards follow. */
async function startConcordia(opts: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  credentials?: RunningServer['credentials'];
}): Promise<{ server: RunningServer; target: Target }> {
  const server = await startProductionServer({
    dataDir: opts.dataDir,
    port: opts.port,
    cpu: 0,
    env: { CONCORDIA_INGEST_REQUESTS_PER_SECOND: '1000000', LOG_LEVEL: 'error', ...opts.env },
    credentials: opts.credentials,
  });
  const key = server.credentials.keys.find((k) => k.agency === 'pdi')!.key;
  const coordinator = server.credentials.users.find((u) => u.username === 'coordinator-cl')!;
  const session = (await (
    await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: coordinator.username, password: coordinator.password }),
    })
  ).json()) as { token: string };
  return {
    server,
    target: {
      system: 'concordia',
      url: server.url,
      pid: server.child.pid!,
      ingestUrl: `${server.url}/api/events`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: fleetPosition,
      token: session.token,
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A point from its measurements: the median-p99 one, met only if that p99 is and every delivery was made in each. */
function pointOf(measured: Measurement[]): Measurement {
  const byP99 = [...measured].sort((a, b) => a.p99 - b.p99);
  const middle = byP99[Math.floor(byP99.length / 2)];
  const complete = measured.every((m) => m.completeness >= 1);
  return { ...middle, ok: complete && middle.p99 <= P99_LIMIT_MS, p99s: measured.map((m) => m.p99) };
}
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function sweep(): Promise<void> {
  pinSelf('1'); // the HTTP senders share CPU 1 with the clients, never the server's core
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-fanout-'));
  const concordia = await startConcordia({ port: 3650, dataDir });
  const bares: Array<{ child: ChildProcess; target: Target }> = [];
  if (SYSTEMS.includes('bare-batch')) bares.push(await startBare(3651, 'bare-batch'));
  if (SYSTEMS.includes('bare')) bares.push(await startBare(3652, 'bare'));
  const targets = [concordia.target, ...bares.map((b) => b.target)].filter((t) => SYSTEMS.includes(t.system));
  const dispatcher = new Agent({ connections: 64 });
  const results: Measurement[] = [];
  /** Every measurement of the target point. */
  const targetPoint: Measurement[] = [];
  /** Every measurement of every point, in the order taken. */
  const measurements: Measurement[] = [];
  const memory: Record<string, Record<number, number>> = Object.fromEntries(targets.map((t) => [t.system, {}]));
  // Memory per connection = the server's RSS growth from its idle start, divided by the dashboards
  // connected (RSS before each level would include what the previous level's clients left behind).
  const idleRss = Object.fromEntries(targets.map((t) => [t.system, rssBytes(t.pid)]));

  for (const dashboards of DASHBOARDS) {
    const clients: Partial<Record<System, ChildProcess>> = {};
    for (const target of targets) {
      clients[target.system] = await startClients(target, dashboards);
      memory[target.system][dashboards] = Math.round((rssBytes(target.pid) - idleRss[target.system]) / dashboards / 1024);
      console.log(`${target.system}: ${dashboards} dashboards connected, ~${memory[target.system][dashboards]} KB RSS each`);
    }
    const served = (target: Target): Served[] => [{ target, clients: clients[target.system]! }];
    // One unrecorded window per system first: the first requests after connecting pay for JIT
    // compilation and new connections (once, the sender ran ~100 ms late and a 10 ev/s window —
    // whose p99 is nearly its maximum — failed, ending that system's sweep at a knee of 0).
    for (const target of targets) await measure(served(target), dashboards, RATES[0], dispatcher);
    const failedAt: Partial<Record<System, boolean>> = {};
    for (const rate of RATES) {
      const isTargetPoint = dashboards === TARGET.dashboards && rate === TARGET.rate;
      const atPoint = new Map<System, Measurement[]>();
      for (let repeat = 0; repeat < POINT_MEASUREMENTS; repeat++) {
        for (const target of targets) {
          // Past its knee higher rates only fail harder; the target's own point is always measured.
          const always = isTargetPoint && (target.system === 'concordia' || target.system === BASELINE);
          if (failedAt[target.system] && !always) continue;
          const m = await measure(served(target), dashboards, rate, dispatcher);
          atPoint.set(target.system, [...(atPoint.get(target.system) ?? []), m]);
          measurements.push(m);
        }
      }
      for (const [system, measured] of atPoint) {
        const point = pointOf(measured);
        results.push(point);
        if (!point.ok) failedAt[system] = true;
        if (isTargetPoint && system === 'concordia') targetPoint.push(...measured);
      }
    }
    for (const child of Object.values(clients)) child?.send({ type: 'stop' });
  }
  await dispatcher.close();
  await concordia.server.stop();
  for (const b of bares) b.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });

  const knees = DASHBOARDS.map((dashboards) => {
    const knee = (system: System) =>
      Math.max(0, ...results.filter((r) => r.system === system && r.dashboards === dashboards && r.ok).map((r) => r.rate));
    const at = (system: System, rate: number) => results.find((r) => r.system === system && r.dashboards === dashboards && r.rate === rate);
    // CPU per delivery is compared where both delivered everything (an overloaded server's figure
    // is inflated by retransmits and queues): the highest such rate.
    const bothComplete = RATES.filter((rate) => at('concordia', rate)?.completeness === 1 && at(BASELINE, rate)?.completeness === 1);
    const cpuRate = bothComplete.at(-1);
    const cpuRatio = cpuRate ? ratio(at('concordia', cpuRate)!.cpuMicrosPerDelivery, at(BASELINE, cpuRate)!.cpuMicrosPerDelivery) : null;
    return {
      dashboards,
      concordiaKnee: knee('concordia'),
      bareKnee: knee(BASELINE),
      ...(SYSTEMS.includes('bare') ? { perEventBareKnee: knee('bare') } : {}),
      kneeRatio: knee(BASELINE) ? ratio(knee('concordia'), knee(BASELINE)) : null,
      cpuPerDeliveryRatio: cpuRatio,
      cpuComparedAtRate: cpuRate ?? null,
    };
  });
  console.table(knees);
  const p99s = targetPoint.map((m) => m.p99);
  const medianP99 = p99s.length ? median(p99s) : undefined;
  const completeness = Math.min(...targetPoint.map((m) => m.completeness));
  const targets_ = {
    // Not judged (null) when the baseline met the latency limit nowhere: there is no knee to compare with.
    kneeRatioAtLeast: {
      target: TARGET.kneeRatio,
      met: knees.some((k) => k.kneeRatio !== null) ? knees.every((k) => k.kneeRatio === null || k.kneeRatio >= TARGET.kneeRatio) : null,
    },
    cpuPerDeliveryRatioAtMost: {
      target: TARGET.cpuRatio,
      met: knees.every((k) => k.cpuPerDeliveryRatio === null || k.cpuPerDeliveryRatio <= TARGET.cpuRatio),
    },
    [`${TARGET.dashboards} dashboards at ${TARGET.rate} ev/s, p99 <= ${TARGET.p99Ms} ms, complete`]:
      medianP99 !== undefined
        ? {
            p99: medianP99,
            p99s,
            completeness,
            met: medianP99 <= TARGET.p99Ms && completeness >= 1,
            note: `median p99 of ${p99s.length} measurements`,
          }
        : { met: null, note: 'not measured in this run' },
  };
  console.log(JSON.stringify(targets_, null, 2));
  const file = writeResult(values.out ?? 'fanout', {
    command: `${process.env.CONCORDIA_SQLITE_SYNC ? `CONCORDIA_SQLITE_SYNC=${process.env.CONCORDIA_SQLITE_SYNC} ` : ''}npm run bench:fanout -- --dashboards ${DASHBOARDS.join(',')} --rates ${RATES.join(',')} --seconds ${SECONDS} --real-clients ${REAL_CLIENTS} --systems ${SYSTEMS.join(',')} --point-measurements ${POINT_MEASUREMENTS}${values.out ? ` --out ${values.out}` : ''}`,
    date: new Date().toISOString(),
    machine: machine(),
    method: `server pinned to CPU 0; HTTP senders and clients pinned to CPU 1; the first ${REAL_CLIENTS} dashboards are real socket.io-clients (websocket), the rest light raw Engine.IO clients; latency sampled on 1 client in ${SAMPLE_EVERY} of each kind, from each event's scheduled send time; each point measured ${POINT_MEASUREMENTS} times per system, the systems alternating measurement by measurement, and judged on the median p99; knee = highest rate whose median p99 <= ${P99_LIMIT_MS} ms with every delivery made in each measurement; the baseline ("bare") is a bare Socket.IO server that batches what arrives per ${25} ms window as Concordia's hub does (bench/bareSocketServer.ts)${SYSTEMS.includes('bare') ? ', "per-event bare" one emit per event' : ''}. Other work may share the machine's 2 cores (each results file records the load average): absolute figures drift, the alternation keeps comparisons fair`,
    baseline: BASELINE,
    targets: targets_,
    knees,
    memoryKBPerConnection: memory,
    results,
    targetPoint,
    measurements,
  });
  console.log(file);
}

/**
 * Concordia on one PostgreSQL as one node, then as two nodes, on the same load: the same dashboards
 * in total (split in halves between the nodes) and the same events a second (sent in turn to each
 * node, as a load balancer spreads them; a node's dashboards get the other node's events through
 * the store, woken by LISTEN/NOTIFY). Both nodes on CPU 0, PostgreSQL unpinned, the generator on
 * CPU 1. CPU per delivery counts the node processes' CPU (/proc) over every delivery made. The two
 * configurations alternate, `--repeats` times each.
 */
async function cluster(): Promise<void> {
  pinSelf('1');
  const postgres = await startPostgres();
  const env = { CONCORDIA_DATABASE_URL: postgres.url };
  const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'concordia-fanout-node-')));
  const repeats = Number(values.repeats);
  const dispatcher = new Agent({ connections: 64 });
  const results: Measurement[] = [];
  try {
    const first = await startConcordia({ port: 3660, dataDir: dirs[0], env });
    try {
      for (let repeat = 0; repeat < repeats; repeat++) {
        for (const nodes of [1, 2]) {
          const second =
            nodes === 2 ? await startConcordia({ port: 3661, dataDir: dirs[1], env, credentials: first.server.credentials }) : undefined;
          try {
            for (const dashboards of DASHBOARDS) {
              const targets = second ? [first.target, second.target] : [first.target];
              const served: Served[] = [];
              for (const [i, target] of targets.entries()) {
                const share = Math.floor(dashboards / targets.length) + (i < dashboards % targets.length ? 1 : 0);
                served.push({ target, clients: await startClients(target, share) });
              }
              await measure(served, dashboards, RATES[0], dispatcher); // warm-up, not recorded
              for (const rate of RATES) results.push(await measure(served, dashboards, rate, dispatcher));
              for (const s of served) s.clients.send({ type: 'stop' });
            }
          } finally {
            await second?.server.stop();
          }
        }
      }
    } finally {
      await first.server.stop();
    }
  } finally {
    await dispatcher.close();
    await postgres.destroy();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  const comparisons = DASHBOARDS.flatMap((dashboards) =>
    RATES.map((rate) => {
      const of = (nodes: number) => results.filter((r) => r.nodes === nodes && r.dashboards === dashboards && r.rate === rate);
      const one = of(1);
      const two = of(2);
      const cpu1 = median(one.map((r) => r.cpuMicrosPerDelivery));
      const cpu2 = median(two.map((r) => r.cpuMicrosPerDelivery));
      return {
        dashboards,
        rate,
        oneNode: {
          cpuMicrosPerDelivery: cpu1,
          p99: median(one.map((r) => r.p99)),
          completeness: Math.min(...one.map((r) => r.completeness)),
        },
        twoNodes: {
          cpuMicrosPerDelivery: cpu2,
          p99: median(two.map((r) => r.p99)),
          completeness: Math.min(...two.map((r) => r.completeness)),
        },
        cpuPerDeliveryRatio: ratio(cpu2, cpu1),
        met: ratio(cpu2, cpu1) <= TARGET.cpuRatio,
      };
    }),
  );
  console.table(
    comparisons.map((c) => ({
      dashboards: c.dashboards,
      rate: c.rate,
      oneNodeMicros: c.oneNode.cpuMicrosPerDelivery,
      twoNodesMicros: c.twoNodes.cpuMicrosPerDelivery,
      ratio: c.cpuPerDeliveryRatio,
      p99One: c.oneNode.p99,
      p99Two: c.twoNodes.p99,
    })),
  );
  const file = writeResult(values.out ?? 'fanout-cluster', {
    command: `npm run bench:fanout -- --cluster --dashboards ${DASHBOARDS.join(',')} --rates ${RATES.join(',')} --seconds ${SECONDS} --real-clients ${REAL_CLIENTS} --repeats ${repeats}`,
    date: new Date().toISOString(),
    machine: machine(),
    method: `Concordia on one throwaway PostgreSQL, one node then two nodes (alternating, ${repeats} times each); both nodes pinned to CPU 0, PostgreSQL unpinned, HTTP senders and clients on CPU 1; two nodes: dashboards split in halves, events sent to the nodes in turn; CPU per delivery = the node processes' user+system CPU (/proc) ÷ deliveries made; the first ${REAL_CLIENTS} dashboards of each node are real socket.io-clients, the rest light raw Engine.IO clients. Other work may share the machine's 2 cores (each results file records the load average)`,
    target: { cpuPerDeliveryRatioAtMost: TARGET.cpuRatio, met: comparisons.every((c) => c.met) },
    comparisons,
    results,
  });
  console.log(file);
}

(values.cluster ? cluster() : sweep()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
