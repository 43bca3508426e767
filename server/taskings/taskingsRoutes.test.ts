import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneTaskingsReplySchema } from '../../lib/contract/http.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['coordinator-pe', 'coordinator-cl', 'officer-pnp', 'officer-carabineros', 'trainer'])
    tokens[user] = await server.signIn(user);
}, 60_000);
afterAll(() => server.close());

const bearer = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

async function taskings(user: string, query = '') {
  const res = await fetch(`${server.url}/api/taskings${query}`, { headers: bearer(user) });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return phoneTaskingsReplySchema.parse(body);
}

async function act(user: string, step: Record<string, unknown>, id = make.nextId('act')): Promise<Response> {
  return fetch(`${server.url}/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(user) },
    body: JSON.stringify({ id, step }),
  });
}

async function ok(user: string, step: Record<string, unknown>, id?: string): Promise<void> {
  const res = await act(user, step, id);
  expect(res.status, await res.clone().text()).toBe(201);
}

const confidence = { credibility: 'probable', reliability: 'reliable', validated: true };

describe('GET /api/taskings', () => {
  it('gives the officer their unit’s tasking with its incident, and each answer at once', async () => {
    expect(await taskings('officer-pnp')).toMatchObject({ channel: 'live', unit: { agency: 'pnp', unitId: 'PNP-1' }, taskings: [] });

    await server.post(make.incident({ incidentId: 'P-1', people: 12, occurredAt: new Date().toISOString() }), server.keyOf('pnp'));
    await ok('coordinator-pe', {
      type: 'incident.validated',
      incidentId: 'P-1',
      owner: 'pnp',
      impact: 'high',
      confidence,
      response: 'Agua',
    });
    await ok('coordinator-pe', {
      type: 'tasking.assigned',
      taskingId: 'TP-1',
      incidentId: 'P-1',
      units: [{ agency: 'pnp', unitId: 'PNP-1' }],
    });

    // Read through the store: the step the coordinator just took is there, not one batch later.
    const assigned = await taskings('officer-pnp');
    expect(assigned.unit).toMatchObject({ availability: 'assigned' });
    expect(assigned.taskings).toEqual([
      expect.objectContaining({
        taskingId: 'TP-1',
        incidentId: 'P-1',
        state: 'assigned',
        incident: expect.objectContaining({ kind: 'crossing', severity: 'high', status: 'assigned', people: 12, response: 'Agua' }),
      }),
    ]);

    const answer = (a: string, id?: string) =>
      act('officer-pnp', { type: 'tasking.answer', taskingId: 'TP-1', unit: { agency: 'pnp', unitId: 'PNP-1' }, answer: a }, id);
    const acceptId = make.nextId('ans');
    expect((await answer('accept', acceptId)).status).toBe(201);
    // The phone's outbox retries with the same id: stored once, answered as a duplicate.
    expect((await answer('accept', acceptId)).status).toBe(200);
    expect(await taskings('officer-pnp')).toMatchObject({ unit: { availability: 'en-route' }, taskings: [{ state: 'accepted' }] });
    expect((await answer('on-scene')).status).toBe(201);
    expect(await taskings('officer-pnp')).toMatchObject({ unit: { availability: 'on-scene' }, taskings: [{ state: 'on-scene' }] });
    expect((await answer('done')).status).toBe(201);
    const done = await taskings('officer-pnp');
    expect(done).toMatchObject({ unit: { availability: 'available' }, taskings: [{ state: 'done' }] });
    expect(done.taskings[0].finishedAt).toBeDefined();
  });

  it('shows another unit’s officer nothing of it, and an account without a unit no unit', async () => {
    expect((await taskings('officer-carabineros')).taskings).toEqual([]);
    const res = await fetch(`${server.url}/api/taskings`, { headers: bearer('coordinator-pe') });
    expect(res.status).toBe(403);
  });

  it('refuses no session, a bad or unknown channel and unknown parameters, naming the problem', async () => {
    expect((await fetch(`${server.url}/api/taskings`)).status).toBe(401);
    const bad = await fetch(`${server.url}/api/taskings?channel=nope`, { headers: bearer('officer-pnp') });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${server.url}/api/taskings?channel=training:nope`, { headers: bearer('officer-pnp') });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('unknown channel training:nope');
    const extra = await fetch(`${server.url}/api/taskings?unit=PNP-9`, { headers: bearer('officer-pnp') });
    expect(extra.status).toBe(400);
  });

  it('works on an exercise channel, apart from live', async () => {
    const created = await fetch(`${server.url}/api/training`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer('trainer') },
      body: JSON.stringify({ scenario: 'dec-2025' }),
    });
    expect(created.status).toBe(201);
    const { channel } = (await created.json()) as { channel: string };
    const reply = await taskings('officer-pnp', `?channel=${encodeURIComponent(channel)}`);
    expect(reply).toMatchObject({ channel, unit: { unitId: 'PNP-1', availability: 'available' }, taskings: [] });
  });
});
