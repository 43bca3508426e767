import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/postgres/migrations.ts';
import { copyAuditAndSessions } from '../store/postgres/copyAuditAndSessions.ts';
import { ORDERED_AUDIT_INSERT, PostgresAuditLog, SqliteAuditLog, type AuditLog } from './auditLog.ts';

let instance: PostgresInstance;
let admin: pg.Pool;
let databases = 0;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  instance = await startPostgres();
  admin = new pg.Pool({ connectionString: instance.url, max: 2 });
}, 60_000);
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await admin?.end();
  await instance?.destroy();
}, 60_000);

async function freshPool(): Promise<pg.Pool> {
  const name = `audit${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(instance.url);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 3 });
  // At teardown the instance may stop while an idle client is still closing (57P01): not a finding.
  pool.on('error', () => undefined);
  pools.push(pool);
  await migrate(pool);
  return pool;
}

interface TrailUnderTest {
  /** Two handles on one trail (two nodes; the same handle twice for SQLite). */
  writer: AuditLog;
  reader: AuditLog;
  settled: () => Promise<void>;
  tamper: () => Promise<unknown>;
}

function auditSuite(name: string, open: () => Promise<TrailUnderTest>) {
  describe(`audit trail on ${name}`, () => {
    it('keeps what was recorded, in order, with defaults for what was not given', async () => {
      const { writer, reader, settled } = await open();
      writer.record({ actor: 'ana', agency: 'mx', action: 'session.signin', outcome: 'ok', address: '10.0.0.1' });
      writer.record({ actor: 'key:k1', action: 'events.post', target: 'live', outcome: 'denied', detail: 'bad token' });
      await settled();
      const entries = await reader.query({});
      expect(entries.map(({ at: _at, ...rest }) => rest)).toEqual([
        {
          id: entries[0].id,
          actor: 'ana',
          agency: 'mx',
          action: 'session.signin',
          target: null,
          outcome: 'ok',
          detail: null,
          address: '10.0.0.1',
        },
        {
          id: entries[1].id,
          actor: 'key:k1',
          agency: null,
          action: 'events.post',
          target: 'live',
          outcome: 'denied',
          detail: 'bad token',
          address: null,
        },
      ]);
      expect(entries[1].id).toBeGreaterThan(entries[0].id);
      expect(Number.isNaN(Date.parse(entries[0].at))).toBe(false);
    });

    it('pages by id and filters by action', async () => {
      const { writer, reader, settled } = await open();
      for (let i = 0; i < 5; i++) writer.record({ actor: `u${i}`, action: i % 2 ? 'user.create' : 'key.create', outcome: 'ok' });
      await settled();
      const first = await reader.query({ limit: 2 });
      expect(first.map((e) => e.actor)).toEqual(['u0', 'u1']);
      const rest = await reader.query({ afterId: first[1].id });
      expect(rest.map((e) => e.actor)).toEqual(['u2', 'u3', 'u4']);
      expect((await reader.query({ action: 'user.create' })).map((e) => e.actor)).toEqual(['u1', 'u3']);
    });

    it('refuses to change or delete an entry', async () => {
      const { writer, settled, tamper } = await open();
      writer.record({ actor: 'ana', action: 'session.signin', outcome: 'ok' });
      await settled();
      await expect(tamper()).rejects.toThrow(/append-only/);
    });
  });
}

auditSuite('SQLite', async () => {
  const db = openDatabase({ dataDir: ':memory:' });
  const log = new SqliteAuditLog(db);
  return { writer: log, reader: log, settled: async () => {}, tamper: async () => db.prepare("UPDATE audit SET actor = 'x'").run() };
});

auditSuite('PostgreSQL, written on one node and read on another', async () => {
  const pool = await freshPool();
  const writer = new PostgresAuditLog(pool);
  const other = new pg.Pool({ connectionString: (pool.options as { connectionString: string }).connectionString, max: 1 });
  other.on('error', () => undefined);
  pools.push(other);
  return {
    writer,
    reader: new PostgresAuditLog(other),
    settled: () => writer.settled(),
    tamper: () => pool.query("UPDATE audit SET actor = 'x'"),
  };
});

describe('audit paging across nodes on PostgreSQL', () => {
  it('never shows a later id while an earlier one is still uncommitted, so afterId misses nothing', async () => {
    const pool = await freshPool();
    const url = (pool.options as { connectionString: string }).connectionString;
    const nodeB = new pg.Pool({ connectionString: url, max: 1 });
    nodeB.on('error', () => undefined);
    pools.push(nodeB);
    const reader = new PostgresAuditLog(pool);
    const b = new PostgresAuditLog(nodeB);
    // Node A's write, caught between taking its id and committing (a slow commit, a busy node).
    const nodeA = await pool.connect();
    try {
      await nodeA.query('BEGIN');
      await nodeA.query(ORDERED_AUDIT_INSERT, ['2025-12-05T10:00:00.000Z', 'a', null, 'sign-in', null, 'ok', null, null]);
      b.record({ actor: 'b', action: 'sign-in', outcome: 'ok' });
      // B either waits for A's commit (queued on the lock) or, were ids handed out as by a plain
      // sequence, commits its higher id first; either way the reader must see nothing yet.
      let bDone = false;
      void b.settled().then(() => (bDone = true));
      const waiting = async () =>
        (await admin.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n > 0;
      await expect.poll(async () => bDone || (await waiting())).toBe(true);
      expect(await reader.query({ afterId: 0 })).toEqual([]);
      await nodeA.query('COMMIT');
    } finally {
      nodeA.release();
    }
    await b.settled();
    const rows = await reader.query({ afterId: 0 });
    expect(rows.map((r) => r.actor)).toEqual(['a', 'b']);
    expect(rows[1].id).toBeGreaterThan(rows[0].id);
    // A reader that paged after A's row finds B's.
    expect((await reader.query({ afterId: rows[0].id })).map((r) => r.actor)).toEqual(['b']);
  });
});

describe('copying a SQLite data dir to PostgreSQL', () => {
  it('brings the audit rows (ids kept, later ones after them) and the sessions (paused), once', async () => {
    const db = openDatabase({ dataDir: ':memory:' });
    const sqlite = new SqliteAuditLog(db);
    sqlite.record({ actor: 'ana', action: 'training.create', target: 's1', outcome: 'ok' });
    sqlite.record({ actor: 'ben', action: 'training.control', target: 's1', outcome: 'ok', detail: 'play' });
    const session = {
      id: 's1',
      scenarioId: 'demo',
      createdAt: '2026-12-07T10:00:00.000Z',
      createdBy: 'ana',
      exerciseTime: 1_700_000_000_000,
      speed: 60,
      playing: true,
      seqReservedThrough: 10_042,
    };
    const pool = await freshPool();
    await expect(copyAuditAndSessions(db, [session], pool)).resolves.toEqual({ audit: 2, sessions: 1 });
    await expect(copyAuditAndSessions(db, [session], pool)).resolves.toEqual({ audit: 0, sessions: 0 });

    const trail = new PostgresAuditLog(pool);
    trail.record({ actor: 'cid', action: 'session.signin', outcome: 'ok' });
    await trail.settled();
    const entries = await trail.query({});
    expect(entries.map((e) => [e.id, e.actor, e.detail])).toEqual([
      [1, 'ana', null],
      [2, 'ben', 'play'],
      [3, 'cid', null],
    ]);
    const { rows } = await pool.query('SELECT id, scenario_id, playing, seq_reserved_through, exercise_time FROM training_sessions');
    expect(rows).toEqual([
      { id: 's1', scenario_id: 'demo', playing: false, seq_reserved_through: '10042', exercise_time: 1_700_000_000_000 },
    ]);
  });
});
