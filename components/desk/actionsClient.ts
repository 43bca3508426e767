/**
 * Sends a coordinator's step to `POST /api/actions` on the page's channel (named in the body, as
 * the contract has it: a query string is not read there, so a step on an exercise went to live). Each step gets a client id
 * when the coordinator confirms it and keeps it through every retry, so a retry after a lost
 * answer is recognised as the same step and stored once. Actor, agency and releasability are
 * stamped by the server from the session: they are never sent.
 */
import { actionReplySchema } from '@/lib/contract/actions.ts';
import type { Agency } from '@/lib/contract/agencies.ts';
import { errorReplySchema } from '@/lib/contract/http.ts';
import type { Confidence, Impact, Outcome } from '@/components/desk/deskView.ts';

export type DeskActionInput =
  | { type: 'incident.validate'; incidentId: string; owner: Agency; impact: Impact; confidence: Confidence; response: string }
  | { type: 'incident.return'; incidentId: string; reason: string }
  | { type: 'tasking.assign'; incidentId: string; units: string[] }
  | { type: 'incident.transfer'; incidentId: string; to: Agency; reason: string }
  | { type: 'incident.close'; incidentId: string; outcome: Outcome; text: string; duplicateOf?: string }
  | { type: 'alert.acknowledge'; alertId: string };

export type ActionResult = { ok: true; duplicate: boolean } | { ok: false; status: number; message: string };

/** Attempts when no answer comes back (network, 5xx) before the desk tells the coordinator. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;

export function newActionId(): string {
  return `desk-${crypto.randomUUID()}`;
}

export const ACTIONS_URL = '/api/actions';

export async function sendAction(
  channel: string,
  id: string,
  action: DeskActionInput,
  fetcher: typeof fetch = fetch,
): Promise<ActionResult> {
  let last: ActionResult = { ok: false, status: 0, message: 'network' };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await fetcher(ACTIONS_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, channel, step: toStep(id, action) }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      const body: unknown = await res.json().catch(() => null);
      if (res.ok) return { ok: true, duplicate: duplicateIn(body) };
      last = { ok: false, status: res.status, message: messageIn(body) ?? `HTTP ${res.status}` };
      if (res.status < 500) return last;
    } catch {
      last = { ok: false, status: 0, message: 'network' };
    }
    if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt)); // backoff before the same id goes again
  }
  return last;
}

/** The desk's step as POST /api/actions names it (lib/contract/actions.ts). */
export function toStep(id: string, action: DeskActionInput): Record<string, unknown> {
  switch (action.type) {
    case 'incident.validate':
      return {
        type: 'incident.validated',
        incidentId: action.incidentId,
        owner: action.owner,
        impact: action.impact,
        // The desk rates the information; the source's reliability is not asked yet.
        confidence: { credibility: action.confidence, reliability: 'unknown', validated: true },
        response: action.response,
      };
    case 'incident.return':
      return { type: 'incident.returned', incidentId: action.incidentId, reason: action.reason };
    case 'tasking.assign':
      return {
        type: 'tasking.assigned',
        taskingId: `t-${id}`,
        incidentId: action.incidentId,
        units: action.units.map((key) => ({ agency: key.slice(0, key.indexOf('/')), unitId: key.slice(key.indexOf('/') + 1) })),
      };
    case 'incident.transfer':
      return { type: 'incident.transfer', incidentId: action.incidentId, to: action.to, text: action.reason };
    case 'incident.close': {
      const { type: _type, text, ...rest } = action;
      return { type: 'incident.closed', ...rest, ...(text ? { text } : {}) };
    }
    case 'alert.acknowledge':
      return { type: 'alert.acknowledged', alertId: action.alertId };
  }
}

function duplicateIn(body: unknown): boolean {
  const reply = actionReplySchema.safeParse(body);
  return reply.success && reply.data.duplicate;
}

function messageIn(body: unknown): string | undefined {
  const reply = errorReplySchema.safeParse(body);
  return reply.success ? reply.data.error.message : undefined;
}
