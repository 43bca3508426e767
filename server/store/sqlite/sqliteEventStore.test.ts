import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventStoreSuite, type StoreUnderTest } from '../eventStoreSuite.ts';
import { openDatabase } from './database.ts';
import { SqliteEventStore } from './sqliteEventStore.ts';

/** Each store gets its own data dir, so reopening reads the same file. */
function openAt(dataDir: string, removeDir: boolean): StoreUnderTest {
  const db = openDatabase({ dataDir });
  const store = new SqliteEventStore(db);
  const closeAll = async () => {
    await store.close();
    if (db.open) db.close();
  };
  return {
    store,
    countRows: async () => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
    tamper: async (kind) => {
      db.prepare(kind === 'update' ? "UPDATE events SET body = '{}'" : 'DELETE FROM events').run();
    },
    reopen: async () => {
      await closeAll();
      return openAt(dataDir, removeDir);
    },
    dispose: async () => {
      await closeAll();
      if (removeDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

eventStoreSuite('SQLite', async () => openAt(mkdtempSync(path.join(tmpdir(), 'concordia-store-')), true));
