/**
 * The append-only event log, per channel. Callers depend on this interface only, so a PostgreSQL
 * implementation can replace SQLite without touching them; hence every method is async even
 * though better-sqlite3 is not.
 *
 * When the database is unreachable, full or failing, append, read and head reject with a
 * StoreUnavailableError (storeFault.ts): the caller answers 503 and may retry the same ids later.
 */
import type { Audience } from '../../lib/contract/releasability.ts';
import type { ConcordiaEvent, StoredEvent } from '../../lib/contract/events.ts';
import type { StoreHealth } from './storeFault.ts';

export interface AppendResult {
  /** The events stored by this call, in seq order. */
  stored: StoredEvent[];
  /**
   * Ids that the channel already held for the same agency (or that repeat within the batch): not
   * stored again. An id is its sender's idempotency key, so it is unique per agency.
   */
  duplicates: string[];
}

/** An append waiting in a store's queue for the next group commit, settled when that commit ends. */
export interface PendingAppend {
  channel: string;
  events: readonly ConcordiaEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface ReadOptions {
  /** Return events with seq greater than this. */
  afterSeq: number;
  /** ...and at most this seq (inclusive). */
  throughSeq?: number;
  limit: number;
  /** Only events visible to these audiences. Omit for all. */
  audiences?: readonly Audience[];
}

export interface EventStore {
  /**
   * Appends a batch to a channel, all or nothing. Resolves only after the transaction has
   * committed (durable), with each new event's seq; ids already present are reported as
   * duplicates, never stored twice.
   */
  append(channel: string, events: readonly ConcordiaEvent[]): Promise<AppendResult>;
  /** Events of a channel in seq order. */
  read(channel: string, options: ReadOptions): Promise<StoredEvent[]>;
  /** The highest seq of a channel (0 when empty). */
  head(channel: string): Promise<number>;
  /**
   * Whether the store can take writes now: a read, the schema version and a small probe write
   * (GET /readyz). Never throws; a fault is reported in the answer.
   */
  probe(): Promise<StoreHealth>;
  /** Completes writes in flight, then closes. */
  close(): Promise<void>;
}
