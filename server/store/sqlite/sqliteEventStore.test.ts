import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEventBatch } from '../../../lib/contract/validation.ts';
import type { ConcordiaEvent, EventInput } from '../../../lib/contract/events.ts';
import * as make from '../../../lib/testing/eventFactory.ts';
import { openDatabase } from './database.ts';
import { SqliteEventStore } from './sqliteEventStore.ts';

const valid = (...inputs: EventInput[]): ConcordiaEvent[] => {
  const parsed = parseEventBatch(inputs);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
};

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(dataDir = ':memory:') {
  const db = openDatabase({ dataDir });
  return { db, store: new SqliteEventStore(db) };
}

describe('SqliteEventStore', () => {
  it('assigns seq 1, 2, 3… per channel in append order', async () => {
    const { store } = openStore();
    const a = await store.append('live', valid(make.unitPosition(), make.queueUpdate()));
    const b = await store.append('live', valid(make.incident()));
    const t = await store.append('training:x', valid(make.bulletin()));
    expect([...a.stored, ...b.stored].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(t.stored[0].seq).toBe(1);
    expect((await store.read('live', { afterSeq: 0, limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await store.head('live')).toBe(3);
  });

  it('stores a repeated id once and reports it as a duplicate', async () => {
    const { store } = openStore();
    const event = valid(make.unitPosition())[0];
    await store.append('live', [event]);
    const again = await store.append('live', [event, ...valid(make.queueUpdate())]);
    expect(again.duplicates).toEqual([event.id]);
    expect(again.stored.map((e) => e.seq)).toEqual([2]);
    const inBatch = await store.append('live', [valid(make.bulletin({ id: 'same' }))[0], valid(make.bulletin({ id: 'same' }))[0]]);
    expect(inBatch.stored).toHaveLength(1);
    expect(inBatch.duplicates).toEqual(['same']);
    expect(await store.read('live', { afterSeq: 0, limit: 10 })).toHaveLength(3);
  });

  it('keeps concurrent appends apart: each gets its own seqs, committed together', async () => {
    const { store } = openStore();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append('live', valid(make.unitPosition({ unitId: `U${i}` })))),
    );
    const seqs = results.flatMap((r) => r.stored.map((e) => e.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('stores nothing of a batch that fails, and other appends of the same commit survive', async () => {
    const { db, store } = openStore();
    const good = store.append('live', valid(make.unitPosition()));
    // A row the database refuses (NOT NULL) halfway through a batch, to prove atomicity.
    const broken = store.append('live', [valid(make.queueUpdate())[0], { ...valid(make.bulletin())[0], type: null as never }]);
    await expect(broken).rejects.toThrow();
    await expect(good).resolves.toMatchObject({ stored: [{ seq: 1 }] });
    const next = await store.append('live', valid(make.incident()));
    expect(next.stored[0].seq).toBe(2);
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(2);
  });

  it('refuses to change or delete stored events', async () => {
    const { db, store } = openStore();
    await store.append('live', valid(make.unitPosition()));
    expect(() => db.prepare("UPDATE events SET body = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('keeps events across closing and reopening, and continues the seq', async () => {
    const dir = tempDir();
    const first = openStore(dir);
    await first.store.append('live', valid(make.unitPosition(), make.incident()));
    await first.store.close();
    first.db.close();
    const second = openStore(dir);
    const events = await second.store.read('live', { afterSeq: 0, limit: 10 });
    expect(events.map((e) => e.type)).toEqual(['unit.position', 'incident']);
    expect((await second.store.append('live', valid(make.bulletin()))).stored[0].seq).toBe(3);
    second.db.close();
  });

  it('reads a window filtered by audience', async () => {
    const { store } = openStore();
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
  });

  it('refuses appends after close but completes those already queued', async () => {
    const { store } = openStore();
    const inFlight = store.append('live', valid(make.unitPosition()));
    await store.close();
    await expect(inFlight).resolves.toMatchObject({ stored: [{ seq: 1 }] });
    await expect(store.append('live', valid(make.unitPosition()))).rejects.toThrow(/closed/);
  });
});

describe('ids per agency', () => {
  it('treats the same id from two agencies as two events', async () => {
    const { store } = openStore();
    const result = await store.append(
      'live',
      valid(make.bulletin({ id: 'q-0001', agency: 'pnp' }), make.bulletin({ id: 'q-0001', agency: 'pdi' })),
    );
    expect(result.stored).toHaveLength(2);
    expect(result.duplicates).toEqual([]);
  });
});
