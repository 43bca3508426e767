/**
 * What the answer to POST /api/session means for the person at the sign-in form. Pure, so each
 * case is tested; the form says it in words. A lock (429 `account_locked` / `address_locked`) lasts
 * until the server's Retry-After; the form counts it down in whole minutes, rounded up.
 */

export type SignInOutcome =
  | { kind: 'signed-in'; role: string | null }
  /** Wrong username or password (or a form the server could not read). */
  | { kind: 'wrong' }
  /** Too many failed sign-ins for this account, or too many attempts from this address. */
  | { kind: 'locked'; scope: 'account' | 'address'; retryAfterSeconds: number }
  /** The server answered, but failed (5xx or an answer this page does not know). */
  | { kind: 'server-error'; status: number }
  /** No answer at all: the request never reached the server or its answer never came back. */
  | { kind: 'network' };

/** When a 429 names no duration, the page says the usual lock window (the server's 15 minutes). */
export const DEFAULT_LOCK_SECONDS = 15 * 60;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads one answer. `body` is the parsed JSON (or null), `retryAfter` the Retry-After header. */
export function readSignInAnswer(status: number, body: unknown, retryAfter: string | null): SignInOutcome {
  if (status === 200) {
    const role = record(record(body)?.user)?.role;
    return { kind: 'signed-in', role: typeof role === 'string' ? role : null };
  }
  if (status === 400 || status === 401) return { kind: 'wrong' };
  if (status === 429 || status === 423) {
    const error = record(record(body)?.error);
    const fromBody = Number(error?.retryAfterSeconds);
    const fromHeader = Number(retryAfter);
    const seconds = fromBody > 0 ? fromBody : fromHeader > 0 ? fromHeader : DEFAULT_LOCK_SECONDS;
    return { kind: 'locked', scope: error?.code === 'address_locked' ? 'address' : 'account', retryAfterSeconds: Math.ceil(seconds) };
  }
  return { kind: 'server-error', status };
}

/** Whole minutes left on a lock, rounded up ("1 min" until the last second), 0 once it is over. */
export function minutesLeft(lockedUntil: number, now: number): number {
  return Math.max(0, Math.ceil((lockedUntil - now) / 60_000));
}
