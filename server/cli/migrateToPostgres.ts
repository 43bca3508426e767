/**
 * `npm run data -- migrate-to-postgres --to postgres://… [--data-dir …] [--force]`: moves an
 * existing SQLite data dir into PostgreSQL, so a single-machine Concordia can become several nodes.
 *
 * 1. The event log, channel by channel, row for row: seq, id, agency, audience, times and body as
 *    stored, so every screen's cursor and every export stay valid; each channel's head is set.
 * 2. Accounts, ingest keys, sessions, tracker devices, TAK certificates and the TAK CA that signed
 *    them (copyAccountsToPostgres; a CA an older version kept as files in <dataDir>/tak/ is taken
 *    into the SQLite file first, so certificates issued before stay trusted on every node).
 * 3. The audit trail and the exercise sessions (copyAuditAndSessions).
 *
 * Run it with the server stopped. The target is migrated first. A target that already holds events
 * or accounts not from this data dir is refused unless --force (which empties its event log first;
 * accounts already there are kept). Running the command again is safe: what a previous run copied
 * (the same events at the same seqs, the same accounts) is recognised and only the rest is copied.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/postgres/migrations.ts';
import { openPool } from '../store/postgres/pool.ts';
import { copyAccountsToPostgres } from '../auth/postgres/copyAccountsToPostgres.ts';
import { TakCertificates } from '../auth/takCertificates.ts';
import { copyAuditAndSessions } from '../store/postgres/copyAuditAndSessions.ts';
import { sessionFile } from '../training/sessionFile.ts';

/** Rows per INSERT of events (9 columns, as arrays through unnest: no parameter limit). */
const EVENT_PAGE = 2_000;

export class MigrationRefused extends Error {}

export interface MigrateOptions {
  dataDir: string;
  to: string;
  force?: boolean;
  /** Progress lines. */
  progress?: (line: string) => void;
}

export interface MigrationReport {
  /** Per channel: events in SQLite, and how many were new in PostgreSQL. */
  channels: Record<string, { events: number; copied: number }>;
  accounts: Record<string, { read: number; inserted: number }>;
  audit: number;
  sessions: number;
}

interface EventRow {
  channel: string;
  seq: number;
  id: string;
  type: string;
  agency: string;
  audience: string;
  occurred_at: string;
  received_at: string;
  body: string;
}

export async function migrateToPostgres({ dataDir, to, force = false, progress = () => {} }: MigrateOptions): Promise<MigrationReport> {
  const file = path.join(dataDir, 'concordia.db');
  if (!existsSync(file)) throw new MigrationRefused(`no Concordia database in ${dataDir} (expected ${file})`);
  const sqlite = openDatabase({ dataDir });
  // A bulk copy: no statement or lock timeout (a big page on a slow disk is not a stuck peer).
  const pool = openPool(to, { max: 2, settings: { statementTimeoutMs: 0, lockTimeoutMs: 0, idleInTransactionMs: 0 } });
  try {
    await migrate(pool);
    await checkTarget(sqlite, pool, force, progress);
    const channels = await copyEvents(sqlite, pool, progress);
    if (existsSync(path.join(dataDir, 'tak', 'ca.key.pem'))) await new TakCertificates(sqlite, dataDir).caPem();
    const accounts = await copyAccountsToPostgres(sqlite, pool);
    progress(
      `accounts: ${Object.entries(accounts)
        .map(([table, n]) => `${table} ${n.inserted}/${n.read}`)
        .join(', ')} (new/read)`,
    );
    const { records } = sessionFile(dataDir).load();
    const { audit, sessions } = await copyAuditAndSessions(sqlite, records, pool);
    progress(`audit: ${audit} entries copied; exercise sessions: ${sessions} copied`);
    return { channels, accounts, audit, sessions };
  } finally {
    sqlite.close();
    await pool.end();
  }
}

/**
 * Empty, or holding only what an earlier run copied from this data dir: go on. Anything else
 * (events that are not this log's prefix, accounts this data dir does not have) is refused, unless
 * --force, which empties the event log (TRUNCATE: the append-only trigger guards rows, not this).
 */
