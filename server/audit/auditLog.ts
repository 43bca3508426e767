/**
 * The audit trail: sign-ins (and failures), reports, account and key changes, exercise control.
 * Append-only, in the same database as the events, queryable by admins (GET /api/audit).
 * It records who acted (username or key id), never the content of passwords or keys.
 */
import type Database from 'better-sqlite3';
import type { Principal } from '../auth/roles.ts';

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

export class AuditLog {
  private readonly insert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, actor, agency, action, target, outcome, detail, address)
       VALUES (@at, @actor, @agency, @action, @target, @outcome, @detail, @address)`,
    );
  }

  record(entry: AuditRecord): void {
    this.insert.run({
      at: new Date().toISOString(),
      agency: null,
      target: null,
      detail: null,
      address: null,
      ...entry,
    });
  }

  query({ afterId = 0, limit = 200, action }: { afterId?: number; limit?: number; action?: AuditAction }): AuditEntry[] {
    const filter = action ? 'AND action = ?' : '';
    const params: unknown[] = [afterId, ...(action ? [action] : []), limit];
    return this.db.prepare(`SELECT * FROM audit WHERE id > ? ${filter} ORDER BY id LIMIT ?`).all(...params) as AuditEntry[];
  }
}
