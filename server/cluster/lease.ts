/**
 * Work that exactly one node may do at a time (an exercise clock, the workflow alert raiser) runs
 * under a lease: a row in PostgreSQL's `leases` table naming its owner and an expiry in the
 * database's own clock. The owner renews it every RENEW_MS; when it stops renewing (killed, frozen
 * by SIGSTOP, cut off from the database) the row lapses after TTL_MS and the next node that asks
 * takes it.
 *
 * Why a row and not an advisory lock on a dedicated connection: an advisory lock lasts as long as
 * its connection, and a frozen node's connection stays open until TCP keepalive gives up (minutes),
 * so the work would stop for minutes; a row lapses after TTL_MS whatever the connection does.
 *
 * A holder counts its lease as held only until TTL_MS after it *asked* for the last renewal (its own
 * monotonic clock), which is before the row expires in the database: a node thawed after SIGSTOP
 * sees its deadline passed and stops before anything else, and writes that must never come from a
 * former owner check the row in the same statement (`heldClause`).
 *
 * Without PostgreSQL (one node on SQLite) every lease is held at once: `soloLeases`.
 */
import { performance } from 'node:perf_hooks';

export const LEASE_TTL_MS = 3_000;
export const LEASE_RENEW_MS = 1_000;

/** What a lease needs of a pool (pg.Pool fits). */
export interface LeasePool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

export interface LeaseHandlers {
  /** This node now owns the work: start it. */
  acquired(): void;
  /** This node no longer owns it (lapsed, taken, or stopped): stop it now. */
  lost(): void;
}

export interface Lease {
  readonly name: string;
  /** True while this node may do the work. */
  readonly held: boolean;
  /** Stops asking; gives the lease up (deletes the row) if held, so another node takes it at once. */
  stop(): Promise<void>;
}

export type LeaseFactory = (name: string, handlers: LeaseHandlers) => Lease;

/** One node, nothing to share: every lease is held from the start until stopped. */
export function soloLeases(): LeaseFactory {
  return (name, handlers) => {
    let held = true;
    handlers.acquired();
    return {
      name,
      get held() {
        return held;
      },
      async stop() {
        if (!held) return;
        held = false;
        handlers.lost();
      },
    };
  };
}

export interface PgLeaseOptions {
  pool: LeasePool;
  /** This node's id (unique per process). */
  owner: string;
  ttlMs?: number;
  renewMs?: number;
  onProblem?: (problem: string) => void;
}

/**
 * SQL that is true only while `owner` ($ownerParam) holds lease `name` ($nameParam) in the
 * database's clock: add it to a write that only the current owner may make.
 */
export function heldClause(nameParam: string, ownerParam: string): string {
  return `EXISTS (SELECT 1 FROM leases WHERE name = ${nameParam} AND owner = ${ownerParam} AND expires_at > now())`;
}

export function pgLeases(options: PgLeaseOptions): LeaseFactory {
  const ttlMs = options.ttlMs ?? LEASE_TTL_MS;
  const renewMs = options.renewMs ?? LEASE_RENEW_MS;
  return (name, handlers) => new PgLease(name, handlers, options, ttlMs, renewMs);
}

class PgLease implements Lease {
  /** Monotonic ms until which this node may act (0: not held). */
  private deadline = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Fires at the deadline: a renewal that hangs (database unreachable) must not extend the work. */
  private watchdog: NodeJS.Timeout | null = null;
  private stopped = false;
  private asking: Promise<void> | null = null;

  constructor(
    readonly name: string,
    private readonly handlers: LeaseHandlers,
    private readonly options: PgLeaseOptions,
    private readonly ttlMs: number,
    private readonly renewMs: number,
  ) {
    this.schedule(0);
  }

  get held(): boolean {
    return this.deadline > performance.now();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.asking = this.ask().finally(() => {
        this.asking = null;
        this.schedule(this.renewMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Takes the lease if free or lapsed, renews it if ours; tells the handlers when that changes. */
  private async ask(): Promise<void> {
    const wasHeld = this.deadline !== 0;
    // Frozen past the deadline: stop the work before anything else happens.
    if (wasHeld && !this.held) this.lose();
    const askedAt = performance.now();
    let won = false;
    try {
      const { rows } = await this.options.pool.query(
        `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE leases.owner = excluded.owner OR leases.expires_at <= now()
         RETURNING owner`,
        [this.name, this.options.owner, this.ttlMs],
      );
      won = rows.length === 1;
    } catch (error) {
      this.options.onProblem?.(`lease ${this.name}: ${(error as Error).message}`);
      // Unreachable database: keep acting until the deadline, then stop (the next ask sees it).
      if (this.deadline !== 0 && !this.held) this.lose();
      return;
    }
    if (this.stopped) return;
    if (!won) {
      if (this.deadline !== 0) this.lose();
      return;
    }
    const first = this.deadline === 0;
    this.deadline = askedAt + this.ttlMs;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () => {
        if (this.deadline !== 0 && !this.held) this.lose();
      },
      this.deadline - performance.now() + 1,
    );
    this.watchdog.unref();
    if (first) this.handlers.acquired();
  }

  private lose(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    this.deadline = 0;
    this.handlers.lost();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // A renewal in flight may hang (database unreachable): wait for it a little, not forever.
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([this.asking, new Promise((resolve) => (waited = setTimeout(resolve, this.renewMs)))]);
    clearTimeout(waited);
    if (this.deadline === 0) return;
    this.lose();
    await this.options.pool
      .query('DELETE FROM leases WHERE name = $1 AND owner = $2', [this.name, this.options.owner])
      .catch((error: Error) => this.options.onProblem?.(`lease ${this.name} not given up: ${error.message}`));
  }
}

/**
 * Runs `start` while this node holds lease `name`, and the function it returns when the lease is
 * lost; e.g. `whileLeased(leases, 'workflow-alerts', () => startAlertRaiser(...))`. Returns the
 * function that stops it all (and gives the lease up).
 */
export function whileLeased(leases: LeaseFactory, name: string, start: () => () => void): () => Promise<void> {
  let stopWork: (() => void) | null = null;
  const lease = leases(name, {
    acquired: () => {
      stopWork ??= start();
    },
    lost: () => {
      const stop = stopWork;
      stopWork = null;
      stop?.();
    },
  });
  return () => lease.stop();
}
