/**
 * The PostgreSQL event store, for several nodes on one database. Like the SQLite store it
 * commits appends that arrive while a commit is in flight together in one transaction (group
 * commit): one duplicate check and one insert per channel for all of them. When one append's
 * rows fail, the round is run again with each append inside its own savepoint, so it fails alone.
 *
 * Gap-free seq across writers: a transaction first locks the head rows of every channel it writes
 * (sorted, so two nodes never deadlock), reads the heads, inserts rows head+1…, updates the heads
 * and commits. Another writer of the same channel waits on the row lock until that commit, so
 * commit order is seq order. Acknowledged only after COMMIT returns with synchronous_commit on.
 *
 * A peer frozen inside its transaction cannot hold that lock for long: every connection carries
 * the timeouts of sessionSettings.ts, so the server ends such a session after 2 s; a writer whose
 * lock wait still times out retries the round once, then answers 503 (never a 500).
 */
import pg from 'pg';
import { audienceOf } from '../../../lib/contract/releasability.ts';
import type { ConcordiaEvent, StoredEvent } from '../../../lib/contract/events.ts';
import type { AppendResult, EventStore, PendingAppend, ReadOptions } from '../eventStore.ts';
import { postgresFault, type StoreHealth } from '../storeFault.ts';
import { MIGRATIONS } from './migrations.ts';
import type { PostgresSessionSettings } from './sessionSettings.ts';
import { openMigratedPool } from './pool.ts';

/** Longest a readiness probe waits for the database before calling it unreachable. */
export const PROBE_TIMEOUT_MS = 2_000;

interface EventRow {
  channel: string;
  seq: string;
  received_at: string;
  body: string;
}

/** SQLSTATEs after which the whole round is tried again: lock_not_available, deadlock_detected. */
const RETRIED_CODES = new Set(['55P03', '40P01']);
/** Rounds tried for one batch before its appends are refused with the fault. */
const MAX_ROUND_ATTEMPTS = 2;

/** Opens a pool on `url`, runs pending migrations, and returns the store. */
export async function openPostgresEventStore(
  url: string,
  poolSize = 10,
  settings: Partial<PostgresSessionSettings> = {},
): Promise<PostgresEventStore> {
  const pool = await openMigratedPool(url, { max: poolSize, settings });
  return new PostgresEventStore(pool);
}

export class PostgresEventStore implements EventStore {
  private queue: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(readonly pool: pg.Pool) {}

