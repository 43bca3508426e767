/**
 * One group commit of the SQLite event log: every queued append in one transaction, each in its
 * own savepoint so one bad append rolls back alone. This is the only code that writes events; it
 * runs wherever the store's writer runs (a thread of its own for a database file, the event loop
 * for an in-memory one), so it takes and returns plain data that can cross a thread.
 */
import type Database from 'better-sqlite3';

/** An event as the writer stores it: the columns, the body already serialised. */
export interface EventRow {
  id: string;
  type: string;
  agency: string;
  audience: string;
  occurredAt: string;
  body: string;
}

export interface AppendRequest {
  channel: string;
  rows: EventRow[];
}

/** A driver error as plain data: its SQLite code (e.g. SQLITE_FULL) is what storeFault reads. */
export interface WriteError {
  code?: string;
  message: string;
}

export type AppendOutcome =
  /** Each row's seq, or null where the channel already held its id for that agency. */
  { ok: true; seqs: Array<number | null>; receivedAt: string } | { ok: false; error: WriteError };

export type CommitResult =
  | { ok: true; outcomes: AppendOutcome[] }
  /** The commit itself failed (disk full, I/O error): nothing of the round is durable. */
  | { ok: false; error: WriteError };

export const asWriteError = (error: unknown): WriteError => {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return { ...(typeof code === 'string' ? { code } : {}), message: typeof message === 'string' ? message : String(error) };
};

export class GroupCommitter {
  private readonly insert: Database.Statement;
  private readonly headOf: Database.Statement<[string], { head: number | null }>;
  private readonly probeWrite: Database.Statement<[string]>;
  /** Each channel's highest seq: the writer is the only one appending, so it is read once. */
  private readonly heads = new Map<string, number>();

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO events (channel, seq, id, type, agency, audience, occurred_at, received_at, body)
       VALUES (@channel, @seq, @id, @type, @agency, @audience, @occurredAt, @receivedAt, @body)
       ON CONFLICT (channel, agency, id) DO NOTHING`,
    );
    this.headOf = db.prepare('SELECT max(seq) AS head FROM events WHERE channel = ?');
    db.exec('CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), probed_at TEXT NOT NULL)');
    this.probeWrite = db.prepare(
      'INSERT INTO health_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at',
    );
  }

  commit(requests: readonly AppendRequest[]): CommitResult {
    const outcomes: AppendOutcome[] = [];
    const headsBefore = new Map(this.heads);
    try {
      this.db.transaction(() => {
        for (const request of requests) {
          const headBefore = this.currentHead(request.channel);
          try {
            // A nested transaction is a savepoint.
            outcomes.push(this.db.transaction(() => this.insertAll(request))());
          } catch (error) {
            this.heads.set(request.channel, headBefore);
            outcomes.push({ ok: false, error: asWriteError(error) });
          }
        }
      })();
    } catch (error) {
      this.heads.clear();
      for (const [channel, head] of headsBefore) this.heads.set(channel, head);
      return { ok: false, error: asWriteError(error) };
    }
    return { ok: true, outcomes };
  }

  /** A real commit (with its fsync) of one small row: what an append needs, at its smallest. */
  probe(at: string): void {
    this.probeWrite.run(at);
  }

  private insertAll({ channel, rows }: AppendRequest): AppendOutcome {
    const receivedAt = new Date().toISOString();
    const seqs: Array<number | null> = [];
    let head = this.currentHead(channel);
    for (const row of rows) {
      const info = this.insert.run({ ...row, channel, seq: head + 1, receivedAt });
      if (info.changes === 0) {
        seqs.push(null);
        continue;
      }
      head += 1;
      seqs.push(head);
    }
    this.heads.set(channel, head);
    return { ok: true, seqs, receivedAt };
  }

  private currentHead(channel: string): number {
    let head = this.heads.get(channel);
    if (head === undefined) {
      head = this.headOf.get(channel)?.head ?? 0;
      this.heads.set(channel, head);
    }
    return head;
  }
}
