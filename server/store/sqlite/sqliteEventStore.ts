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
import { statfsSync } from 'node:fs';
import path from 'node:path';
import { audienceOf } from '../../../lib/contract/releasability.ts';
import type { ConcordiaEvent, StoredEvent } from '../../../lib/contract/events.ts';
import type { AppendResult, EventStore, PendingAppend, ReadOptions } from '../eventStore.ts';
import { sqliteFault, type StoreHealth } from '../storeFault.ts';
import { SCHEMA_VERSION } from './database.ts';
import { StatementCache } from './statementCache.ts';

/** The shortest time between two commits' starts: a few ms on an acknowledgement, far fewer fsyncs. */
export const MIN_COMMIT_INTERVAL_MS = 10;

/**
 * Below this much free space on the data dir's disk the store reports itself not ready: a WAL
 * that grows by a few pages per commit and a checkpoint that copies them need room, and a load
 * balancer should send writers elsewhere before the disk is full, not after.
 */
export const DEFAULT_MIN_FREE_BYTES = 16 * 1024 * 1024;

export interface SqliteEventStoreOptions {
  /** Free bytes the data dir's disk must keep for the store to report ready (default 16 MiB). */
  minFreeBytes?: number;
}

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

  private readonly minFreeBytes: number;

  constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions = {},
  ) {
    this.minFreeBytes = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
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
            outcomes.push({ ok: false, error: sqliteFault(error) ?? error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of this round is durable.
      this.heads.clear();
      for (const [channel, head] of headsBefore) this.heads.set(channel, head);
      const fault = sqliteFault(error) ?? error;
      for (const pending of batch) pending.reject(fault);
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
    const rows = this.guarded(
      () =>
        this.statements
          .get(
            `SELECT channel, seq, received_at, body FROM events
             WHERE channel = ? AND seq > ? AND seq <= ?${audienceFilter}
             ORDER BY seq LIMIT ?`,
          )
          .all(...params) as EventRow[],
    );
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
    return this.guarded(() => this.currentHead(channel));
  }

  async probe(): Promise<StoreHealth> {
    const health: StoreHealth = { engine: 'sqlite', reachable: false, writable: false, migrated: false };
    try {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      health.reachable = true;
      health.migrated = version >= SCHEMA_VERSION;
      if (!health.migrated) return { ...health, problem: `the schema is version ${version}; this build needs ${SCHEMA_VERSION}` };
      const free = this.freeBytes();
      if (free !== undefined && free < this.minFreeBytes) {
        return {
          ...health,
          problem: `storage nearly full: ${free} bytes free on the data dir's disk, fewer than the ${this.minFreeBytes} kept in reserve`,
        };
      }
      // A real commit (with its fsync) of one small row: what an append needs, at its smallest.
      this.db.exec('CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), probed_at TEXT NOT NULL)');
      this.statements
        .get('INSERT INTO health_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at')
        .run(new Date().toISOString());
      health.writable = true;
      return health;
    } catch (error) {
      return { ...health, problem: (sqliteFault(error) ?? (error as Error)).message };
    }
  }

  /** Free bytes for us on the disk holding the database file; undefined in memory. */
  private freeBytes(): number | undefined {
    if (this.db.memory) return undefined;
    const stats = statfsSync(path.dirname(this.db.name));
    return stats.bavail * stats.bsize;
  }

  /** Runs a read, turning a driver fault into a StoreUnavailableError. */
  private guarded<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw sqliteFault(error) ?? error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
  }
}
