/**
 * `npm run data -- migrate-to-postgres`: a SQLite data dir holding the Dec-2025 scenario's events,
 * the first-start accounts and an audit entry is copied into a throwaway PostgreSQL. The rows are
 * the same (seqs and ids kept), a node on PostgreSQL shows the same picture as a node on the
 * SQLite file, the accounts' passwords still verify, a second run copies nothing twice, and a
 * target holding someone else's data is refused unless --force.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConcordiaEvent } from '../../lib/contract/events.ts';
import { parseScenario } from '../../lib/scenario/scenarioFile.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { Accounts } from '../auth/accounts.ts';
import { bootstrapAccounts } from '../auth/bootstrap.ts';
import { readInitialCredentials } from '../auth/initialCredentials.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { SqliteTakRegistry } from '../auth/sqlite/sqliteTakRegistry.ts';
import { TakCertificates, type IssuedCertificate } from '../auth/takCertificates.ts';
import { PostgresTakRegistry } from '../auth/postgres/postgresTakRegistry.ts';
import { SqliteAuditLog } from '../audit/auditLog.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { SqliteEventStore } from '../store/sqlite/sqliteEventStore.ts';
import { openPostgresEventStore } from '../store/postgres/postgresEventStore.ts';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { runData } from './data.ts';

let postgres: PostgresInstance;
let admin: pg.Pool;
let dataDir: string;
let databases = 0;

/** A fresh, empty database on the instance. */
async function freshDatabase(): Promise<string> {
  const name = `m${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const code = await runData(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdout: sink, env: {} });
  return { code, out, err };
}

const EVENT_COLUMNS = 'channel, seq, id, type, agency, audience, occurred_at, received_at, body';

function sqliteRows(db: Database.Database): unknown[] {
  return db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY channel, seq`).all();
}

