/**
 * Users, ingest keys and sessions: who may sign in, which machines may push, and which sessions
 * are open. Secrets are stored only as hashes (scrypt for passwords, SHA-256 for random tokens).
 */
import type Database from 'better-sqlite3';
import { timingSafeEqual } from 'node:crypto';
import { agencySchema, type Agency } from '../../lib/contract/agencies.ts';
import { scopeOf } from '../../lib/contract/releasability.ts';
import { StatementCache } from '../store/sqlite/statementCache.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { newIngestKey, randomPassword, randomSecret, sha256, splitIngestKey } from './secrets.ts';
import { roleSchema, type Role, type UserView } from '../../lib/contract/http.ts';
import type { Principal } from './roles.ts';

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: string;
  agency: string;
  unit_id: string | null;
  created_at: string;
  disabled_at: string | null;
}

interface KeyRow {
  key_id: string;
  secret_hash: string;
  agency: string;
  label: string;
  created_at: string;
  disabled_at: string | null;
}

export interface NewUser {
  username: string;
  role: Role;
  agency: Agency;
  unitId?: string | null;
  /** Omit to generate one. */
  password?: string;
}

export interface UserListing extends UserView {
  createdAt: string;
  disabled: boolean;
}

export interface KeyListing {
  keyId: string;
  agency: Agency;
  label: string;
  createdAt: string;
  disabled: boolean;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const MIN_PASSWORD_LENGTH = 12;

export class Accounts {
  /** Every request and socket connection authenticates: its lookups are prepared once. */
  private readonly statements: StatementCache;

  constructor(
    private readonly db: Database.Database,
    private readonly sessionTtlMs: number,
  ) {
    this.statements = new StatementCache(db);
  }

  private sql(text: string): Database.Statement {
    return this.statements.get(text);
  }

  hasAnyUser(): boolean {
    return this.sql('SELECT 1 FROM users LIMIT 1').get() !== undefined;
  }

  async createUser({ username, role, agency, unitId = null, password }: NewUser): Promise<{ password: string }> {
    if (!USERNAME_PATTERN.test(username)) {
      throw new AccountError('username: 2–40 lowercase letters, digits, ".", "_" or "-"');
    }
    roleSchema.parse(role);
    agencySchema.parse(agency);
    const chosen = password ?? randomPassword();
    if (chosen.length < MIN_PASSWORD_LENGTH) {
      throw new AccountError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const hash = await hashPassword(chosen);
    try {
      this.sql(
        `INSERT INTO users (username, password_hash, role, agency, unit_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(username, hash, role, agency, unitId, new Date().toISOString());
    } catch (error) {
      if (String(error).includes('UNIQUE')) throw new AccountError(`user "${username}" already exists`);
      throw error;
    }
    return { password: chosen };
  }

  listUsers(): UserListing[] {
    const rows = this.sql('SELECT * FROM users ORDER BY username').all() as UserRow[];
    return rows.map((row) => ({ ...toUserView(row), createdAt: row.created_at, disabled: row.disabled_at !== null }));
  }

  /** Disables a user and ends their sessions. */
  disableUser(username: string): void {
    const now = new Date().toISOString();
    const changed = this.db.transaction(() => {
      const info = this.sql('UPDATE users SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL').run(now, username);
      this.sql(
        `UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL
           AND user_id = (SELECT id FROM users WHERE username = ?)`,
      ).run(now, username);
      return info.changes;
    })();
    if (changed === 0) throw new AccountError(`no active user "${username}"`);
  }

  createKey(agency: Agency, label: string): { keyId: string; key: string } {
    agencySchema.parse(agency);
    const { keyId, secret, key } = newIngestKey();
    this.sql('INSERT INTO ingest_keys (key_id, secret_hash, agency, label, created_at) VALUES (?, ?, ?, ?, ?)').run(
      keyId,
      sha256(secret),
      agency,
      label,
      new Date().toISOString(),
    );
    return { keyId, key };
  }

  listKeys(): KeyListing[] {
    const rows = this.sql('SELECT * FROM ingest_keys ORDER BY created_at').all() as KeyRow[];
    return rows.map((row) => ({
      keyId: row.key_id,
      agency: agencySchema.parse(row.agency),
      label: row.label,
      createdAt: row.created_at,
      disabled: row.disabled_at !== null,
    }));
  }

  disableKey(keyId: string): void {
    const info = this.sql('UPDATE ingest_keys SET disabled_at = ? WHERE key_id = ? AND disabled_at IS NULL').run(
      new Date().toISOString(),
      keyId,
    );
    if (info.changes === 0) throw new AccountError(`no active key "${keyId}"`);
  }

  /** Checks a password and opens a session. Null for any failure, without saying which part failed. */
  async signIn(username: string, password: string): Promise<{ token: string; expiresAt: string; user: UserView } | null> {
    const row = this.sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
    if (!row || !ok || row.disabled_at) return null;
    const token = randomSecret();
    const now = Date.now();
    const expiresAt = new Date(now + this.sessionTtlMs).toISOString();
    this.sql('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      sha256(token),
      row.id,
      new Date(now).toISOString(),
      expiresAt,
    );
    return { token, expiresAt, user: toUserView(row) };
  }

  signOut(sessionHash: string): void {
    this.sql('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(new Date().toISOString(), sessionHash);
  }

  /** Resolves a bearer credential: an ingest key (`ck_…`) or a session token. */
  authenticate(credential: string): Principal | null {
    const key = splitIngestKey(credential);
    if (key) return this.authenticateKey(key.keyId, key.secret);
    return this.authenticateSession(credential);
  }

  private authenticateKey(keyId: string, secret: string): Principal | null {
    const row = this.sql('SELECT * FROM ingest_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
    if (!row || row.disabled_at || !safeEqual(row.secret_hash, sha256(secret))) return null;
    const agency = agencySchema.parse(row.agency);
    return { kind: 'key', keyId: row.key_id, agency, scope: scopeOf(agency) };
  }

  private authenticateSession(token: string): Principal | null {
    if (token.length > 200) return null;
    const sessionHash = sha256(token);
    const row = this.sql(
      `SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id
         WHERE sessions.token_hash = ? AND sessions.revoked_at IS NULL AND sessions.expires_at > ?
           AND users.disabled_at IS NULL`,
    ).get(sessionHash, new Date().toISOString()) as UserRow | undefined;
    if (!row) return null;
    const view = toUserView(row);
    return { kind: 'user', userId: row.id, ...view, scope: scopeOf(view.agency), sessionHash };
  }
}

export class AccountError extends Error {}

function toUserView(row: UserRow): UserView {
  return {
    username: row.username,
    role: roleSchema.parse(row.role),
    agency: agencySchema.parse(row.agency),
    unitId: row.unit_id,
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
