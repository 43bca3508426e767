/** The admin command line itself (its own process), against PostgreSQL: what it creates, a node signs in with. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Accounts } from '../auth/accounts.ts';
import { PostgresAccountStore } from '../auth/postgres/postgresAccountStore.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';

let instance: PostgresInstance;
let pool: pg.Pool;
let dir: string;

beforeAll(async () => {
  instance = await startPostgres();
  pool = new pg.Pool({ connectionString: instance.url, max: 2 });
  dir = mkdtempSync(path.join(tmpdir(), 'concordia-admin-pg-'));
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await instance?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const admin = async (...args: string[]) =>
  (
    await promisify(execFile)('npx', ['tsx', 'server/cli/admin.ts', ...args], {
      env: { ...process.env, CONCORDIA_DATA_DIR: dir, CONCORDIA_DATABASE_URL: instance.url },
    })
  ).stdout;

it('creates, lists and disables users and keys in PostgreSQL when CONCORDIA_DATABASE_URL is set', async () => {
  const created = await admin('user', 'add', 'ana.pg', '--role', 'coordinator', '--agency', 'pnp');
  const password = /password: (\S+)/.exec(created)![1];
  const accounts = new Accounts(new PostgresAccountStore(pool), 60_000);
  const session = await accounts.signIn('ana.pg', password);
  expect(session?.user).toMatchObject({ username: 'ana.pg', agency: 'pnp' });
  expect(await admin('user', 'list')).toMatch(/ana\.pg\tcoordinator\tpnp\t-\tactive/);
  const key = /: (ck_\S+)/.exec(await admin('key', 'add', '--agency', 'pdi'))![1];
  expect(await accounts.authenticate(key)).toMatchObject({ kind: 'key', agency: 'pdi' });
  await admin('user', 'disable', 'ana.pg');
  expect(await accounts.authenticate(session!.token)).toBeNull();
  // Nothing of it went to the SQLite file in the data dir (which keeps the audit trail).
  const db = openDatabase({ dataDir: dir });
  expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
  db.close();
}, 120_000);
