import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as make from '../../../lib/testing/eventFactory.ts';
import { valid } from '../eventStoreSuite.ts';
import { StoreUnavailableError } from '../storeFault.ts';
import { openDatabase } from './database.ts';
import { SqliteEventStore } from './sqliteEventStore.ts';
import { ThreadWriter } from './sqliteWriter.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-writer-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** How late a 20 ms timer fires: what every request and socket write would wait meanwhile. */
async function timerLateness(): Promise<number> {
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return performance.now() - start - 20;
}

describe('the SQLite writer thread', () => {
  it('keeps the event loop turning while a commit waits for the database', async () => {
    const db = openDatabase({ dataDir: tempDir() });
    const store = new SqliteEventStore(db);
    // Another connection holds the write lock, as a long checkpoint or a slow disk would: the
    // writer's commit has to wait for it. On the event loop that wait would stall every timer.
    db.exec('BEGIN IMMEDIATE');
    const appended = store.append('live', valid(make.unitPosition()));
    let settled = false;
    void appended.finally(() => (settled = true));
    for (let i = 0; i < 5; i++) expect(await timerLateness()).toBeLessThan(50);
    expect(settled).toBe(false);
    db.exec('COMMIT');
    const { stored } = await appended;
    expect(stored.map((e) => e.seq)).toEqual([1]);
    expect((await store.read('live', { afterSeq: 0, limit: 5 })).map((e) => e.id)).toEqual([stored[0].id]);
    await store.close();
    db.close();
  });

  it('fails what a broken thread had in flight as a store fault, and starts a new thread for the next write', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'concordia.db');
    writeFileSync(file, 'this is not a database, and the writer thread cannot open it'.repeat(100));
    const writer = new ThreadWriter({ file, synchronous: 2, busyTimeoutMs: 100 });
    const row = { id: 'e-1', type: 'unit.position', agency: 'pdi', audience: 'all', occurredAt: new Date().toISOString(), body: '{}' };
    const refused = await writer.commit([{ channel: 'live', rows: [row] }]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as Error).message).toMatch(/storage unavailable/);

    rmSync(file);
    openDatabase({ dataDir: dir }).close();
    const result = await writer.commit([{ channel: 'live', rows: [row] }]);
    expect(result).toMatchObject({ ok: true, outcomes: [{ ok: true, seqs: [1] }] });
    await writer.close();
  });
});
