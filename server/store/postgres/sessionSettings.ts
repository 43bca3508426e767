/**
 * How every Concordia connection to PostgreSQL protects the others from a peer that stops
 * answering. Several nodes write one channel by locking its head row for the length of a
 * transaction (server/store/postgres/postgresEventStore.ts); a node frozen inside that transaction
 * (SIGSTOP, a stalled VM, a machine that vanished without closing its sockets) would otherwise
 * hold the lock, and stall every node's appends, until it woke. The settings are sent with each
 * connection's startup packet (`-c name=value`), so they hold whatever the server's defaults are,
 * and are documented in docs/operations.md ("Timeouts").
 */

export interface PostgresSessionSettings {
  /**
   * A session that sits inside an open transaction this long without sending anything is ended
   * by the server, which rolls the transaction back and frees its locks. An append's transaction
   * is a few round trips of a millisecond each; only a frozen or vanished client sits this long.
   */
  idleInTransactionMs: number;
  /**
   * A statement waiting this long for a row lock gives up (SQLSTATE 55P03). Longer than
   * idleInTransactionMs, so a writer queued behind a frozen peer gets the lock when the server
   * ends the peer's session instead of failing; a lock held longer than this is not an append (an
   * operator's open transaction, a migration): the store retries once, then answers 503.
   */
  lockTimeoutMs: number;
  /** A statement running this long is cancelled (SQLSTATE 57014): no request waits forever on one. */
  statementTimeoutMs: number;
  /**
   * TCP keepalive, both ways: idle connections are probed after this, so a database host or a
   * node host that vanished (no FIN, no RST) is noticed in about idle + 3 × interval.
   */
  keepAliveIdleMs: number;
}

export const DEFAULT_SESSION_SETTINGS: PostgresSessionSettings = {
  idleInTransactionMs: 2_000, // an append's transaction lasts milliseconds; 2 s is a frozen peer
  lockTimeoutMs: 3_000, // > idleInTransactionMs: wait out a frozen peer, not an operator
  statementTimeoutMs: 10_000, // our longest statement is a 1,000-row page read
  keepAliveIdleMs: 10_000, // then 3 probes 5 s apart: a vanished host is gone in ~25 s
};

/** Seconds PostgreSQL's own keepalive waits between probes, and how many go unanswered. */
const SERVER_KEEPALIVE_INTERVAL_S = 5;
const SERVER_KEEPALIVE_COUNT = 3;

/** The startup `options` string: durability first, then the timeouts above. */
export function sessionOptions(settings: PostgresSessionSettings = DEFAULT_SESSION_SETTINGS): string {
  return [
    // Durability is the point of an acknowledgement: never let a server default weaken it.
    'synchronous_commit=on',
    `idle_in_transaction_session_timeout=${settings.idleInTransactionMs}`,
    `lock_timeout=${settings.lockTimeoutMs}`,
    `statement_timeout=${settings.statementTimeoutMs}`,
    // The server's side of keepalive: it ends the session of a node host that vanished.
    `tcp_keepalives_idle=${Math.max(1, Math.round(settings.keepAliveIdleMs / 1000))}`,
    `tcp_keepalives_interval=${SERVER_KEEPALIVE_INTERVAL_S}`,
    `tcp_keepalives_count=${SERVER_KEEPALIVE_COUNT}`,
  ]
    .map((setting) => `-c ${setting}`)
    .join(' ');
}

/**
 * node-postgres options for a pool or client with these settings. No client-side query timeout:
 * the server enforces statement_timeout, and keepalive notices a server that is gone.
 */
export function connectionConfig(url: string, settings: PostgresSessionSettings = DEFAULT_SESSION_SETTINGS) {
  return {
    connectionString: url,
    options: sessionOptions(settings),
    keepAlive: true,
    keepAliveInitialDelayMillis: settings.keepAliveIdleMs,
    connectionTimeoutMillis: 5_000,
  };
}

/**
 * Runs `work` on one connection with no lock or statement timeout (migrations, bulk copies: an
 * advisory lock held by another node's migration, a long CREATE INDEX), then restores the
 * connection's settings before it goes back to the pool.
 */
export async function withoutTimeouts<T>(client: { query(text: string): Promise<unknown> }, work: () => Promise<T>): Promise<T> {
  await client.query('SET lock_timeout = 0; SET statement_timeout = 0');
  try {
    return await work();
  } finally {
    // RESET returns to the value from the startup packet.
    await client.query('RESET lock_timeout; RESET statement_timeout').catch(() => undefined);
  }
}