  append(channel: string, events: readonly ConcordiaEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ channel, events, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** One transaction at a time; what arrives meanwhile rides the next one. */
  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = undefined;
        if (this.queue.length > 0) this.scheduleFlush();
      });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.round(batch);
        batch.forEach((pending, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) pending.resolve(outcome.result);
          else pending.reject(outcome.error);
        });
        return;
      } catch (error) {
        // A lock wait that timed out (another session held a head row for seconds) or a deadlock
        // rolled the round back whole: nothing of it is durable, so it can simply run again.
        const code = (error as { code?: unknown } | null | undefined)?.code;
        if (typeof code === 'string' && RETRIED_CODES.has(code) && attempt < MAX_ROUND_ATTEMPTS && !this.closed) continue;
        // A commit whose connection died may still have committed: the sender's retry with the
        // same ids is then answered as duplicates, and the hub reads the seqs it missed.
        const fault = postgresFault(error) ?? error;
        for (const pending of batch) pending.reject(fault);
        return;
      }
    }
  }

  /** One transaction for the batch; throws (rolled back, connection dropped) if it fails as a whole. */
  private async round(batch: PendingAppend[]): Promise<Outcome[]> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const connected = client;
      return await this.commitTogether(connected, batch).catch(async (error: unknown) => {
        // A fault of the database or the connection fails the round. Anything else is one append's
        // bad row: the round is retried append by append, each in its own savepoint, so it fails alone.
        if (postgresFault(error)) throw error;
        await connected.query('ROLLBACK');
        return this.commitEachAlone(connected, batch);
      });
    } catch (error) {
      // The transaction or the connection failed: nothing of this round is durable.
      if (client) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        client = undefined;
      }
      throw error;
    } finally {
      client?.release();
    }
  }

  /**
   * The usual round: every append of a channel checked for present ids in one query and inserted
   * in one statement, whatever the number of appends (a savepoint and two statements per append
   * took more time than the rows themselves: bench/ingest.ts).
   */
  private async commitTogether(client: pg.PoolClient, batch: readonly PendingAppend[]): Promise<Outcome[]> {
    await client.query('BEGIN');
    const channels = [...new Set(batch.map((p) => p.channel))].sort();
    const heads = await this.lockHeads(client, channels);
    const outcomes: Outcome[] = new Array<Outcome>(batch.length);
    for (const channel of channels) {
      const appends = batch.flatMap((pending, index) => (pending.channel === channel ? [{ pending, index }] : []));
      const seen = await this.presentIds(
        client,
        channel,
        appends.flatMap(({ pending }) => pending.events),
      );
      const receivedAt = new Date().toISOString();
      let head = heads.get(channel) ?? 0;
      const rows: StoredEvent[] = [];
      for (const { pending, index } of appends) {
        const result = numbered(channel, pending.events, head, seen, receivedAt);
        head = result.stored.at(-1)?.seq ?? head;
        rows.push(...result.stored);
        outcomes[index] = { ok: true, result };
      }
      await this.insertRows(client, channel, rows, receivedAt);
      heads.set(channel, head);
    }
    await this.updateHeads(client, heads);
    await client.query('COMMIT');
    return outcomes;
  }

  /** The careful round, after an append failed in the usual one: each append in its own savepoint. */
  private async commitEachAlone(client: pg.PoolClient, batch: readonly PendingAppend[]): Promise<Outcome[]> {
    await client.query('BEGIN');
    const heads = await this.lockHeads(client, [...new Set(batch.map((p) => p.channel))].sort());
    const outcomes: Outcome[] = [];
    for (const pending of batch) {
      const headBefore = heads.get(pending.channel) ?? 0;
      await client.query('SAVEPOINT append');
      try {
        const seen = await this.presentIds(client, pending.channel, pending.events);
        const receivedAt = new Date().toISOString();
        const result = numbered(pending.channel, pending.events, headBefore, seen, receivedAt);
        await this.insertRows(client, pending.channel, result.stored, receivedAt);
        await client.query('RELEASE SAVEPOINT append');
        const last = result.stored.at(-1);
        if (last) heads.set(pending.channel, last.seq);
        outcomes.push({ ok: true, result });
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT append');
        outcomes.push({ ok: false, error: postgresFault(error) ?? error });
      }
    }
    await this.updateHeads(client, heads);
    await client.query('COMMIT');
    return outcomes;
  }

  private async updateHeads(client: pg.PoolClient, heads: Map<string, number>): Promise<void> {
    const channels = [...heads.keys()];
    await client.query({
      name: 'concordia-update-heads',
      text: `UPDATE event_heads h SET head = u.head
             FROM unnest($1::text[], $2::bigint[]) AS u(channel, head) WHERE h.channel = u.channel`,
      values: [channels, channels.map((c) => heads.get(c))],
    });
  }

  /** Creates missing head rows, then locks them all in channel order (no deadlock between nodes). */
  private async lockHeads(client: pg.PoolClient, channels: string[]): Promise<Map<string, number>> {
    await client.query({
      name: 'concordia-ensure-heads',
      text: `INSERT INTO event_heads (channel, head) SELECT c, 0 FROM unnest($1::text[]) AS c
             ON CONFLICT (channel) DO NOTHING`,
      values: [channels],
    });
    const { rows } = await client.query<{ channel: string; head: string }>({
      name: 'concordia-lock-heads',
      text: 'SELECT channel, head FROM event_heads WHERE channel = ANY($1::text[]) ORDER BY channel FOR UPDATE',
      values: [channels],
    });
    return new Map(rows.map((row) => [row.channel, Number(row.head)]));
  }

  /** The (agency, id) keys of these events the channel already holds. */
  private async presentIds(client: pg.PoolClient, channel: string, events: readonly ConcordiaEvent[]): Promise<Set<string>> {
    // The channel's head row is locked, so no other writer can add these ids meanwhile. One probe
    // of the (channel, agency, id) index per event: LIMIT 1 keeps the planner from turning this
    // into a semi-join that reads every row of the channel (it did: 50 ms an append at 30,000
    // events, bench/ingest.ts, and growing with the log).
    const { rows: present } = await client.query<{ agency: string; id: string }>({
      name: 'concordia-present-ids',
      text: `SELECT u.agency, u.id FROM unnest($2::text[], $3::text[]) AS u(agency, id)
             CROSS JOIN LATERAL (SELECT 1 FROM events e
                                 WHERE e.channel = $1 AND e.agency = u.agency AND e.id = u.id LIMIT 1) AS found`,
      values: [channel, events.map((e) => e.agency), events.map((e) => e.id)],
    });
    return new Set(present.map((row) => idKey(row)));
  }

  private async insertRows(client: pg.PoolClient, channel: string, stored: readonly StoredEvent[], receivedAt: string): Promise<void> {
    if (stored.length === 0) return;
    await client.query({
      name: 'concordia-insert-events',
      text: `INSERT INTO events (channel, seq, id, type, agency, audience, occurred_at, received_at, body)
             SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                                      $7::text[], $8::text[], $9::text[])`,
      values: [
        channel,
        stored.map((e) => e.seq),
        stored.map((e) => e.id),
        stored.map((e) => e.type),
        stored.map((e) => e.agency),
        stored.map((e) => audienceOf(e)),
        stored.map((e) => e.occurredAt),
        stored.map(() => receivedAt),
        stored.map((e) => {
          const { channel: _c, seq: _s, receivedAt: _r, ...event } = e;
          return JSON.stringify(event);
        }),
      ],
    });
  }

  async read(channel: string, { afterSeq, throughSeq, limit, audiences }: ReadOptions): Promise<StoredEvent[]> {
    const { rows } = await this.guarded<EventRow>({
      name: audiences ? 'concordia-read-audiences' : 'concordia-read',
      text: `SELECT channel, seq, received_at, body FROM events
             WHERE channel = $1 AND seq > $2 AND seq <= $3${audiences ? ' AND audience = ANY($5::text[])' : ''}
             ORDER BY seq LIMIT $4`,
      values: audiences
        ? [channel, afterSeq, throughSeq ?? Number.MAX_SAFE_INTEGER, limit, [...audiences]]
        : [channel, afterSeq, throughSeq ?? Number.MAX_SAFE_INTEGER, limit],
    });
    // Rows were validated against the contract before they were written (see the SQLite store).
    return rows.map((row) => ({
      ...(JSON.parse(row.body) as ConcordiaEvent),
      channel: row.channel,
      seq: Number(row.seq),
      receivedAt: row.received_at,
    }));
  }

  async head(channel: string): Promise<number> {
    const { rows } = await this.guarded<{ head: string }>({
      name: 'concordia-head',
      text: 'SELECT head FROM event_heads WHERE channel = $1',
      values: [channel],
    });
    return rows.length > 0 ? Number(rows[0].head) : 0;
  }

  async probe(): Promise<StoreHealth> {
    const health: StoreHealth = { engine: 'postgresql', reachable: false, writable: false, migrated: false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    const run = async (): Promise<StoreHealth> => {
      const client = await this.pool.connect();
      let broken = false;
      try {
        const { rows } = await client.query<{ version: number | null; recovery: boolean }>(
          'SELECT (SELECT max(version) FROM schema_migrations) AS version, pg_is_in_recovery() AS recovery',
        );
        health.reachable = true;
        const version = rows[0]?.version ?? 0;
        health.migrated = version >= MIGRATIONS.length;
        if (!health.migrated) return { ...health, problem: `the schema is version ${version}; this build needs ${MIGRATIONS.length}` };
        if (rows[0]?.recovery) return { ...health, problem: 'this database is a standby in recovery: it takes no writes' };
        // A committed write, with synchronous_commit on: a full disk or a read-only database shows here.
        await client.query({
          name: 'concordia-probe',
          text: `INSERT INTO health_probe (id, probed_at) VALUES (1, now())
                 ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at`,
        });
        return { ...health, writable: true };
      } catch (error) {
        // A connection that failed mid-probe is not given back for reuse.
        broken = true;
        throw error;
      } finally {
        client.release(broken);
      }
    };
    try {
      // A probe that outlives the timeout finishes (and frees its connection) on its own.
      return await Promise.race([run(), timeout]);
    } catch (error) {
      return { ...health, problem: (postgresFault(error) ?? (error as Error)).message };
    } finally {
      clearTimeout(timer);
    }
  }

  /** A query on the pool, with driver faults turned into StoreUnavailableError. */
  private async guarded<R extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(query);
    } catch (error) {
      throw postgresFault(error) ?? error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.pool.end();
  }
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

const idKey = (e: { agency: string; id: string }) => `${e.agency}\u0000${e.id}`;

/**
 * Numbers an append's events after `head`; an id already in `seen` (in the store, or earlier in
 * this round) is a duplicate. Adds what it numbers to `seen`.
 */
function numbered(channel: string, events: readonly ConcordiaEvent[], head: number, seen: Set<string>, receivedAt: string): AppendResult {
  const stored: StoredEvent[] = [];
  const duplicates: string[] = [];
  for (const event of events) {
    const key = idKey(event);
    if (seen.has(key)) {
      duplicates.push(event.id);
      continue;
    }
    seen.add(key);
    head += 1;
    stored.push({ ...event, channel, seq: head, receivedAt });
  }
  return { stored, duplicates };
}
