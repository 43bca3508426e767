/**
 * The SQLite event store. Appends arriving while a commit is under way, or within
 * MIN_COMMIT_INTERVAL_MS of the last one's start, are committed together in one transaction
 * (group commit, groupCommit.ts): with synchronous=FULL each commit costs an fsync, so sharing it
 * is what lets many concurrent senders be durable at once. Each append keeps its own
 * all-or-nothing savepoint inside the shared transaction.
 *
 * The commits run on the writer (sqliteWriter.ts): a thread of its own for a database file, so
 * the event loop never waits for the disk; reads run here on the server's connection and see
 * every commit that has been acknowledged (WAL readers see the last committed state).
 */
import type Database from 'better-sqlite3';
import { statfsSync } from 'node:fs';
import path from 'node:path';
import { audienceOf } from '../../../lib/contract/releasability.ts';
import type { ConcordiaEvent, StoredEvent } from '../../../lib/contract/events.ts';
import type { AppendResult, EventStore, PendingAppend, ReadOptions } from '../eventStore.ts';
import { sqliteFault, type StoreHealth } from '../storeFault.ts';
import { SCHEMA_VERSION } from './database.ts';
import type { AppendOutcome, AppendRequest, WriteError } from './groupCommit.ts';
import { InlineWriter, ThreadWriter, type SqliteWriter } from './sqliteWriter.ts';
import { StatementCache } from './statementCache.ts';

/**
 * The shortest time between two commits' starts: a few ms on an acknowledgement, far fewer
 * fsyncs (500 senders posting one event each every second were some 500 fsyncs a second).
 * A lone append after a quiet spell still commits at once.
 */
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
  /**
   * Where commits run: 'thread' (the default for a database file) or 'inline' on the event loop
   * (the only choice for an in-memory database).
   */
  writer?: 'thread' | 'inline';
}

interface EventRow {
  channel: string;
  seq: number;
  received_at: string;
  body: string;
}

/** A driver error that crossed from the writer as data, as the error the caller is given. */
const writeFailure = (error: WriteError): Error => sqliteFault(error) ?? Object.assign(new Error(error.message), { code: error.code });

const rowOf = (event: ConcordiaEvent) => ({
  id: event.id,
  type: event.type,
  agency: event.agency,
  audience: audienceOf(event),
  occurredAt: event.occurredAt,
  body: JSON.stringify(event),
});

export class SqliteEventStore implements EventStore {
  private readonly headOf: Database.Statement<[string], { head: number | null }>;
  /** Each channel's highest committed seq, as this connection last read or was told it. */
  private readonly heads = new Map<string, number>();
  private readonly statements: StatementCache;
  private readonly writer: SqliteWriter;
  private queue: PendingAppend[] = [];
  private flushTimer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private committing: Promise<void> | undefined;
  private lastCommitAt = -Infinity;
  private closed = false;

  private readonly minFreeBytes: number;

  constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions = {},
  ) {
    this.minFreeBytes = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
    const inline = db.memory || options.writer === 'inline';
    this.writer = inline
      ? new InlineWriter(db)
      : new ThreadWriter({
          file: db.name,
          synchronous: db.pragma('synchronous', { simple: true }) as number,
          busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
        });
    this.headOf = db.prepare('SELECT max(seq) AS head FROM events WHERE channel = ?');
    this.statements = new StatementCache(db);
  }

  append(channel: string, events: readonly ConcordiaEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ channel, events, resolve, reject });
      this.scheduleCommit();
    });
  }

  /** One commit at a time; the next starts when it ends, and not before the interval has passed. */
  private scheduleCommit(): void {
    if (this.flushTimer || this.committing || this.queue.length === 0) return;
    const wait = this.lastCommitAt + MIN_COMMIT_INTERVAL_MS - performance.now();
    this.flushTimer = wait > 0 ? setTimeout(() => this.commitQueued(), wait) : setImmediate(() => this.commitQueued());
  }

  /** Commits every queued append in one transaction, then settles each. */
  private commitQueued(): void {
    this.flushTimer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.lastCommitAt = performance.now();
    let requests: AppendRequest[];
    try {
      requests = batch.map(({ channel, events }) => ({ channel, rows: events.map(rowOf) }));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.committing = this.writer
      .commit(requests)
      .then(
        (result) => {
          if (!result.ok) {
            const failure = writeFailure(result.error);
            for (const pending of batch) pending.reject(failure);
            return;
          }
          batch.forEach((pending, i) => this.settle(pending, result.outcomes[i]));
        },
        (error: unknown) => {
          for (const pending of batch) pending.reject(error);
        },
      )
      .finally(() => {
        this.committing = undefined;
        this.scheduleCommit();
      });
  }

  private settle(pending: PendingAppend, outcome: AppendOutcome): void {
    if (!outcome.ok) return pending.reject(writeFailure(outcome.error));
    const { channel, events } = pending;
    const stored: StoredEvent[] = [];
    const duplicates: string[] = [];
    events.forEach((event, i) => {
      const seq = outcome.seqs[i];
      if (seq === null) duplicates.push(event.id);
      else stored.push({ ...event, channel, seq, receivedAt: outcome.receivedAt });
    });
    if (stored.length) this.heads.set(channel, Math.max(this.heads.get(channel) ?? 0, stored[stored.length - 1].seq));
    pending.resolve({ stored, duplicates });
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
    const known = this.heads.get(channel);
    if (known !== undefined) return known;
    const head = this.guarded(() => this.headOf.get(channel)?.head ?? 0);
    // A commit may have been acknowledged while the read ran: never go back below what it said.
    this.heads.set(channel, Math.max(this.heads.get(channel) ?? 0, head));
    return this.heads.get(channel)!;
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
      // A real commit (with its fsync), on the writer, of one small row: what an append needs, at its smallest.
      const written = await this.writer.probe(new Date().toISOString());
      if (!written.ok) return { ...health, problem: writeFailure(written.error).message };
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
    // Writes already asked for still complete: the one under way, then what queued behind it.
    while (this.committing || this.queue.length) {
      if (this.committing) await this.committing;
      else {
        this.cancelScheduledCommit();
        this.commitQueued();
      }
    }
    this.cancelScheduledCommit();
    await this.writer.close();
  }

  private cancelScheduledCommit(): void {
    clearTimeout(this.flushTimer as NodeJS.Timeout | undefined);
    clearImmediate(this.flushTimer as NodeJS.Immediate | undefined);
    this.flushTimer = undefined;
  }
}
