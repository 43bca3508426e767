/**
 * Moving a SQLite data dir's accounts into PostgreSQL (for `npm run data -- migrate-to-postgres`):
 * users, ingest keys, sessions, tracker devices and TAK certificates, row for row, ids kept (a
 * session names its user by id), in one transaction. Rows already there (same primary key or
 * unique name) are left as they are, so a copy that stopped half-way can simply be run again.
 * Passwords and secrets move as the hashes they are; nothing is re-hashed or shown.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { migrate } from '../../store/postgres/migrations.ts';

export interface AccountTable {
  /** The same name in the SQLite file and in PostgreSQL (migration 3). */
  name: string;
  /** Columns copied, in this order. */
  columns: readonly string[];
  /** An identity column whose sequence must move past the copied ids. */
  identity?: string;
}

/** In dependency order: sessions refer to users. devices and the TAK tables may be absent in an old SQLite file. */
export const ACCOUNT_TABLES: readonly AccountTable[] = [
  {
    name: 'users',
    columns: ['id', 'username', 'password_hash', 'role', 'agency', 'unit_id', 'created_at', 'disabled_at'],
    identity: 'id',
  },
  {
    name: 'ingest_keys',
    columns: ['id', 'key_id', 'secret_hash', 'agency', 'label', 'created_at', 'disabled_at'],
    identity: 'id',
  },
  { name: 'sessions', columns: ['token_hash', 'user_id', 'created_at', 'expires_at', 'revoked_at'] },
  { name: 'devices', columns: ['device_id', 'identifier_hash', 'agency', 'unit_id', 'label', 'created_at', 'disabled_at'] },
  { name: 'tak_certificates', columns: ['serial', 'agency', 'unit', 'channel', 'issued_at', 'not_after', 'revoked_at'] },
  // The CA that signed them: without it every certificate issued so far would stop being trusted.
  { name: 'tak_authority', columns: ['id', 'key_pem', 'cert_pem', 'created_at'] },
];

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at 8 columns. */
const BATCH_ROWS = 500;

/**
 * Copies every account table from the SQLite database into the PostgreSQL behind `pool` (migrated
 * first if need be). Returns, per table, how many rows it read and how many were new in PostgreSQL.
 */
export async function copyAccountsToPostgres(
  sqlite: Database.Database,
  pool: pg.Pool,
): Promise<Record<string, { read: number; inserted: number }>> {
  await migrate(pool);
  const counts: Record<string, { read: number; inserted: number }> = {};
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const table of ACCOUNT_TABLES) {
      const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table.name);
      const rows = exists
        ? (sqlite
            .prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name}`)
            .raw()
            .all() as unknown[][])
        : [];
      let inserted = 0;
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        const batch = rows.slice(start, start + BATCH_ROWS);
        const width = table.columns.length;
        const tuples = batch.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
        const result = await client.query(
          `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
          batch.flat(),
        );
        inserted += result.rowCount ?? 0;
      }
      if (table.identity) {
        // Later rows get ids after the copied ones.
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'),
                  COALESCE((SELECT max(${table.identity}) FROM ${table.name}), 0) + 1, false)`,
        );
      }
      counts[table.name] = { read: rows.length, inserted };
    }
    await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
