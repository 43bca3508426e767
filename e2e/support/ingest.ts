/** Posting events the way an agency system does: HTTP with the agency's key. */
import { expect, type APIRequestContext } from '@playwright/test';
import type { EventInput } from '../../lib/contract/events.ts';
import { keyOf } from './credentials.ts';

export async function postEvents(request: APIRequestContext, events: EventInput | EventInput[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  const agency = list[0].agency;
  const res = await request.post('/api/events', {
    headers: { authorization: `Bearer ${keyOf(agency)}` },
    data: events,
  });
  expect(res.status(), await res.text()).toBe(201);
}
