/**
 * Users, ingest keys and sessions: who may sign in, which machines may push, and which sessions
 * are open. Secrets are stored only as hashes (scrypt for passwords, SHA-256 for random tokens).
 * The rows live in an AccountStore (SQLite in the data dir, or PostgreSQL shared by every node);
 * every credential is checked against the store on each request, so a sign-out or a disabled key
 * holds on every node at once.
 */
import type Database from 'better-sqlite3';
import { timingSafeEqual } from 'node:crypto';
import { agencySchema, type Agency } from '../../lib/contract/agencies.ts';
import { scopeOf } from '../../lib/contract/releasability.ts';
import { SqliteAccountStore } from './sqlite/sqliteAccountStore.ts';
import type { AccountStore, UserRow } from './stores.ts';
import { storeFaultOf } from '../store/storeFault.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { newIngestKey, randomPassword, randomSecret, sha256, splitIngestKey } from './secrets.ts';
import { roleSchema, type Role, type UserView } from '../../lib/contract/http.ts';
import type { Principal } from './roles.ts';

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

/**
 * While the store cannot answer (PostgreSQL restarting, a full disk), a credential this node found
 * valid at most this long ago is taken as still valid, so screens already open keep reading. Nothing
 * can be revoked meanwhile (a revoke is a write to the same store), so the risk is a revoke committed
 * in the last moments before the outage.
 */
export const STALE_IF_STORE_DOWN_MS = 30_000;
/** Credentials remembered for that (the most recently checked win). */
const REMEMBERED_CREDENTIALS = 10_000;

export class Accounts {
  private readonly store: AccountStore;
  /** By credential hash: the principal the store last said it is, and when. */
  private readonly lastValid = new Map<string, { principal: Principal; at: number }>();

  /** A better-sqlite3 database means the accounts in that SQLite file. */
  constructor(
    store: AccountStore | Database.Database,
    private readonly sessionTtlMs: number,
  ) {
    this.store = 'prepare' in store ? new SqliteAccountStore(store) : store;
  }

  hasAnyUser(): Promise<boolean> {
    return this.store.hasAnyUser();
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
    const created = await this.store.insertUser({
      username,
      password_hash: hash,
      role,
      agency,
      unit_id: unitId,
      created_at: new Date().toISOString(),
    });
    if (!created) throw new AccountError(`user "${username}" already exists`);
    return { password: chosen };
  }

  async listUsers(): Promise<UserListing[]> {
    const rows = await this.store.listUsers();
    return rows.map((row) => ({ ...toUserView(row), createdAt: row.created_at, disabled: row.disabled_at !== null }));
  }

  /** Disables a user and ends their sessions. */
  async disableUser(username: string): Promise<void> {
    if (!(await this.store.disableUser(username, new Date().toISOString()))) throw new AccountError(`no active user "${username}"`);
  }

  async createKey(agency: Agency, label: string): Promise<{ keyId: string; key: string }> {
    agencySchema.parse(agency);
    const { keyId, secret, key } = newIngestKey();
    await this.store.insertKey({ key_id: keyId, secret_hash: sha256(secret), agency, label, created_at: new Date().toISOString() });
    return { keyId, key };
  }

  async listKeys(): Promise<KeyListing[]> {
    const rows = await this.store.listKeys();
    return rows.map((row) => ({
      keyId: row.key_id,
      agency: agencySchema.parse(row.agency),
      label: row.label,
      createdAt: row.created_at,
      disabled: row.disabled_at !== null,
    }));
  }

  async disableKey(keyId: string): Promise<void> {
    if (!(await this.store.disableKey(keyId, new Date().toISOString()))) throw new AccountError(`no active key "${keyId}"`);
  }

  /** Checks a password and opens a session. Null for any failure, without saying which part failed. */
  async signIn(username: string, password: string): Promise<{ token: string; expiresAt: string; user: UserView } | null> {
    const row = await this.store.findUser(username);
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
    if (!row || !ok || row.disabled_at) return null;
    const token = randomSecret();
    const now = Date.now();
    const expiresAt = new Date(now + this.sessionTtlMs).toISOString();
    await this.store.insertSession({ tokenHash: sha256(token), userId: row.id, createdAt: new Date(now).toISOString(), expiresAt });
    return { token, expiresAt, user: toUserView(row) };
  }

  signOut(sessionHash: string): Promise<void> {
    return this.store.revokeSession(sessionHash, new Date().toISOString());
  }

  /**
   * Resolves a bearer credential: an ingest key (`ck_…`) or a session token, checked against the
   * store every time. A store fault is thrown on (a 503), unless the credential was found valid
   * within STALE_IF_STORE_DOWN_MS.
   */
  async authenticate(credential: string): Promise<Principal | null> {
    const remembered = sha256(credential);
    try {
      const key = splitIngestKey(credential);
      const principal = key ? await this.authenticateKey(key.keyId, key.secret) : await this.authenticateSession(credential);
      this.lastValid.delete(remembered);
      if (principal) {
        this.lastValid.set(remembered, { principal, at: Date.now() });
        if (this.lastValid.size > REMEMBERED_CREDENTIALS) this.lastValid.delete(this.lastValid.keys().next().value!);
      }
      return principal;
    } catch (error) {
      const last = this.lastValid.get(remembered);
      if (last && storeFaultOf(error) && Date.now() - last.at <= STALE_IF_STORE_DOWN_MS) return last.principal;
      throw error;
    }
  }

  private async authenticateKey(keyId: string, secret: string): Promise<Principal | null> {
    const row = await this.store.findKey(keyId);
    if (!row || row.disabled_at || !safeEqual(row.secret_hash, sha256(secret))) return null;
    const agency = agencySchema.parse(row.agency);
    return { kind: 'key', keyId: row.key_id, agency, scope: scopeOf(agency) };
  }

  private async authenticateSession(token: string): Promise<Principal | null> {
    if (token.length > 200) return null;
    const sessionHash = sha256(token);
    const row = await this.store.sessionUser(sessionHash, new Date().toISOString());
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
