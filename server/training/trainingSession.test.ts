/**
 * The session's release logic under a fake monotonic clock: the exercise clock keeps to its
 * schedule however late the ticks fire, events go out in time order at the first tick after their
 * time, and a seek numbers its snapshot past everything sent before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eventInputSchema, type StoredEvent } from '../../lib/contract/events.ts';
import type { EventBatch, Snapshot } from '../../lib/contract/socket.ts';
import type { Scenario } from '../../lib/scenario/scenarioFile.ts';
import { Timeline } from '../../lib/scenario/timeline.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import { TrainingSession } from './trainingSession.ts';

const HOUR = 3_600_000;
const START = Date.parse('2025-12-01T00:00:00-03:00');
const noStore = { read: async () => [] } as unknown as EventStore;

/** A minute-by-minute scenario over three hours: queue counts, and a bulletin each hour. */
function scenario(): Scenario {
  const events = [];
  for (let m = 0; m <= 180; m++) {
    const occurredAt = new Date(START + m * 60_000).toISOString();
    events.push(eventInputSchema.parse(make.queueUpdate({ id: `q-${m}`, occurredAt, waiting: m })));
    if (m % 60 === 30) events.push(eventInputSchema.parse(make.bulletin({ id: `b-${m}`, occurredAt })));
  }
  return {
    format: 'concordia-scenario/1',
    id: 'test',
    title: { es: 't', en: 't' },
    description: { es: 't', en: 't' },
    start: new Date(START).toISOString(),
    end: new Date(START + 3 * HOUR).toISOString(),
    generator: { script: 'test', seed: 'test' },
    milestones: [],
    facts: [],
    calibration: { exitsToPeruPerDay: {}, entriesToChilePerDay: {}, note: 'test' },
    notes: [],
    events,
  };
}

let hub: ChannelHub;
afterEach(() => hub?.close());

function setup() {
  hub = new ChannelHub(noStore, 1_000_000); // batches flushed by hand
  const sent: StoredEvent[] = [];
  const resets: Snapshot[] = [];
  hub.listen({
    batch: (scope, batch: EventBatch) => scope === 'CL' && sent.push(...batch.events),
    heartbeat: () => {},
    reset: (scope, snapshot) => scope === 'CL' && resets.push(snapshot),
  });
  let real = 0;
  const reserved: number[] = [];
  const s = scenario();
  const session = new TrainingSession({
    id: 'x',
    channel: 'training:x',
    scenario: s,
    timeline: new Timeline(s.events),
    hub,
    clocks: { monotonic: () => real, wall: () => 1_700_000_000_000 + real },
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: 'trainer',
    at: START,
    speed: 1,
    seqFloor: 0,
    reserveSeqs: (through) => reserved.push(through),
    clockChanged: () => {},
  });
  session.open();
  return { session, sent, resets, reserved, advance: (ms: number) => (real += ms) };
}

describe('TrainingSession', () => {
  it('at 3600× stays within 1 s of schedule across an exercise hour, however irregular the ticks', () => {
    const { session, sent, advance } = setup();
    session.setSpeed(3_600);
    session.play();
    const opening = session.seq;
    // Ticks as a loaded event loop fires them: late, early, bunched.
    const delays = [100, 100, 180, 20, 250, 100, 5, 95, 150];
    let realElapsed = 0;
    let previous = START;
    while (realElapsed < 1_000) {
      const step = Math.min(delays[sent.length % delays.length], 1_000 - realElapsed);
      advance(step);
      realElapsed += step;
      const before = sent.length;
      session.tick();
      hub.flush();
      const now = session.clock.time();
      // The schedule: exercise time = start + 3600 × real time, to the millisecond.
      expect(Math.abs(now - (START + realElapsed * 3_600))).toBeLessThan(1_000);
      // Everything sent at this tick fell due since the last one: never early, never held back.
      for (const event of sent.slice(before)) {
        const at = Date.parse(event.occurredAt);
        expect(at).toBeGreaterThan(previous);
        expect(at).toBeLessThanOrEqual(now);
      }
      previous = now;
    }
    expect(session.clock.time()).toBe(START + HOUR);
    // The whole hour went out, in time order, with consecutive seqs.
    expect(sent.map((e) => e.id)).toEqual(
      scenario()
        .events.filter((e) => Date.parse(e.occurredAt) > START && Date.parse(e.occurredAt) <= START + HOUR)
        .map((e) => e.id),
    );
    expect(sent.map((e) => e.seq)).toEqual(sent.map((_, i) => opening + 1 + i));
  });

  it('stops at the end of the scenario', () => {
    const { session, advance } = setup();
    session.setSpeed(86_400);
    session.play();
    advance(10_000);
    session.tick();
    expect(session.clock.isPlaying).toBe(false);
    expect(session.state()).toMatchObject({ ended: true, exerciseTime: START + 3 * HOUR });
  });

  it('seeks with one snapshot numbered past everything sent, and reserves seqs before using them', () => {
    const { session, sent, resets, reserved, advance } = setup();
    session.setSpeed(60);
    session.play();
    advance(30_000); // half an exercise hour
    session.tick();
    hub.flush();
    const before = session.seq;
    session.seek(START + 2 * HOUR);
    expect(resets).toHaveLength(1);
    const snapshot = resets[0];
    expect(snapshot.seq).toBe(session.seq);
    expect(snapshot.seq).toBeGreaterThan(before);
    expect(snapshot.picture.queues['santa-rosa/to-peru'].waiting).toBe(120);
    expect(Math.max(...snapshot.picture.feed.map((e) => e.seq))).toBeLessThanOrEqual(snapshot.seq);
    expect(Math.min(...snapshot.picture.feed.map((e) => e.seq))).toBeGreaterThan(before);
    expect(Math.max(...reserved)).toBeGreaterThanOrEqual(session.seq);
    // Back to the start: still a higher seq, and the picture is empty of later events.
    session.seek(START - HOUR);
    expect(resets[1].seq).toBeGreaterThan(resets[0].seq);
    expect(resets[1].picture.queues['santa-rosa/to-peru'].waiting).toBe(0);
    expect(sent.every((e) => e.seq <= before)).toBe(true);
  });
});
