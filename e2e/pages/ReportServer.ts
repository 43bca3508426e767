/** What the server holds, read the way an agency system reads it (GET with its agency key). */
import { expect, type APIRequestContext } from '@playwright/test';
import type { StoredEvent } from '../../lib/contract/events.ts';
import { keyOf } from '../support/credentials.ts';
import { eventsPageSchema, snapshotReplySchema } from '../../lib/contract/http.ts';

const auth = (agency: string) => ({ authorization: `Bearer ${keyOf(agency)}` });

/** The live channel's head: events stored later have a greater seq. */
export async function liveHead(request: APIRequestContext): Promise<number> {
  const res = await request.get('/api/state?channel=live', { headers: auth('pnp') });
  expect(res.status()).toBe(200);
  return snapshotReplySchema.parse(await res.json()).seq;
}

/** Every live event stored after `afterSeq` by `agency`. */
export async function eventsStoredAfter(request: APIRequestContext, afterSeq: number, agency: string): Promise<StoredEvent[]> {
  const res = await request.get(`/api/events?channel=live&after=${afterSeq}&limit=5000`, { headers: auth(agency) });
  expect(res.status()).toBe(200);
  const body = eventsPageSchema.parse(await res.json());
  return body.events.filter((event) => event.agency === agency);
}
