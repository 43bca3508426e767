/**
 * The one behaviour suite every EventStore must pass: run by sqliteEventStore.test.ts and
 * postgresEventStore.test.ts with their own factory, so both engines are held to the same rules.
 */
import { describe, expect, it } from 'vitest';
import { parseEventBatch } from '../../lib/contract/validation.ts';
import type { ConcordiaEvent, EventInput } from '../../lib/contract/events.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import type { EventStore } from './eventStore.ts';

export interface StoreUnderTest {
  store: EventStore;
  /** Rows in the events table, read straight from the engine. */
  countRows(): Promise<number>;
  /** Runs an UPDATE or DELETE on the events table directly, bypassing the store. */
  tamper(kind: 'update' | 'delete'): Promise<void>;
  /** Closes the store and opens a new one on the same data. */
  reopen(): Promise<StoreUnderTest>;
  /** Closes and frees everything. */
  dispose(): Promise<void>;
}

export const valid = (...inputs: EventInput[]): ConcordiaEvent[] => {
  const parsed = parseEventBatch(inputs);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
};

export function eventStoreSuite(name: string, open: () => Promise<StoreUnderTest>): void {
  async function withStore(run: (s: StoreUnderTest) => Promise<StoreUnderTest | void>): Promise<void> {
    let s = await open();
    try {
      s = (await run(s)) ?? s;
    } finally {
      await s.dispose();
    }
  }

  describe(`${name}: the event store contract`, () => {
    it('assigns seq 1, 2, 3… per channel in append order', () =>
      withStore(async ({ store }) => {
        const a = await store.append('live', valid(make.unitPosition(), make.queueUpdate()));
        const b = await store.append('live', valid(make.incident()));
        const t = await store.append('training:x', valid(make.bulletin()));
        expect([...a.stored, ...b.stored].map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(t.stored[0].seq).toBe(1);
        expect((await store.read('live', { afterSeq: 0, limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await store.head('live')).toBe(3);
        expect(await store.head('nothing-here')).toBe(0);
      }));

    it('reads back exactly what was stored', () =>
      withStore(async ({ store }) => {
        const [event] = valid(make.incident({ releasability: 'national' }));
        const { stored } = await store.append('live', [event]);
        const [read] = await store.read('live', { afterSeq: 0, limit: 1 });
        expect(read).toEqual(stored[0]);
        expect(read).toMatchObject(event);
      }));

    it('stores a repeated id once and reports it as a duplicate', () =>
      withStore(async ({ store }) => {
        const event = valid(make.unitPosition())[0];
        await store.append('live', [event]);
        const again = await store.append('live', [event, ...valid(make.queueUpdate())]);
        expect(again.duplicates).toEqual([event.id]);
        expect(again.stored.map((e) => e.seq)).toEqual([2]);
        const inBatch = await store.append('live', [valid(make.bulletin({ id: 'same' }))[0], valid(make.bulletin({ id: 'same' }))[0]]);
        expect(inBatch.stored).toHaveLength(1);
        expect(inBatch.duplicates).toEqual(['same']);
        expect(await store.read('live', { afterSeq: 0, limit: 10 })).toHaveLength(3);
      }));

    it('treats the same id from two agencies as two events', () =>
      withStore(async ({ store }) => {
        const result = await store.append(
          'live',
          valid(make.bulletin({ id: 'q-0001', agency: 'pnp' }), make.bulletin({ id: 'q-0001', agency: 'pdi' })),
        );
        expect(result.stored).toHaveLength(2);
        expect(result.duplicates).toEqual([]);
      }));

    it('keeps concurrent appends apart: each gets its own seqs, committed together', () =>
      withStore(async ({ store }) => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.append('live', valid(make.unitPosition({ unitId: `U${i}` })))),
        );
        const seqs = results.flatMap((r) => r.stored.map((e) => e.seq)).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      }));

    it('stores an id sent in two appends of one commit once, for the first, and numbers the rest on', () =>
      withStore(async ({ store, countRows }) => {
        const [position] = valid(make.unitPosition({ unitId: 'U1' }));
        const [queue] = valid(make.queueUpdate());
        const [first, second] = await Promise.all([store.append('live', [position]), store.append('live', [position, queue])]);
        expect(first.stored.map((e) => e.seq)).toEqual([1]);
        expect(second).toMatchObject({ duplicates: [position.id], stored: [{ id: queue.id, seq: 2 }] });
        expect(await countRows()).toBe(2);
      }));

    it('a retry of a stored id among new appends of one commit: only it is a duplicate, and the seqs have no gap', () =>
      withStore(async ({ store, countRows }) => {
        const [stored] = valid(make.unitPosition({ unitId: 'U1' }));
        await store.append('live', [stored]);
        const fresh = Array.from({ length: 3 }, (_, i) => valid(make.queueUpdate({ waiting: i }))[0]!);
        const [a, retry, b, c] = await Promise.all([
          store.append('live', [fresh[0]!]),
          store.append('live', [stored]),
          store.append('training:x', [fresh[1]!]),
          store.append('live', [fresh[2]!]),
        ]);
        expect(retry).toEqual({ stored: [], duplicates: [stored.id] });
        expect([a, c].flatMap((r) => r.stored.map((e) => e.seq)).sort()).toEqual([2, 3]);
        expect(b.stored.map((e) => e.seq)).toEqual([1]);
        const live = await store.read('live', { afterSeq: 0, limit: 10 });
        expect(live.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await countRows()).toBe(4);
      }));

    it('stores nothing of a batch that fails, and other appends of the same commit survive', () =>
      withStore(async ({ store, countRows }) => {
        const good = store.append('live', valid(make.unitPosition()));
        // A row the database refuses (NOT NULL) halfway through a batch, to prove atomicity.
        const broken = store.append('live', [valid(make.queueUpdate())[0], { ...valid(make.bulletin())[0], type: null as never }]);
        await expect(broken).rejects.toThrow();
        await expect(good).resolves.toMatchObject({ stored: [{ seq: 1 }] });
        const next = await store.append('live', valid(make.incident()));
        expect(next.stored[0].seq).toBe(2);
        expect(await countRows()).toBe(2);
      }));

    it('refuses to change or delete stored events', () =>
      withStore(async ({ store, tamper }) => {
        await store.append('live', valid(make.unitPosition()));
        await expect(tamper('update')).rejects.toThrow(/append-only/);
        await expect(tamper('delete')).rejects.toThrow(/append-only/);
      }));

    it('keeps events across closing and reopening, and continues the seq', () =>
      withStore(async (first) => {
        await first.store.append('live', valid(make.unitPosition(), make.incident()));
        const second = await first.reopen();
        const events = await second.store.read('live', { afterSeq: 0, limit: 10 });
        expect(events.map((e) => e.type)).toEqual(['unit.position', 'incident']);
        expect((await second.store.append('live', valid(make.bulletin()))).stored[0].seq).toBe(3);
        return second;
      }));

    it('reads a window filtered by audience', () =>
      withStore(async ({ store }) => {
        await store.append(
          'live',
          valid(
            make.unitPosition(),
            make.unitPosition({ releasability: 'national' }),
            make.incident({ agency: 'pnp', releasability: 'national' }),
          ),
        );
        const chile = await store.read('live', { afterSeq: 0, limit: 10, audiences: ['all', 'CL'] });
        expect(chile.map((e) => e.seq)).toEqual([1, 2]);
        const window = await store.read('live', { afterSeq: 1, throughSeq: 2, limit: 10 });
        expect(window.map((e) => e.seq)).toEqual([2]);
      }));

    it('reports itself ready: reachable, migrated and a probe write committed, without touching the log', () =>
      withStore(async ({ store, countRows }) => {
        await expect(store.probe()).resolves.toMatchObject({ reachable: true, migrated: true, writable: true });
        await expect(store.probe()).resolves.not.toHaveProperty('problem');
        expect(await countRows()).toBe(0);
      }));

    it('refuses appends after close but completes those already queued', () =>
      withStore(async ({ store }) => {
        const inFlight = store.append('live', valid(make.unitPosition()));
        await store.close();
        await expect(inFlight).resolves.toMatchObject({ stored: [{ seq: 1 }] });
        await expect(store.append('live', valid(make.unitPosition()))).rejects.toThrow(/closed/);
      }));
  });
}
