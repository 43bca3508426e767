import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../store/storeFault.ts';
import { Accounts } from './accounts.ts';
import type { AccountStore } from './stores.ts';
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

describe('while the account store is down', () => {
  it('takes a credential found valid moments ago as still valid, refuses others with the store fault, and checks again once it is back', async () => {
    const db = openDatabase({ dataDir: ':memory:' });
    const real = new SqliteAccountStore(db);
    let down = false;
    const fault = () => new StoreUnavailableError('postgresql', 'unreachable', 'connection refused');
    // The real store, except that its look-ups fail while `down`.
    const store: AccountStore = Object.assign(Object.create(real) as AccountStore, {
      findKey: (keyId: string) => (down ? Promise.reject(fault()) : real.findKey(keyId)),
      sessionUser: (hash: string, now: string) => (down ? Promise.reject(fault()) : real.sessionUser(hash, now)),
    });
    const accounts = new Accounts(store, 60_000);
    const { key: seen } = await accounts.createKey('pnp', 'seen before the outage');
    const { key: unseen } = await accounts.createKey('pnp', 'first used during the outage');
    expect(await accounts.authenticate(seen)).toMatchObject({ kind: 'key', agency: 'pnp' });
    down = true;
    expect(await accounts.authenticate(seen)).toMatchObject({ kind: 'key', agency: 'pnp' });
    await expect(accounts.authenticate(unseen)).rejects.toBeInstanceOf(StoreUnavailableError);
    down = false;
    const { keyId } = (await accounts.listKeys()).find((k) => k.label === 'seen before the outage')!;
    await accounts.disableKey(keyId);
    expect(await accounts.authenticate(seen)).toBeNull();
    down = true;
    // Refused once by the store: not remembered as valid any more.
    await expect(accounts.authenticate(seen)).rejects.toBeInstanceOf(StoreUnavailableError);
    db.close();
  });
});
