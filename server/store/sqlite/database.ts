/**
 * Opens Concordia's SQLite database: WAL mode, the sync level asked for, and the schema
 * migrations in order. Events and accounts live in the same file so a backup is one file.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type SyncMode = 'FULL' | 'NORMAL';

export interface OpenOptions {
  /** A directory for concordia.db, or ':memory:' for tests. */
  dataDir: string;
  /**
   * FULL survives a power cut, NORMAL only a process crash. FULL is the default: an
   * acknowledged report must not vanish. (This SQLite build silently uses NORMAL under WAL unless
   * told otherwise.)
   */
  sync?: SyncMode;
}

const MIGRATIONS: string[] = [
  // 1: the event log
  `CREATE TABLE events (
     channel     TEXT    NOT NULL,
     seq         INTEGER NOT NULL,
     id          TEXT    NOT NULL,
     type        TEXT    NOT NULL,
     agency      TEXT    NOT NULL,
     audience    TEXT    NOT NULL,
     occurred_at TEXT    NOT NULL,
     received_at TEXT    NOT NULL,
     body        TEXT    NOT NULL,
     PRIMARY KEY (channel, seq),
     -- ids are chosen by senders: unique per agency, so two agencies' "q-0001" never collide
     UNIQUE (channel, agency, id)
   );
   CREATE INDEX events_by_time ON events (channel, occurred_at);
   CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
   CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`,
  // 2: accounts, ingest keys and sessions (secrets only as hashes)
  `CREATE TABLE users (
     id            INTEGER PRIMARY KEY,
     username      TEXT NOT NULL UNIQUE,
     password_hash TEXT NOT NULL,
     role          TEXT NOT NULL,
     agency        TEXT NOT NULL,
     unit_id       TEXT,
     created_at    TEXT NOT NULL,
     disabled_at   TEXT
   );
   CREATE TABLE ingest_keys (
     id          INTEGER PRIMARY KEY,
     key_id      TEXT NOT NULL UNIQUE,
     secret_hash TEXT NOT NULL,
     agency      TEXT NOT NULL,
     label       TEXT NOT NULL,
     created_at  TEXT NOT NULL,
     disabled_at TEXT
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id    INTEGER NOT NULL REFERENCES users(id),
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT
   );`,
  // 3: the audit trail (who did what, when, from where)
  `CREATE TABLE audit (
     id      INTEGER PRIMARY KEY,
     at      TEXT NOT NULL,
     actor   TEXT NOT NULL,
     agency  TEXT,
     action  TEXT NOT NULL,
     target  TEXT,
     outcome TEXT NOT NULL,
     detail  TEXT,
     address TEXT
   );
   CREATE INDEX audit_by_action ON audit (action, id);
   CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
];

/** The schema version this build migrates to (PRAGMA user_version). */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function openDatabase({ dataDir, sync = 'FULL' }: OpenOptions): Database.Database {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'concordia.db');
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
