import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEventBatch } from '../../../lib/contract/validation.ts';
import type { ConcordiaEvent } from '../../../lib/contract/events.ts';
import * as make from '../../../lib/testing/eventFactory.ts';
import { BackgroundCheckpoints } from './backgroundCheckpoints.ts';
import { openDatabase } from './database.ts';
import { SqliteEventStore } from './sqliteEventStore.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openFileStore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-checkpoints-'));
  const db = openDatabase({ dataDir: dir });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => db.close());
  return { db, dir, store: new SqliteEventStore(db), wal: path.join(dir, 'concordia.db-wal') };
}

function positions(count: number): ConcordiaEvent[] {
  const parsed = parseEventBatch(Array.from({ length: count }, () => make.unitPosition()));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

/** The worker's timer is set far out: the tests ask for each checkpoint (checkpointNow). */
const BY_REQUEST_ONLY = 3_600_000;

describe('BackgroundCheckpoints', () => {
  it('copies what was committed into the database file from a worker; the server connection never checkpoints', async () => {
    const { db, store, dir } = openFileStore();
    const checkpoints = new BackgroundCheckpoints({ db, sync: 'FULL', intervalMs: BY_REQUEST_ONLY });
    cleanups.push(() => checkpoints.stop());
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    await store.append('live', positions(200));
    const result = await checkpoints.checkpointNow();
    expect(result).toMatchObject({ busy: 0 });
    expect(result.checkpointed).toBe(result.log);

    // The database file alone, without its WAL, now holds the events.
    copyFileSync(path.join(dir, 'concordia.db'), path.join(dir, 'copy.db'));
    const copy = new Database(path.join(dir, 'copy.db'), { readonly: true });
    expect(copy.prepare("SELECT count(*) AS n FROM events WHERE channel = 'live'").get()).toEqual({ n: 200 });
    copy.close();

    await checkpoints.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('keeps the WAL from growing under steady writes: after each checkpoint it starts over', async () => {
    const { db, store, wal } = openFileStore();
    const checkpoints = new BackgroundCheckpoints({ db, sync: 'FULL', intervalMs: BY_REQUEST_ONLY });
    cleanups.push(() => checkpoints.stop());

    let framesWritten = 0;
    for (let round = 0; round < 10; round++) {
      await store.append('live', positions(500));
      framesWritten += (await checkpoints.checkpointNow()).log;
    }
    // Had the WAL only grown, it would hold every frame written; started over, it holds about
    // the largest round's (later rounds touch more index pages than early ones).
    const frameBytes = (db.pragma('page_size', { simple: true }) as number) + 24;
    expect(statSync(wal).size).toBeLessThan((framesWritten * frameBytes) / 2);
    expect(await store.read('live', { afterSeq: 0, limit: 10_000 })).toHaveLength(5_000);
  });

  it('checkpoints on its own timer', async () => {
    const { db, store } = openFileStore();
    let copied!: () => void;
    const timed = new Promise<void>((resolve) => (copied = resolve));
    const checkpoints = new BackgroundCheckpoints({
      db,
      sync: 'FULL',
      intervalMs: 10,
      onCheckpoint: (result) => result.log > 0 && result.checkpointed === result.log && copied(),
    });
    cleanups.push(() => checkpoints.stop());
    await store.append('live', positions(10));
    await timed;
  });

  it('refuses an in-memory database, which has no WAL', () => {
    const db = openDatabase({ dataDir: ':memory:' });
    cleanups.push(() => db.close());
    expect(() => new BackgroundCheckpoints({ db, sync: 'FULL' })).toThrow(/no WAL/);
  });
});
