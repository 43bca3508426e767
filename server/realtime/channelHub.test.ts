import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../lib/contract/socket.ts';
import { audienceOf, isVisibleTo, type ReaderScope } from '../../lib/contract/releasability.ts';
import { project } from '../../lib/projection/picture.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import type { EventStore } from '../store/eventStore.ts';
import { BROADCAST_WINDOW_MS, ChannelHub, MAX_BROADCAST_WINDOW_MS } from './channelHub.ts';

const noStore = { read: async () => [] } as unknown as EventStore;
let hub: ChannelHub;
afterEach(() => hub.close());

async function openHub(maxUnappliedEvents?: number): Promise<{ batches: Array<{ scope: ReaderScope; batch: EventBatch }> }> {
  hub = new ChannelHub(noStore, BROADCAST_WINDOW_MS, maxUnappliedEvents);
  await hub.open('live');
  const batches: Array<{ scope: ReaderScope; batch: EventBatch }> = [];
  hub.listen({ batch: (scope, batch) => batches.push({ scope, batch }), heartbeat: () => {} });
  return { batches };
}

/** `steps` positions of each of `units` units, unit by unit within each step, numbered from `firstSeq`. */
function fleetMoves(units: number, steps: number, firstSeq = 1) {
  const inputs = [];
  for (let step = 0; step < steps; step++) {
    for (let u = 0; u < units; u++) {
      const occurredAt = new Date(Date.UTC(2025, 11, 1, 17, 0, 0, step * 100)).toISOString();
      inputs.push(make.unitPosition({ unitId: `U-${u}`, occurredAt, position: { lat: -18.4 + step / 1000, lon: -70.3 + u / 1000 } }));
    }
  }
  return make.stored(inputs, 'live', firstSeq);
}

describe('ChannelHub under a flood of positions', () => {
  it('sends each unit’s latest place per batch, covering every seq, with the picture of all events', async () => {
    const { batches } = await openHub();
    const events = fleetMoves(100, 4);
    hub.publish('live', events);
    hub.flush();
    const cl = batches.find((b) => b.scope === 'CL')!.batch;
    expect(cl).toMatchObject({ after: 0, through: 400 });
    expect(cl.events).toHaveLength(100);
    expect(cl.events.every((e) => e.seq > 300)).toBe(true);
    expect(hub.snapshot('live', 'CL').picture).toEqual({ ...project(events), seq: 400 });
  });

  it('widens the window while floods last and narrows it back after', async () => {
    await openHub();
    expect(hub.currentWindowMs).toBe(BROADCAST_WINDOW_MS);
    let seq = 0;
    const flushOf = (count: number) => {
      const events = fleetMoves(count, 1, seq + 1);
      seq += count;
      hub.publish('live', events);
      hub.flush();
    };
    for (let i = 0; i < 6; i++) flushOf(5_000); // 5,000 events in at most 400 ms: over 8,000 a second
    expect(hub.currentWindowMs).toBe(MAX_BROADCAST_WINDOW_MS);
    for (let i = 0; i < 6; i++) flushOf(10);
    expect(hub.currentWindowMs).toBe(BROADCAST_WINDOW_MS);
  });

  it('sends every event when units move no more than once a batch', async () => {
    const { batches } = await openHub();
    hub.publish('live', fleetMoves(50, 1));
    hub.flush();
    expect(batches.find((b) => b.scope === 'PE')!.batch.events).toHaveLength(50);
  });
});

describe('ChannelHub pictures', () => {
  it('stay equal to the projection of what each scope may see while they catch up a scope at a time', async () => {
    await openHub(50);
    // Chilean-only, Peruvian-only and binational events, so each scope's picture differs.
    const inputs = [];
    for (let i = 0; i < 600; i++) {
      const agency = (['carabineros', 'pnp', 'pdi'] as const)[i % 3];
      const occurredAt = new Date(Date.UTC(2025, 11, 1, 17, 0, i)).toISOString();
      inputs.push(make.unitPosition({ agency, unitId: `U-${i % 40}`, occurredAt, releasability: i % 2 ? 'national' : 'binational' }));
    }
    const events = make.stored(inputs);
    for (let i = 0; i < events.length; i += 30) {
      hub.publish('live', events.slice(i, i + 30));
      hub.flush();
    }
    for (const scope of ['CL', 'PE', 'binational-only'] as const) {
      const visible = events.filter((e) => isVisibleTo(audienceOf(e), scope));
      expect(hub.snapshot('live', scope).picture).toEqual({ ...project(visible), seq: 600 });
    }
  });
});

describe('ChannelHub timing', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the first event after a quiet spell at once, and waits the window while traffic is steady', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    const { batches } = await openHub();
    const [first, second, third] = make.stored([make.unitPosition(), make.unitPosition(), make.unitPosition()]);

    vi.advanceTimersByTime(BROADCAST_WINDOW_MS); // quiet since the hub opened
    hub.publish('live', [first]);
    vi.advanceTimersByTime(1);
    expect(batches.filter((b) => b.scope === 'CL').map((b) => b.batch.through)).toEqual([1]);

    hub.publish('live', [second]); // a batch just left: this one waits the window…
    hub.publish('live', [third]); // …and goes with what arrives meanwhile
    vi.advanceTimersByTime(BROADCAST_WINDOW_MS - 2);
    expect(batches.filter((b) => b.scope === 'CL')).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(batches.filter((b) => b.scope === 'CL').map((b) => [b.batch.after, b.batch.through])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('holds an event that arrives part-way through the window only for what is left of it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    const { batches } = await openHub();
    const [first, second] = make.stored([make.unitPosition(), make.unitPosition()]);
    const sent = () => batches.filter((b) => b.scope === 'CL').map((b) => b.batch.through);

    vi.advanceTimersByTime(BROADCAST_WINDOW_MS);
    hub.publish('live', [first]);
    vi.advanceTimersByTime(0);
    expect(sent()).toEqual([1]);
    // 15 ms into the window (a 1,000-socket broadcast takes about that): 10 ms are left, not 25.
    vi.advanceTimersByTime(15);
    hub.publish('live', [second]);
    vi.advanceTimersByTime(BROADCAST_WINDOW_MS - 15 - 1);
    expect(sent()).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(sent()).toEqual([1, 2]);
  });
});
