/**
 * PostgreSQL schema, versioned. Each node runs the pending migrations at start under one
 * advisory lock, so two nodes starting at once never apply the same step twice: the second waits,
 * then finds nothing left to do.
 */
import type pg from 'pg';

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

/**
 * Steps numbered by the branch that owns them, so parallel work never renumbers another's: 1–2
 * above (MIGRATIONS[i] is version i + 1), 10–11 the audit trail and the exercise sessions. A
 * database may hold a higher step before a lower one lands; migrate() applies whatever is missing.
 */
export const NUMBERED_MIGRATIONS: ReadonlyMap<number, string> = new Map([
  ...MIGRATIONS.map((sql, i) => [i + 1, sql] as const),
  // 10: the audit trail, shared by every node (GET /api/audit on any node shows all of it).
  [
    10,
    `CREATE TABLE audit (
       id      BIGSERIAL PRIMARY KEY,
       at      TEXT NOT NULL,
       actor   TEXT NOT NULL,
       agency  TEXT,
       action  TEXT NOT NULL,
       target  TEXT,
       outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
       detail  TEXT,
       address TEXT
     );
     CREATE INDEX audit_by_action ON audit (action, id);
     CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END; $$;
     CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
       FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();`,
  ],
  // 11: exercise sessions (the clock state every node follows) and leases (work one node owns:
  // an exercise clock, the alert raiser). A lease is held while expires_at, in the database's
  // own clock, is ahead; its owner renews it, anyone may take it once it lapsed.
  [
    11,
    `CREATE TABLE training_sessions (
       id                   TEXT PRIMARY KEY,
       scenario_id          TEXT NOT NULL,
       created_at           TEXT NOT NULL,
       created_by           TEXT NOT NULL,
       exercise_time        DOUBLE PRECISION NOT NULL,
       speed                DOUBLE PRECISION NOT NULL,
       playing              BOOLEAN NOT NULL,
       seq_reserved_through BIGINT NOT NULL,
       anchor_wall          BIGINT NOT NULL DEFAULT 0,
       rev                  BIGINT NOT NULL DEFAULT 0,
       epoch_base           BIGINT NOT NULL DEFAULT 0,
       epoch_at             DOUBLE PRECISION,
       ended                BOOLEAN NOT NULL DEFAULT false
     );
     CREATE TABLE leases (
       name       TEXT PRIMARY KEY,
       owner      TEXT NOT NULL,
       expires_at TIMESTAMPTZ NOT NULL
     );`,
  ],
]);

/** The highest step this build knows. */
export const SCHEMA_VERSION = Math.max(...NUMBERED_MIGRATIONS.keys());

/** Applies the migrations not yet applied; returns the schema version now in place. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      const unknown = [...applied].filter((version) => !NUMBERED_MIGRATIONS.has(version));
      if (unknown.length) {
        throw new Error(`the database schema has step ${Math.max(...unknown)}, which this build does not know: upgrade this node`);
      }
      const pending = [...NUMBERED_MIGRATIONS.keys()].filter((version) => !applied.has(version)).sort((a, b) => a - b);
      for (const version of pending) {
        await client.query('BEGIN');
        try {
          await client.query(NUMBERED_MIGRATIONS.get(version)!);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return SCHEMA_VERSION;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
