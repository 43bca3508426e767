/**
 * Sends a coordinator's step to `POST /api/actions?channel=<channel>`. Each step gets a client id
 * when the coordinator confirms it and keeps it through every retry, so a retry after a lost
 * answer is recognised as the same step and stored once. Actor, agency and releasability are
 * stamped by the server from the session: they are never sent.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
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

export function actionsUrl(channel: string): string {
  return `/api/actions?channel=${encodeURIComponent(channel)}`;
}

export async function sendAction(
  channel: string,
  id: string,
  action: DeskActionInput,
  fetcher: typeof fetch = fetch,
): Promise<ActionResult> {
  let last: ActionResult = { ok: false, status: 0, message: 'network' };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await fetcher(actionsUrl(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, ...action }),
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

function duplicateIn(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return record.duplicate === true || (Array.isArray(record.duplicates) && record.duplicates.length > 0);
}

function messageIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as Record<string, unknown>).error;
  if (typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>).message === 'string') {
    return (error as Record<string, string>).message;
  }
  return undefined;
}
