import pg from 'pg';
import { AGENCIES } from '../../../lib/contract/agencies.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Accounts } from '../accounts.ts';
import { Devices } from '../devices.ts';
import { bootstrapAccounts } from '../bootstrap.ts';
import { openDatabase } from '../../store/sqlite/database.ts';
import { startPostgres, type PostgresInstance } from '../../testing/postgresInstance.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyAccountsToPostgres } from './copyAccountsToPostgres.ts';

let instance: PostgresInstance;
let pool: pg.Pool;
let dir: string;

beforeAll(async () => {
  instance = await startPostgres();
  pool = new pg.Pool({ connectionString: instance.url, max: 2 });
  dir = mkdtempSync(path.join(tmpdir(), 'concordia-copy-'));
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await instance?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

it('copies every account table into PostgreSQL once, ids kept, and can be run again', async () => {
  const db = openDatabase({ dataDir: ':memory:' });
  const accounts = new Accounts(db, 60_000);
  await bootstrapAccounts(accounts, dir);
  new Devices(db).add('pnp', 'PNP-7');
  const first = await copyAccountsToPostgres(db, pool);
  expect(first.users).toEqual({ read: 7, inserted: 7 });
  expect(first.ingest_keys).toEqual({ read: AGENCIES.length, inserted: AGENCIES.length });
  expect(first.devices).toEqual({ read: 1, inserted: 1 });
  expect(first.tak_certificates).toEqual({ read: 0, inserted: 0 });
  const again = await copyAccountsToPostgres(db, pool);
  expect(again.users).toEqual({ read: 7, inserted: 0 });
  const sqliteIds = (db.prepare('SELECT id, username FROM users ORDER BY id').all() as { id: number; username: string }[]).map((row) => [
    row.id,
    row.username,
  ]);
  const { rows } = await pool.query<{ id: number; username: string }>('SELECT id, username FROM users ORDER BY id');
  expect(rows.map((row) => [row.id, row.username])).toEqual(sqliteIds);
  // A user added in PostgreSQL afterwards gets an id past the copied ones.
  const added = await pool.query<{ id: number }>(
    "INSERT INTO users (username, password_hash, role, agency, created_at) VALUES ('later', 'x', 'officer', 'pnp', 'now') RETURNING id",
  );
  expect(added.rows[0].id).toBe(8);
  db.close();
}, 60_000);
