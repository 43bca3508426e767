/**
 * The audit trail: sign-ins (and failures), reports, account and key changes, exercise control.
 * Append-only, in the same database as the events, queryable by admins (GET /api/audit).
 * It records who acted (username or key id), never the content of passwords or keys.
 */
import type Database from 'better-sqlite3';
import type { Principal } from '../auth/roles.ts';
import { postgresFault } from '../store/storeFault.ts';

export const AUDIT_ACTIONS = [
  'session.signin',
  'session.signout',
  'events.post',
  'user.create',
  'user.disable',
  'key.create',
  'key.disable',
  'device.create',
  'device.disable',
  'training.create',
  'training.control',
  'tak.cert',
  'tak.revoke',
  'workflow.action',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  agency: string | null;
  action: AuditAction;
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string | null;
  address: string | null;
}

export interface AuditRecord {
  actor: string;
  agency?: string | null;
  action: AuditAction;
  target?: string | null;
  outcome: AuditEntry['outcome'];
  detail?: string | null;
  address?: string | null;
}

/** How a principal is named in the trail. */
export function actorOf(principal: Principal): { actor: string; agency: string } {
  return principal.kind === 'user'
    ? { actor: principal.username, agency: principal.agency }
    : { actor: `key:${principal.keyId}`, agency: principal.agency };
}

export interface AuditQuery {
  afterId?: number;
  limit?: number;
  action?: AuditAction;
}

/**
 * Where the trail is kept: SQLite in the data dir (one node) or PostgreSQL (every node the same
 * trail). `record` does not wait for the write: an action is never refused because its audit
 * line could not be written; a failed PostgreSQL write is logged (see PostgresAuditLog).
 */
export interface AuditLog {
  record(entry: AuditRecord): void;
  query(query: AuditQuery): AuditEntry[] | Promise<AuditEntry[]>;
}

const withDefaults = (entry: AuditRecord) => ({
  at: new Date().toISOString(),
  agency: null,
  target: null,
  detail: null,
  address: null,
  ...entry,
});

export class SqliteAuditLog implements AuditLog {
  private readonly insert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, actor, agency, action, target, outcome, detail, address)
       VALUES (@at, @actor, @agency, @action, @target, @outcome, @detail, @address)`,
    );
  }

  record(entry: AuditRecord): void {
    this.insert.run(withDefaults(entry));
  }

  query({ afterId = 0, limit = 200, action }: AuditQuery): AuditEntry[] {
    const filter = action ? 'AND action = ?' : '';
    const params: unknown[] = [afterId, ...(action ? [action] : []), limit];
    return this.db.prepare(`SELECT * FROM audit WHERE id > ? ${filter} ORDER BY id LIMIT ?`).all(...params) as AuditEntry[];
  }
}

/** The SQLite trail under its old name: `new AuditLog(db)` keeps working. */
export const AuditLog = SqliteAuditLog;

/** What PostgresAuditLog needs of a pool (pg.Pool fits): lib-free, so this file stays driver-agnostic. */
export interface AuditPool {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Any fixed 64-bit key; only audit writes take it (migrations.ts holds another). */
const AUDIT_ORDER_LOCK = 0x61756469746f72; // "auditor"

/**
 * One audit row, its id taken under a transaction-scoped advisory lock that is held until the row
 * commits: writers on every node take ids one after the other, each committed before the next is
 * taken, so ids become visible in id order and a reader paging with afterId never passes over a
 * row that commits later with a lower id (a plain sequence hands ids out before commit, and
 * concurrent commits land in any order). Readers take no lock.
 */
export const ORDERED_AUDIT_INSERT = `INSERT INTO audit (at, actor, agency, action, target, outcome, detail, address)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM (SELECT pg_advisory_xact_lock(${AUDIT_ORDER_LOCK})) AS ordered`;

/**
 * The trail in PostgreSQL, shared by every node. Writes go out in order, one statement each;
 * `settled()` resolves when every write recorded so far has committed (or failed and was logged).
 * Ids follow commit order across nodes (ORDERED_AUDIT_INSERT): GET /api/audit?afterId=N on any
 * node is a cursor that misses nothing.
 */
export class PostgresAuditLog implements AuditLog {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: AuditPool,
    private readonly onProblem: (problem: string) => void = () => {},
  ) {}

  record(entry: AuditRecord): void {
    const row = withDefaults(entry);
    this.writes = this.writes.then(() =>
      this.pool
        .query(ORDERED_AUDIT_INSERT, [row.at, row.actor, row.agency, row.action, row.target, row.outcome, row.detail, row.address])
        .then(
          () => undefined,
          (error: Error) => this.onProblem(`audit entry not written (${row.action} by ${row.actor}): ${error.message}`),
        ),
    );
  }

  settled(): Promise<void> {
    return this.writes;
  }

  async query({ afterId = 0, limit = 200, action }: AuditQuery): Promise<AuditEntry[]> {
    const filter = action ? 'AND action = $3' : '';
    let rows: Record<string, unknown>[];
    try {
      ({ rows } = await this.pool.query(`SELECT * FROM audit WHERE id > $1 ${filter} ORDER BY id LIMIT $2`, [
        afterId,
        limit,
        ...(action ? [action] : []),
      ]));
    } catch (error) {
      // An unreachable database is a 503 like any store fault, not a 500.
      throw postgresFault(error) ?? error;
    }
    return rows.map((row) => ({ ...row, id: Number(row.id) }) as unknown as AuditEntry);
  }
}
