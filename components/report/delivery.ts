/**
 * What an answer from POST /api/events means for a report waiting on the phone, and when to try
 * again. Pure: the outbox sender applies the decision.
 *
 * - 201: stored, or already stored under this id (a retry after a lost acknowledgement) → delivered.
 * - 400, 403 and other 4xx the sender cannot fix by waiting → rejected: shown with the server's
 *   reason, never retried on its own.
 * - 401: the session ended → keep the report and ask the officer to sign in again.
 * - 408, 429, 5xx, no answer → try again later, with backoff (and the server's Retry-After).
 */
import { actionReplySchema } from '@/lib/contract/actions.ts';
import { ingestReceiptSchema, problemSchema, type Problem } from '@/lib/contract/http.ts';

/** Why the server refused a report, as it said it. */
export interface Rejection {
  status: number;
  code: string;
  message: string;
  problems: Problem[];
}

export type DeliveryOutcome =
  | { kind: 'delivered'; duplicate: boolean }
  | { kind: 'rejected'; rejection: Rejection }
  | { kind: 'signed-out' }
  | { kind: 'retry'; retryAfterMs: number | null; reason: string };

/** The first retry waits this long; each next one twice as long, up to MAX_RETRY_DELAY_MS. */
export const BASE_RETRY_DELAY_MS = 2_000;
/** A phone in a dead zone checks back every five minutes at least (and at once when back online). */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;
/** ±20 % so phones that lost the network together do not all come back in the same second. */
const JITTER = 0.2;

/** Reads the answer to one POST of one report. `body` is the parsed JSON, or null if there was none. */
export function classifyResponse(status: number, body: unknown, retryAfter: string | null, now: number): DeliveryOutcome {
  if (status === 201) {
    const receipt = ingestReceiptSchema.safeParse(body);
    return { kind: 'delivered', duplicate: receipt.success && receipt.data.duplicates.length > 0 };
  }
  if (status === 401) return { kind: 'signed-out' };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', retryAfterMs: parseRetryAfter(retryAfter, now), reason: `HTTP ${status}` };
  }
  return { kind: 'rejected', rejection: rejectionFrom(status, body) };
}

/**
 * Reads the answer to one POST /api/actions of one step (an answer to a tasking): 201 stored, 200
 * already stored under this id (a retry); 409 (the step no longer fits, e.g. the incident closed
 * meanwhile) and other 4xx are refusals shown to the officer; the rest as for reports.
 */
export function classifyActionResponse(status: number, body: unknown, retryAfter: string | null, now: number): DeliveryOutcome {
  if (status === 200 || status === 201) {
    const reply = actionReplySchema.safeParse(body);
    return { kind: 'delivered', duplicate: status === 200 || (reply.success && reply.data.duplicate) };
  }
  return classifyResponse(status, body, retryAfter, now);
}

/** A request that got no answer at all: offline, refused, timed out, or cut on the way back. */
export function networkFailure(error: unknown): DeliveryOutcome {
  const reason = error instanceof Error && error.name === 'AbortError' ? 'timeout' : 'network';
  return { kind: 'retry', retryAfterMs: null, reason };
}

/** Delay before the next attempt, after `attempts` failed ones (1 = the first failed). */
export function retryDelay(attempts: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, BASE_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential * (1 - JITTER + 2 * JITTER * random());
  // The server's wish wins when it asks for longer; never beyond the cap, so a bad header cannot park a report for days.
  return Math.round(Math.min(MAX_RETRY_DELAY_MS, Math.max(jittered, retryAfterMs ?? 0)));
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function rejectionFrom(status: number, body: unknown): Rejection {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  // Each part is read on its own, so one malformed problem does not hide the server's reason.
  const problems = Array.isArray(error.problems) ? error.problems.flatMap(readProblem) : [];
  return {
    status,
    code: typeof error.code === 'string' ? error.code : `http_${status}`,
    message: typeof error.message === 'string' ? error.message : `HTTP ${status}`,
    problems,
  };
}

function readProblem(value: unknown): Problem[] {
  const parsed = problemSchema.safeParse(value);
  return parsed.success ? [parsed.data] : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
