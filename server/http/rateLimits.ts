/**
 * Rate limits: guessing passwords (per account and per address) and flooding ingest (per key or
 * user). In memory on one node; on PostgreSQL (several nodes) the counters live in the shared
 * table `rate_limits` (migration 4), so failures spread over nodes add up and a lockout holds on
 * every node. A refusal is a 429 with Retry-After.
 */
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpError } from './respond.ts';

export interface RateLimitSettings {
  /** Failed sign-ins allowed per account in 15 minutes. */
  loginFailuresPerAccount: number;
  /** Sign-in attempts allowed per client address in 15 minutes. */
  loginAttemptsPerAddress: number;
  /** Ingest requests allowed per key or user per second. */
  ingestRequestsPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginFailuresPerAccount: 10,
  loginAttemptsPerAddress: 100,
  ingestRequestsPerSecond: 100,
};

const LOGIN_WINDOW_S = 15 * 60;

/**
 * A small pool for the shared counters. Their writes need no fsync each (the event store's pool
 * insists on synchronous_commit): a count lost in a database crash costs nothing, while a flush
 * per ingest request would cost every request a disk round trip.
 */
export function openRateLimitPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4, options: '-c synchronous_commit=off', connectionTimeoutMillis: 5_000 });
  // A lost connection must not crash the process; the next query opens a new one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export class RateLimits {
  private readonly loginFailures: RateLimiterAbstract;
  private readonly loginAttempts: RateLimiterAbstract;
  private readonly ingest: RateLimiterAbstract;

  /** With `shared`, the counters are PostgreSQL's (migrated already), shared by every node on it. */
  constructor(settings: RateLimitSettings = DEFAULT_RATE_LIMITS, shared?: pg.Pool) {
    const limiter = (options: { points: number; duration: number; keyPrefix: string }): RateLimiterAbstract =>
      shared
        ? new RateLimiterPostgres({ ...options, storeClient: shared, storeType: 'pool', tableName: 'rate_limits', tableCreated: true })
        : new RateLimiterMemory(options);
    this.loginFailures = limiter({ points: settings.loginFailuresPerAccount, duration: LOGIN_WINDOW_S, keyPrefix: 'login-fail' });
    this.loginAttempts = limiter({ points: settings.loginAttemptsPerAddress, duration: LOGIN_WINDOW_S, keyPrefix: 'login-addr' });
    this.ingest = limiter({ points: settings.ingestRequestsPerSecond, duration: 1, keyPrefix: 'ingest' });
  }

  /**
   * Before checking a password: refuses an address that tries too often, or an account under
   * attack (even with the right password, until the lock runs out). The refusal names the lock
   * (`address_locked`, `account_locked`) so the sign-in page can say what happened and for how long.
   */
  async beforeSignIn(username: string, address: string): Promise<void> {
    await take(this.loginAttempts, address, 'too many sign-in attempts from this address', 'address_locked');
    const failures = await this.loginFailures.get(username.toLowerCase());
    if (failures && failures.remainingPoints <= 0) throw accountLocked(failures.msBeforeNext);
  }

  /** A wrong password. The one that uses up the account's allowance is answered with the lock at once. */
  async signInFailed(username: string): Promise<void> {
    const failures = await this.loginFailures.penalty(username.toLowerCase(), 1);
    if (failures.remainingPoints <= 0) throw accountLocked(failures.msBeforeNext);
  }

  async beforeIngest(principalKey: string): Promise<void> {
    await take(this.ingest, principalKey, 'too many ingest requests for this credential');
  }
}

async function take(limiter: RateLimiterAbstract, key: string, message: string, code = 'rate_limited'): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooMany(message, rejection.msBeforeNext, code);
    throw rejection;
  }
}

function accountLocked(msBeforeNext: number): HttpError {
  return tooMany('this account is locked after too many failed sign-ins', msBeforeNext, 'account_locked');
}

/** A 429 with Retry-After in whole seconds (the router repeats them in the body as retryAfterSeconds). */
function tooMany(message: string, msBeforeNext: number, code: string): HttpError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new HttpError(429, code, `${message}; retry in ${seconds} s`, undefined, { 'retry-after': String(seconds) });
}
