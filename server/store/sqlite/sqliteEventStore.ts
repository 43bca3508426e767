/**
 * The SQLite event store. Appends arriving in the same turn of the event loop are committed
 * together in one transaction (group commit): with synchronous=FULL each commit costs an fsync,
 * so sharing it is what lets many concurrent senders be durable at once. Each append keeps its own
 * all-or-nothing savepoint inside the shared transaction.
 *
 * Commits start at most every MIN_COMMIT_INTERVAL_MS. better-sqlite3 waits for the fsync on the
 * event loop, so 500 senders posting one event each every second meant some 500 fsyncs a second
 * and the loop spent a quarter of its time waiting on the disk (bench/fanout.ts, server profile);
 * spacing commits lets each carry what arrived meanwhile. A lone append still commits at once.
 */
import type Database from 'better-sqlite3';
import { audienceOf } from '../../../lib/contract/releasability.ts';
import type { ConcordiaEvent, StoredEvent } from '../../../lib/contract/events.ts';
import type { AppendResult, EventStore, PendingAppend, ReadOptions } from '../eventStore.ts';
import { StatementCache } from './statementCache.ts';

/** The shortest time between two commits' starts: a few ms on an acknowledgement, far fewer fsyncs. */
export const MIN_COMMIT_INTERVAL_MS = 10;

interface EventRow {
  channel: string;
  seq: number;
  received_at: string;
  body: string;
}

export class SqliteEventStore implements EventStore {
  private readonly insert: Database.Statement;
  private readonly headOf: Database.Statement<[string], { head: number | null }>;
  private readonly heads = new Map<string, number>();
  private readonly statements: StatementCache;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private lastCommitAt = -Infinity;
  private closed = false;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO events (channel, seq, id, type, agency, audience, occurred_at, received_at, body)
       VALUES (@channel, @seq, @id, @type, @agency, @audience, @occurredAt, @receivedAt, @body)
       ON CONFLICT (channel, agency, id) DO NOTHING`,
    );
    this.headOf = db.prepare('SELECT max(seq) AS head FROM events WHERE channel = ?');
    this.statements = new StatementCache(db);
  }

  append(channel: string, events: readonly ConcordiaEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ channel, events, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        const wait = this.lastCommitAt + MIN_COMMIT_INTERVAL_MS - performance.now();
        if (wait > 0) setTimeout(() => this.flush(), wait);
        else setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued append in one transaction, then settles each. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.lastCommitAt = performance.now();
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const headsBefore = new Map(this.heads);
    try {
      this.db.transaction(() => {
        for (const pending of batch) {
          const headBefore = this.currentHead(pending.channel);
          try {
            // A nested transaction is a savepoint: one bad append rolls back alone.
            const result = this.db.transaction(() => this.insertAll(pending.channel, pending.events))();
            outcomes.push({ ok: true, result });
          } catch (error) {
            this.heads.set(pending.channel, headBefore);
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of this round is durable.
      this.heads.clear();
      for (const [channel, head] of headsBefore) this.heads.set(channel, head);
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
  }

  private insertAll(channel: string, events: readonly ConcordiaEvent[]): AppendResult {
    const receivedAt = new Date().toISOString();
    const stored: StoredEvent[] = [];
    const duplicates: string[] = [];
    let head = this.currentHead(channel);
    for (const event of events) {
      const seq = head + 1;
      const info = this.insert.run({
        channel,
        seq,
        id: event.id,
        type: event.type,
        agency: event.agency,
        audience: audienceOf(event),
        occurredAt: event.occurredAt,
        receivedAt,
        body: JSON.stringify(event),
      });
      if (info.changes === 0) {
        duplicates.push(event.id);
        continue;
      }
      head = seq;
      stored.push({ ...event, channel, seq, receivedAt });
    }
    this.heads.set(channel, head);
    return { stored, duplicates };
  }

  private currentHead(channel: string): number {
    let head = this.heads.get(channel);
    if (head === undefined) {
      head = this.headOf.get(channel)?.head ?? 0;
      this.heads.set(channel, head);
    }
    return head;
  }

  async read(channel: string, { afterSeq, throughSeq, limit, audiences }: ReadOptions): Promise<StoredEvent[]> {
    const params: unknown[] = [channel, afterSeq, throughSeq ?? Number.MAX_SAFE_INTEGER];
    let audienceFilter = '';
    if (audiences) {
      audienceFilter = ` AND audience IN (${audiences.map(() => '?').join(',')})`;
      params.push(...audiences);
    }
    params.push(limit);
    const rows = this.statements
      .get(
        `SELECT channel, seq, received_at, body FROM events
       WHERE channel = ? AND seq > ? AND seq <= ?${audienceFilter}
       ORDER BY seq LIMIT ?`,
      )
      .all(...params) as EventRow[];
    // Rows were validated against this contract before they were written, and the table is
    // append-only, so they are trusted here; a schema change must come with a migration.
    return rows.map((row) => ({
      ...(JSON.parse(row.body) as ConcordiaEvent),
      channel: row.channel,
      seq: row.seq,
      receivedAt: row.received_at,
    }));
  }

  async head(channel: string): Promise<number> {
    return this.currentHead(channel);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
  }
}
