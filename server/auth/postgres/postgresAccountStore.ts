/**
 * Accounts, ingest keys and sessions in PostgreSQL (migration 3): every node reads the same rows,
 * so a session opened on one node is known to all, and a sign-out or disabled key is refused
 * everywhere from the next request on. Statements are named, so each connection of the pool
 * prepares them once.
 */
import type pg from 'pg';
import type { AccountStore, KeyRow, UserRow } from '../stores.ts';

const UNIQUE_VIOLATION = '23505';

export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T extends pg.QueryResultRow>(name: string, text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>({ name: `accounts-${name}`, text, values })).rows;
  }

  async hasAnyUser(): Promise<boolean> {
    return (await this.rows('any-user', 'SELECT 1 FROM users LIMIT 1')).length > 0;
  }

  async insertUser(user: Omit<UserRow, 'id' | 'disabled_at'>): Promise<boolean> {
    try {
      await this.rows(
        'insert-user',
        'INSERT INTO users (username, password_hash, role, agency, unit_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [user.username, user.password_hash, user.role, user.agency, user.unit_id, user.created_at],
      );
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }

  listUsers(): Promise<UserRow[]> {
    return this.rows<UserRow>('list-users', 'SELECT * FROM users ORDER BY username COLLATE "C"');
  }

  async findUser(username: string): Promise<UserRow | undefined> {
    return (await this.rows<UserRow>('find-user', 'SELECT * FROM users WHERE username = $1', [username]))[0];
  }

  async disableUser(username: string, at: string): Promise<boolean> {
    // One statement, so one transaction: the user is disabled and their sessions end together.
    const rows = await this.rows<{ id: number }>(
      'disable-user',
      `WITH disabled AS (
         UPDATE users SET disabled_at = $1 WHERE username = $2 AND disabled_at IS NULL RETURNING id
       ), ended AS (
         UPDATE sessions SET revoked_at = $1 WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM disabled)
       )
       SELECT id FROM disabled`,
      [at, username],
    );
    return rows.length > 0;
  }

  async insertKey(key: Omit<KeyRow, 'disabled_at'>): Promise<void> {
    await this.rows('insert-key', 'INSERT INTO ingest_keys (key_id, secret_hash, agency, label, created_at) VALUES ($1, $2, $3, $4, $5)', [
      key.key_id,
      key.secret_hash,
      key.agency,
      key.label,
      key.created_at,
    ]);
  }

  listKeys(): Promise<KeyRow[]> {
    return this.rows<KeyRow>('list-keys', 'SELECT * FROM ingest_keys ORDER BY created_at COLLATE "C", id');
  }

  async findKey(keyId: string): Promise<KeyRow | undefined> {
    return (await this.rows<KeyRow>('find-key', 'SELECT * FROM ingest_keys WHERE key_id = $1', [keyId]))[0];
  }

  async disableKey(keyId: string, at: string): Promise<boolean> {
    const rows = await this.rows(
      'disable-key',
      'UPDATE ingest_keys SET disabled_at = $1 WHERE key_id = $2 AND disabled_at IS NULL RETURNING key_id',
      [at, keyId],
    );
    return rows.length > 0;
  }

  async insertSession(session: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
    await this.rows('insert-session', 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      session.tokenHash,
      session.userId,
      session.createdAt,
      session.expiresAt,
    ]);
  }

  async revokeSession(tokenHash: string, at: string): Promise<void> {
    await this.rows('revoke-session', 'UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [at, tokenHash]);
  }

  async sessionUser(tokenHash: string, now: string): Promise<UserRow | undefined> {
    const rows = await this.rows<UserRow>(
      'session-user',
      `SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id
         WHERE sessions.token_hash = $1 AND sessions.revoked_at IS NULL AND sessions.expires_at > $2 COLLATE "C"
           AND users.disabled_at IS NULL`,
      [tokenHash, now],
    );
    return rows[0];
  }
}