async function postgresRows(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY channel, seq`);
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  } finally {
    await client.end();
  }
}

/** What a reader sees on a node over this event store: GET /api/state, as each of two scopes. */
async function pictures(server: TestServer): Promise<unknown[]> {
  return Promise.all(
    ['coordinator-cl', 'coordinator-pe'].map(async (username) => {
      const token = await server.signIn(username);
      const res = await fetch(`${server.url}/api/state`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return res.json();
    }),
  );
}

let scenarioEvents: ConcordiaEvent[];
let takIssued: IssuedCertificate;

beforeAll(async () => {
  postgres = await startPostgres();
  admin = new pg.Pool({ connectionString: postgres.url, max: 2 });
  // The source: a data dir as a single-machine Concordia leaves it.
  dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-migrate-'));
  const parsed = parseScenario(JSON.parse(readFileSync('data/scenarios/dec-2025.json', 'utf8')));
  if (!parsed.ok) throw new Error('the Dec-2025 scenario does not parse');
  scenarioEvents = parsed.value.events;
  const db = openDatabase({ dataDir });
  const store = new SqliteEventStore(db);
  for (let i = 0; i < scenarioEvents.length; i += 1_000) await store.append('live', scenarioEvents.slice(i, i + 1_000));
  await store.append('training', [make.bulletin({ agency: 'comite-binacional' })] as ConcordiaEvent[]);
  await bootstrapAccounts(new Accounts(db, 3_600_000), dataDir);
  new SqliteAuditLog(db).record({ actor: 'admin', action: 'session.signin', outcome: 'ok' });
  takIssued = await new TakCertificates(db, dataDir).issue({ agency: 'pnp', unit: 'PNP-7' });
  // As an older version left its data dir: the TAK CA as files in tak/, not in the database.
  const ca = (await new SqliteTakRegistry(db).authority())!;
  mkdirSync(path.join(dataDir, 'tak'), { recursive: true });
  writeFileSync(path.join(dataDir, 'tak', 'ca.key.pem'), ca.keyPem, { mode: 0o600 });
  writeFileSync(path.join(dataDir, 'tak', 'ca.cert.pem'), ca.certPem);
  db.prepare('DELETE FROM tak_authority').run();
  await store.close();
  db.close();
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await postgres?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('migrate-to-postgres', () => {
  it('copies the event log with its seqs and ids, the accounts and the audit trail; a node on PostgreSQL shows the same picture', async () => {
    const url = await freshDatabase();
    const run = await cli(['migrate-to-postgres', '--to', url, '--data-dir', dataDir]);
    expect(run.err.join('\n')).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.out.join('\n')).toMatch(new RegExp(`${scenarioEvents.length + 1} events on 2 channels`));

    const db = openDatabase({ dataDir });
    try {
      const source = sqliteRows(db);
      expect(source).toHaveLength(scenarioEvents.length + 1);
      expect(await postgresRows(url)).toEqual(source);

      // The same picture from a node on each store.
      const onSqlite = await startTestServer({ eventStore: new SqliteEventStore(db) });
      const before = await pictures(onSqlite);
      await onSqlite.close();
      // Not two empty pictures: the whole scenario is in them.
      expect(before[0]).toMatchObject({ channel: 'live', seq: scenarioEvents.length });
      expect(Object.keys((before[0] as { picture: { units: object } }).picture.units).length).toBeGreaterThan(5);
      const onPostgres = await startTestServer({ eventStore: await openPostgresEventStore(url, 2) });
      try {
        expect(await pictures(onPostgres)).toEqual(before);
        // New events continue the copied seqs.
        const res = await onPostgres.post(make.bulletin({ agency: 'pnp' }), onPostgres.keyOf('pnp'));
        expect(res.status).toBe(201);
        expect(await onPostgres.storedHead()).toBe(scenarioEvents.length + 1);
      } finally {
        await onPostgres.close();
      }
    } finally {
      db.close();
    }

    // The accounts came as they were: the first-start password still opens the account.
    const credentials = readInitialCredentials(path.join(dataDir, 'initial-credentials.json'));
    const coordinator = credentials.users.find((u) => u.username === 'coordinator-pe')!;
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    try {
      const { rows } = await target.query<{ username: string; password_hash: string }>(
        'SELECT username, password_hash FROM users ORDER BY id',
      );
      expect(rows.map((r) => r.username)).toEqual(credentials.users.map((u) => u.username));
      const hash = rows.find((r) => r.username === coordinator.username)!.password_hash;
      expect(await verifyPassword(coordinator.password, hash)).toBe(true);
      expect(await verifyPassword('not the password', hash)).toBe(false);
      const keys = await target.query('SELECT count(*)::int AS n FROM ingest_keys');
      expect(keys.rows[0].n).toBe(credentials.keys.length);
      const audit = await target.query<{ actor: string; action: string }>('SELECT actor, action FROM audit ORDER BY id');
      expect(audit.rows).toEqual([{ actor: 'admin', action: 'session.signin' }]);
    } finally {
      await target.end();
    }

    // The TAK certificate issued on the single machine is still trusted by a node on PostgreSQL:
    // its CA came along, and so did its registration.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const nodeDir = mkdtempSync(path.join(tmpdir(), 'concordia-migrated-node-'));
    try {
      const onNode = new TakCertificates(new PostgresTakRegistry(pool), nodeDir);
      expect(await onNode.caPem()).toBe(takIssued.caPem);
      expect(await onNode.find(takIssued.serial)).toMatchObject({ unit: 'PNP-7', agency: 'pnp', revokedAt: null });
    } finally {
      await pool.end();
      rmSync(nodeDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('run again, copies nothing twice', async () => {
    const url = await freshDatabase();
    expect((await cli(['migrate-to-postgres', '--to', url, '--data-dir', dataDir])).code).toBe(0);
    const first = await postgresRows(url);
    const again = await cli(['migrate-to-postgres', '--to', url, '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(again.out.join('\n')).toMatch(/\(0 copied now\)/);
    expect(await postgresRows(url)).toEqual(first);
  }, 120_000);

  it('refuses a target holding other data, unless --force', async () => {
    const url = await freshDatabase();
    // Someone already used this database: a node stored an event there.
    const other = await openPostgresEventStore(url, 1);
    await other.append('live', [make.bulletin({ id: 'not-from-this-data-dir' })] as ConcordiaEvent[]);
    await other.close();

    const refused = await cli(['migrate-to-postgres', '--to', url, '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.err.join('\n')).toMatch(/the target database is not empty: it holds 1 events on channel live .*--force/);
    expect((await postgresRows(url)).length).toBe(1);

    const forced = await cli(['migrate-to-postgres', '--to', url, '--data-dir', dataDir, '--force']);
    expect(forced.code).toBe(0);
    const db = openDatabase({ dataDir });
    try {
      expect(await postgresRows(url)).toEqual(sqliteRows(db));
    } finally {
      db.close();
    }
  }, 120_000);

  it('says what is wrong with its arguments', async () => {
    await expect(cli(['migrate-to-postgres', '--data-dir', dataDir])).rejects.toThrow(/needs --to postgres:\/\//);
    const missing = await cli(['migrate-to-postgres', '--to', postgres.url, '--data-dir', path.join(dataDir, 'nothing-here')]);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/no Concordia database in/);
  });
});
