import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../store/sqlite/database.ts';
import { accountStoreSuite } from './accountStoreSuite.ts';
import { SqliteAccountStore } from './sqlite/sqliteAccountStore.ts';
import { SqliteDeviceStore } from './sqlite/sqliteDeviceStore.ts';
import { SqliteTakRegistry } from './sqlite/sqliteTakRegistry.ts';

accountStoreSuite('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-auth-'));
  const db = openDatabase({ dataDir: dir });
  const devices = new SqliteDeviceStore(db);
  return {
    accounts: new SqliteAccountStore(db),
    devices,
    tak: new SqliteTakRegistry(db),
    dump: async () =>
      JSON.stringify(['users', 'ingest_keys', 'sessions', 'devices'].map((table) => db.prepare(`SELECT * FROM ${table}`).all())),
    dispose: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