async function checkTarget(sqlite: Database.Database, pool: pg.Pool, force: boolean, progress: (line: string) => void): Promise<void> {
  const foreign: string[] = [];
  const { rows: heads } = await pool.query<{ channel: string; head: string; count: string }>(
    `SELECT h.channel, h.head, (SELECT count(*) FROM events e WHERE e.channel = h.channel) AS count
     FROM event_heads h WHERE h.head > 0`,
  );
  const bySeq = sqlite.prepare('SELECT agency, id FROM events WHERE channel = ? AND seq = ?');
  for (const { channel, head, count } of heads) {
    const last = Number(head);
    const source = bySeq.get(channel, last) as { agency: string; id: string } | undefined;
    const { rows } = await pool.query<{ agency: string; id: string }>('SELECT agency, id FROM events WHERE channel = $1 AND seq = $2', [
      channel,
      last,
    ]);
    const prefix = Number(count) === last && source !== undefined && rows[0]?.id === source.id && rows[0]?.agency === source.agency;
    if (!prefix) foreign.push(`${count} events on channel ${channel} that are not this data dir's`);
  }
  const { rows: users } = await pool.query<{ id: number; username: string; password_hash: string }>(
    'SELECT id, username, password_hash FROM users',
  );
  const sourceUser = sqlite.prepare('SELECT id, password_hash FROM users WHERE username = ?');
  const strangers = users.filter((user) => {
    const mine = sourceUser.get(user.username) as { id: number; password_hash: string } | undefined;
    return !mine || mine.id !== user.id || mine.password_hash !== user.password_hash;
  });
  if (strangers.length > 0) foreign.push(`${strangers.length} accounts this data dir does not have (e.g. ${strangers[0].username})`);
  if (foreign.length === 0) return;
  if (!force) {
    throw new MigrationRefused(
      `the target database is not empty: it holds ${foreign.join('; ')}. Point --to at an empty database, or add --force to empty its event log first (accounts already there are kept)`,
    );
  }
  progress(`--force: emptying the target's event log (${foreign.join('; ')})`);
  await pool.query('TRUNCATE events, event_heads');
}

/** Every channel's events in seq order, pages of EVENT_PAGE, each page one transaction with its head. */
async function copyEvents(
  sqlite: Database.Database,
  pool: pg.Pool,
  progress: (line: string) => void,
): Promise<MigrationReport['channels']> {
  const report: MigrationReport['channels'] = {};
  const channels = sqlite
    .prepare('SELECT channel, count(*) AS n, max(seq) AS head FROM events GROUP BY channel ORDER BY channel')
    .all() as Array<{
    channel: string;
    n: number;
    head: number;
  }>;
  const page = sqlite.prepare('SELECT * FROM events WHERE channel = ? AND seq > ? ORDER BY seq LIMIT ?');
  for (const { channel, n, head } of channels) {
    const { rows } = await pool.query<{ head: string }>('SELECT head FROM event_heads WHERE channel = $1', [channel]);
    // What an earlier run copied (checkTarget proved it is this log's prefix) is not sent again.
    let after = Number(rows[0]?.head ?? 0);
    let copied = 0;
    while (after < head) {
      const events = page.all(channel, after, EVENT_PAGE) as EventRow[];
      if (events.length === 0) break;
      const column = <K extends keyof EventRow>(name: K) => events.map((e) => e[name]);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO events (channel, seq, id, type, agency, audience, occurred_at, received_at, body)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                                $7::text[], $8::text[], $9::text[])`,
          [
            column('channel'),
            column('seq'),
            column('id'),
            column('type'),
            column('agency'),
            column('audience'),
            column('occurred_at'),
            column('received_at'),
            column('body'),
          ],
        );
        const last = events[events.length - 1].seq;
        await client.query(
          `INSERT INTO event_heads (channel, head) VALUES ($1, $2)
           ON CONFLICT (channel) DO UPDATE SET head = excluded.head`,
          [channel, last],
        );
        await client.query('COMMIT');
        after = last;
        copied += events.length;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
    report[channel] = { events: n, copied };
    progress(`events: channel ${channel}: ${copied} copied, ${n - copied} already there, head ${head}`);
  }
  return report;
}
