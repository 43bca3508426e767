/**
 * Store faults: the database is unreachable, full or failing. Such an error is not a bug in the
 * request and not permanent: the client is told 503 with Retry-After (server/http/respond.ts) and
 * nothing was stored. Both stores throw StoreUnavailableError for their own faults; other users of
 * the SQLite file (accounts, audit) throw the driver's error, which storeFaultOf recognises too.
 */

export type StoreEngine = 'sqlite' | 'postgresql';

/** What went wrong, as an operator would say it. */
export type StoreFaultKind = 'full' | 'io' | 'unreachable' | 'read-only' | 'busy' | 'timeout' | 'schema';

/** What a client should wait before retrying a write refused by a store fault. */
export const STORE_RETRY_AFTER_SECONDS = 5;

const DESCRIPTIONS: Record<StoreFaultKind, string> = {
  full: 'the disk is full',
  io: 'the disk reports an I/O error',
  unreachable: 'the database cannot be reached',
  'read-only': 'the database accepts no writes (read-only)',
  busy: 'the database is locked by another writer',
  timeout: 'the database did not answer in time',
  schema: 'the database schema is not migrated',
};

const ENGINE_NAMES: Record<StoreEngine, string> = { sqlite: 'SQLite', postgresql: 'PostgreSQL' };

export class StoreUnavailableError extends Error {
  readonly retryAfterSeconds = STORE_RETRY_AFTER_SECONDS;

  constructor(
    readonly engine: StoreEngine,
    readonly kind: StoreFaultKind,
    /** The driver's own words, e.g. "database or disk is full". */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`storage unavailable: ${DESCRIPTIONS[kind]} (${ENGINE_NAMES[engine]}: ${detail})`, options);
    this.name = 'StoreUnavailableError';
  }
}

interface CodedError {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

const asCoded = (error: unknown): CodedError | undefined =>
  typeof error === 'object' && error !== null ? (error as CodedError) : undefined;

/** A better-sqlite3 SqliteError that means the file cannot take writes now, as a store fault. */
export function sqliteFault(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const coded = asCoded(error);
  if (typeof coded?.code !== 'string' || !coded.code.startsWith('SQLITE_')) return undefined;
  const code = coded.code;
  const kind: StoreFaultKind | undefined =
    code === 'SQLITE_FULL'
      ? 'full'
      : code.startsWith('SQLITE_IOERR')
        ? 'io'
        : code.startsWith('SQLITE_READONLY')
          ? 'read-only'
          : code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
            ? 'busy'
            : code.startsWith('SQLITE_CANTOPEN')
              ? 'unreachable'
              : undefined;
  if (!kind) return undefined;
  return new StoreUnavailableError('sqlite', kind, `${String(coded.message)} [${code}]`, { cause: error });
}

/** Node socket errors that mean the server is not there (refused, reset, timed out, unresolvable). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** node-postgres' own words when a connection is lost or cannot be had. */
const LOST_CONNECTION =
  /connection terminated|timeout exceeded when trying to connect|not queryable|connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/** A node-postgres error (SQLSTATE or socket) that means the database cannot take writes now. */
export function postgresFault(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const coded = asCoded(error);
  if (!coded) return undefined;
  const code = typeof coded.code === 'string' ? coded.code : '';
  const message = typeof coded.message === 'string' && coded.message ? coded.message : code;
  const fault = (kind: StoreFaultKind) =>
    new StoreUnavailableError('postgresql', kind, code ? `${message} [${code}]` : message, { cause: error });
  // SQLSTATE: 53100 disk_full, other 53xxx insufficient resources, 58030 io_error,
  // 08xxx connection exceptions, 57P01–03 admin/crash shutdown and cannot connect now,
  // 25006 read-only transaction (a standby, or default_transaction_read_only).
  // 55P03 lock_not_available (lock_timeout), 40P01 deadlock: another session holds the rows.
  // 57014 query_canceled (statement_timeout), 25P03 / 57P05 our session ended for sitting idle
  // (in a transaction) too long: see server/store/postgres/sessionSettings.ts.
  if (code === '53100') return fault('full');
  if (code === '55P03' || code === '40P01') return fault('busy');
  if (code === '57014' || code === '25P03' || code === '57P05') return fault('timeout');
  if (code.startsWith('53')) return fault('busy');
  if (code === '58030') return fault('io');
  if (code.startsWith('08') || /^57P0[123]$/.test(code)) return fault('unreachable');
  if (code === '25006') return fault('read-only');
  if (NETWORK_CODES.has(code)) return fault('unreachable');
  // A host with several addresses fails with an AggregateError of socket errors.
  if (Array.isArray(coded.errors) && coded.errors.some((inner) => NETWORK_CODES.has(String(asCoded(inner)?.code)))) {
    return fault('unreachable');
  }
  if (!code && LOST_CONNECTION.test(message)) return fault('unreachable');
  return undefined;
}

/** Any store fault, from either engine; undefined for every other error. */
export function storeFaultOf(error: unknown): StoreUnavailableError | undefined {
  return sqliteFault(error) ?? postgresFault(error);
}

/** What GET /readyz reports of the store. */
export interface StoreHealth {
  engine: StoreEngine;
  /** A query answered. */
  reachable: boolean;
  /** A probe write committed (and, on SQLite, the disk has room). */
  writable: boolean;
  /** The schema is at the version this build expects. */
  migrated: boolean;
  /** Why not, when one of the above is false. */
  problem?: string;
}
