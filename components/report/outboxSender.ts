/**
 * Sends what the outbox holds, one report per request, oldest first, until nothing is due. One
 * report per request so that one refused report never holds back the others.
 */
import type { ActionRequest } from '@/lib/contract/actions.ts';
import type { EventInput } from '@/lib/contract/events.ts';
import {
  classifyActionResponse,
  classifyResponse,
  networkFailure,
  retryDelay,
  type DeliveryOutcome,
} from '@/components/report/delivery.ts';
import type { OutboxItem, OutboxStore } from '@/components/report/outboxStore.ts';

/** A request on a weak link that has not answered by then is given up and retried. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Longer than a request may take, so a lease only runs out when its tab died mid-send. */
export const LEASE_MS = REQUEST_TIMEOUT_MS + 10_000;

export interface PostAnswer {
  status: number;
  /** Parsed JSON, or null. */
  body: unknown;
  retryAfter: string | null;
}

/**
 * Posts one event to the channel it was written on (the outbox item's own, never the page's);
 * rejects when no answer came back (offline, timeout, cut connection).
 */
export type PostEvent = (event: EventInput, channel: string, signal: AbortSignal) => Promise<PostAnswer>;

/** Posts one workflow step (an answer to a tasking) to POST /api/actions, on the item's own channel. */
export type PostAction = (request: ActionRequest, signal: AbortSignal) => Promise<PostAnswer>;

export interface FlushResult {
  delivered: number;
  rejected: number;
  /** The session ended: nothing more can be sent until the officer signs in again. */
  signedOut: boolean;
  /** The network or the server is in trouble: try again no earlier than this (epoch ms). */
  pausedUntil: number | null;
}

export interface FlushOptions {
  now?: () => number;
  random?: () => number;
  timeoutMs?: number;
  /** Called after every change to the outbox, so screens can redraw. */
  onChange?: () => void;
  /** Where workflow steps go (POST /api/actions by default). */
  postAction?: PostAction;
}

export async function flushOutbox(store: OutboxStore, post: PostEvent, options: FlushOptions = {}): Promise<FlushResult> {
  const { now = Date.now, random = Math.random, timeoutMs = REQUEST_TIMEOUT_MS, onChange, postAction = postActionToServer } = options;
  const result: FlushResult = { delivered: 0, rejected: 0, signedOut: false, pausedUntil: null };
  for (;;) {
    const item = await store.leaseNextDue(now(), LEASE_MS);
    if (!item) return result;
    const outcome = await attempt(sendOne(item, post, postAction), timeoutMs, now);
    switch (outcome.kind) {
      case 'delivered':
        await store.markDelivered(item.id, { now: now(), duplicate: outcome.duplicate });
        result.delivered += 1;
        break;
      case 'rejected':
        await store.markRejected(item.id, outcome.rejection);
        result.rejected += 1;
        break;
      case 'signed-out':
        await store.release(item.id);
        onChange?.();
        return { ...result, signedOut: true };
      case 'retry': {
        const delayMs = retryDelay(item.attempts + 1, outcome.retryAfterMs, random);
        await store.markRetry(item.id, { now: now(), delayMs, reason: outcome.reason });
        onChange?.();
        // The next report would meet the same dead link or busy server: stop this round.
        return { ...result, pausedUntil: now() + delayMs };
      }
    }
    onChange?.();
  }
}

type Send = (signal: AbortSignal) => Promise<{ answer: PostAnswer; classify: typeof classifyResponse }>;

/** How one item goes out: a report to POST /api/events, a step to POST /api/actions. */
function sendOne(item: OutboxItem, post: PostEvent, postAction: PostAction): Send {
  if (item.kind === 'action') {
    const request: ActionRequest = { id: item.action.id, channel: item.channel, step: item.action.step };
    return async (signal) => ({ answer: await postAction(request, signal), classify: classifyActionResponse });
  }
  return async (signal) => ({ answer: await post(item.event, item.channel, signal), classify: classifyResponse });
}

async function attempt(send: Send, timeoutMs: number, now: () => number): Promise<DeliveryOutcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const { answer, classify } = await send(abort.signal);
    return classify(answer.status, answer.body, answer.retryAfter, now());
  } catch (error) {
    return networkFailure(abort.signal.aborted ? new DOMException('timed out', 'AbortError') : error);
  } finally {
    clearTimeout(timer);
  }
}

/** The real POST: same-origin, with the session cookie, to the report's own channel. */
export const postToServer: PostEvent = (event, channel, signal) => postJson(eventsUrl(channel), event, signal);

/** The real POST of a step: same-origin, with the session cookie; the channel is in the body. */
export const postActionToServer: PostAction = (request, signal) => postJson('/api/actions', request, signal);

async function postJson(url: string, payload: unknown, signal: AbortSignal): Promise<PostAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
  });
  // A body cut off on the way back is no answer: the report is retried and the server answers it as a duplicate.
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
}

/** Where a report of `channel` is posted. The channel is always named, live included. */
export function eventsUrl(channel: string): string {
  return `/api/events?channel=${encodeURIComponent(channel)}`;
}
