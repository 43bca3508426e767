/**
 * PostgreSQL schema, versioned. Each node runs the pending migrations at start under one
 * advisory lock, so two nodes starting at once never apply the same step twice: the second waits,
 * then finds nothing left to do.
 */
import type pg from 'pg';
import { withoutTimeouts } from './sessionSettings.ts';

/** Any fixed 64-bit key; only Concordia's migrations take it. */
const MIGRATION_LOCK = 0x636f6e636f7264; // "concord"

export const MIGRATIONS: readonly string[] = [
  // 1: the event log. event_heads holds each channel's last seq; a writer locks its channel's row
  // (SELECT … FOR UPDATE) for the whole transaction, so writers of one channel commit one after
  // the other in seq order and no reader ever sees seq N+1 before N. A bigserial cannot promise
  // that: its values are taken before commit and commit in any order.
  `CREATE TABLE event_heads (
     channel TEXT PRIMARY KEY,
     head    BIGINT NOT NULL
   );
   CREATE TABLE events (
     channel     TEXT   NOT NULL,
     seq         BIGINT NOT NULL,
     id          TEXT   NOT NULL,
     type        TEXT   NOT NULL,
     agency      TEXT   NOT NULL,
     audience    TEXT   NOT NULL,
     occurred_at TEXT   NOT NULL,
     received_at TEXT   NOT NULL,
     body        TEXT   NOT NULL,
     PRIMARY KEY (channel, seq),
     -- ids are chosen by senders: unique per agency, so two agencies' "q-0001" never collide
     UNIQUE (channel, agency, id)
   );
   CREATE INDEX events_by_time ON events (channel, occurred_at);
   CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS
     $$ BEGIN RAISE EXCEPTION 'events are append-only'; END; $$;
   CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE ON events
     FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only();`,
  // 2: one row the readiness probe (GET /readyz) rewrites: a committed write proves the database
  // takes writes (not full, not a standby, not read-only).
  `CREATE TABLE health_probe (
     id        INTEGER PRIMARY KEY CHECK (id = 1),
     probed_at TIMESTAMPTZ NOT NULL
   );`,
];

/** Applies the migrations not yet applied; returns the schema version now in place. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    // Another node may hold the lock for as long as its migrations take: wait for it, and let a
    // long step (an index on a big table) run, whatever the connection's timeouts.
    return await withoutTimeouts(client, () => migrateLocked(client));
  } finally {
    client.release();
  }
}

async function migrateLocked(client: pg.PoolClient): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`the database schema is version ${current}, newer than this build knows (${MIGRATIONS.length}): upgrade this node`);
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version - 1]);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return MIGRATIONS.length;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
