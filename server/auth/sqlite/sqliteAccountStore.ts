/** Accounts, ingest keys and sessions in the SQLite data dir (tables of migration 2 in database.ts). */
import type Database from 'better-sqlite3';
import { StatementCache } from '../../store/sqlite/statementCache.ts';
import type { AccountStore, KeyRow, UserRow } from '../stores.ts';

export class SqliteAccountStore implements AccountStore {
  /** Every request and socket connection authenticates: its lookups are prepared once. */
  private readonly statements: StatementCache;

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }

  async hasAnyUser(): Promise<boolean> {
    return this.sql('SELECT 1 FROM users LIMIT 1').get() !== undefined;
  }

  async insertUser(user: Omit<UserRow, 'id' | 'disabled_at'>): Promise<boolean> {
    try {
      this.sql(
        `INSERT INTO users (username, password_hash, role, agency, unit_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(user.username, user.password_hash, user.role, user.agency, user.unit_id, user.created_at);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  }

  async listUsers(): Promise<UserRow[]> {
    return this.sql('SELECT * FROM users ORDER BY username').all() as UserRow[];
  }

  async findUser(username: string): Promise<UserRow | undefined> {
    return this.sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  async disableUser(username: string, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      const info = this.sql('UPDATE users SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL').run(at, username);
      this.sql(
        `UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL
           AND user_id = (SELECT id FROM users WHERE username = ?)`,
      ).run(at, username);
      return info.changes > 0;
    })();
  }

  async insertKey(key: Omit<KeyRow, 'disabled_at'>): Promise<void> {
    this.sql('INSERT INTO ingest_keys (key_id, secret_hash, agency, label, created_at) VALUES (?, ?, ?, ?, ?)').run(
      key.key_id,
      key.secret_hash,
      key.agency,
      key.label,
      key.created_at,
    );
  }

  async listKeys(): Promise<KeyRow[]> {
    return this.sql('SELECT * FROM ingest_keys ORDER BY created_at').all() as KeyRow[];
  }

  async findKey(keyId: string): Promise<KeyRow | undefined> {
    return this.sql('SELECT * FROM ingest_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
  }

  async disableKey(keyId: string, at: string): Promise<boolean> {
    return this.sql('UPDATE ingest_keys SET disabled_at = ? WHERE key_id = ? AND disabled_at IS NULL').run(at, keyId).changes > 0;
  }

  async insertSession(session: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
    this.sql('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      session.tokenHash,
      session.userId,
      session.createdAt,
      session.expiresAt,
    );
  }

  async revokeSession(tokenHash: string, at: string): Promise<void> {
    this.sql('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(at, tokenHash);
  }

  async sessionUser(tokenHash: string, now: string): Promise<UserRow | undefined> {
    return this.sql(
      `SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id
         WHERE sessions.token_hash = ? AND sessions.revoked_at IS NULL AND sessions.expires_at > ?
           AND users.disabled_at IS NULL`,
    ).get(tokenHash, now) as UserRow | undefined;
  }
}
