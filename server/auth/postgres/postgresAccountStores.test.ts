import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresInstance } from '../../testing/postgresInstance.ts';
import { migrate } from '../../store/postgres/migrations.ts';
import { Accounts } from '../accounts.ts';
import { accountStoreSuite } from '../accountStoreSuite.ts';
import { bootstrapAccounts } from '../bootstrap.ts';
import { PostgresAccountStore } from './postgresAccountStore.ts';
import { PostgresDeviceStore } from './postgresDeviceStore.ts';
import { PostgresTakRegistry } from './postgresTakRegistry.ts';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let instance: PostgresInstance;
let admin: pg.Pool;
let databases = 0;

beforeAll(async () => {
  instance = await startPostgres();
  admin = new pg.Pool({ connectionString: instance.url, max: 2 });
}, 60_000);
afterAll(async () => {
  await admin?.end();
  await instance?.destroy();
}, 60_000);

/** A fresh, migrated database per test. */
async function freshPool(): Promise<{ pool: pg.Pool; url: string }> {
  const name = `a${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(instance.url);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  await migrate(pool);
  return { pool, url: url.toString() };
}

accountStoreSuite('PostgreSQL', async () => {
  const { pool } = await freshPool();
  return {
    accounts: new PostgresAccountStore(pool),
    devices: new PostgresDeviceStore(pool),
    tak: new PostgresTakRegistry(pool),
    dump: async () =>
      JSON.stringify(
        await Promise.all(
          ['users', 'ingest_keys', 'sessions', 'devices'].map(async (table) => (await pool.query(`SELECT * FROM ${table}`)).rows),
        ),
      ),
    dispose: () => pool.end(),
  };
});

describe('PostgreSQL accounts across nodes', () => {
  it('bootstraps once when three nodes start on an empty database at the same moment', async () => {
    const { pool, url } = await freshPool();
    const pools = [pool, new pg.Pool({ connectionString: url, max: 2 }), new pg.Pool({ connectionString: url, max: 2 })];
    const dirs = pools.map(() => mkdtempSync(path.join(tmpdir(), 'concordia-boot-')));
    try {
      const files = await Promise.all(pools.map((p, i) => bootstrapAccounts(new Accounts(new PostgresAccountStore(p), 60_000), dirs[i])));
      expect(files.filter((file) => file !== null)).toHaveLength(1);
      expect(dirs.map((dir) => readdirSync(dir).length).sort()).toEqual([0, 0, 1]);
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM users');
      expect(Number(rows[0].n)).toBe(7);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a session opened through one pool is known through another, and a sign-out through it holds at once', async () => {
    const { pool, url } = await freshPool();
    const other = new pg.Pool({ connectionString: url, max: 2 });
    const dir = mkdtempSync(path.join(tmpdir(), 'concordia-boot-'));
    try {
      const a = new Accounts(new PostgresAccountStore(pool), 60_000);
      const b = new Accounts(new PostgresAccountStore(other), 60_000);
      await bootstrapAccounts(a, dir);
      const { password } = await a.createUser({ username: 'ana', role: 'coordinator', agency: 'pnp' });
      const session = await b.signIn('ana', password);
      const principal = await a.authenticate(session!.token);
      expect(principal).toMatchObject({ kind: 'user', username: 'ana' });
      await b.signOut(principal?.kind === 'user' ? principal.sessionHash! : '');
      expect(await a.authenticate(session!.token)).toBeNull();
    } finally {
      await Promise.all([pool.end(), other.end()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
