import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actionReplySchema } from '../../lib/contract/actions.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['coordinator-cl', 'coordinator-pe', 'officer-carabineros', 'officer-pnp', 'admin'])
    tokens[user] = await server.signIn(user);
}, 60_000);
afterAll(() => server.close());

async function subscribed(username: string): Promise<Receiver> {
  const receiver = new Receiver(await server.connect(tokens[username]));
  expect((await receiver.subscribe()).ok).toBe(true);
  return receiver;
}

function act(username: string | null, body: unknown, credential = username ? tokens[username] : null): Promise<Response> {
  return fetch(`${server.url}/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function ok(username: string, step: Record<string, unknown>, id = make.nextId('act')) {
  const res = await act(username, { id, step });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return actionReplySchema.parse(body);
}

const confidence = { credibility: 'probable', reliability: 'reliable', validated: true };

describe('POST /api/actions', () => {
  it('stamps actor, agency and releasability, and answers a retry with the same seq', async () => {
    await server.post(make.incident({ incidentId: 'A-1', occurredAt: new Date().toISOString() }), server.keyOf('pnp'));
    const id = make.nextId('val');
    const step = { type: 'incident.validated', incidentId: 'A-1', owner: 'pnp', impact: 'high', confidence, response: 'Patrulla' };
    const first = await ok('coordinator-pe', step, id);
    const retry = await act('coordinator-pe', { id, step });
    expect(retry.status).toBe(200);
    expect(actionReplySchema.parse(await retry.json())).toMatchObject({ seq: first.seq, duplicate: true });
    // The hub's picture takes the step with its next batch (one window after the reply).
    const picture = await vi.waitFor(() => {
      const current = server.app.hub.snapshot('live', 'PE').picture;
      expect(current.incidents['A-1']).toMatchObject({ status: 'validated', owner: 'pnp' });
      return current;
    });
    expect(picture.incidents['A-1'].history.at(-1)).toMatchObject({
      actor: { accountId: 'coordinator-pe', role: 'coordinator' },
      agency: 'pnp',
    });
  });

  it('refuses bad input, stamped fields, keys, the wrong role and a refused transition, naming why', async () => {
    await server.post(make.incident({ incidentId: 'A-2', occurredAt: new Date().toISOString() }), server.keyOf('pnp'));
    const validate = { type: 'incident.validated', incidentId: 'A-2', owner: 'pnp', impact: 'high', confidence, response: 'x' };
    const bad = await act('coordinator-pe', { id: 'x-1', step: { ...validate, impact: 'huge' } });
    expect(bad.status).toBe(400);
    const stamped = await act('coordinator-pe', { id: 'x-2', step: { ...validate, agency: 'pnp' } });
    expect(stamped.status).toBe(400);
    expect((await stamped.json()).error.message).toContain('agency is set by the server');
    expect((await act(null, { id: 'x-3', step: validate }, server.keyOf('pnp'))).status).toBe(403);
    expect((await act(null, { id: 'x-3', step: validate })).status).toBe(401);
    const officer = await act('officer-pnp', { id: 'x-4', step: validate });
    expect(officer.status).toBe(403);
    const other = await act('coordinator-cl', { id: 'x-5', step: validate });
    expect(other.status).toBe(403);
    expect((await other.json()).error.message).toBe(
      'incident A-2 is not validated yet; only coordinators of Peru (where it was reported) may act on it',
    );
    const early = await act('coordinator-pe', {
      id: 'x-6',
      step: { type: 'tasking.assigned', taskingId: 'T-A2', incidentId: 'A-2', units: [{ agency: 'pnp', unitId: 'PNP-1' }] },
    });
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toBe('validate incident A-2 before assigning units');
    expect((await act('coordinator-pe', { id: 'x-7', channel: 'training:nope', step: validate })).status).toBe(404);
    // Nothing refused was stored: once the hub's picture has the incident (with its next batch,
    // one window after the reply), it is still as reported.
    await vi.waitFor(() => expect(server.app.hub.snapshot('live', 'PE').picture.incidents['A-2']).toBeDefined());
    expect(server.app.hub.snapshot('live', 'PE').picture.incidents['A-2'].status).toBe('reported');
  });

  it('POST /api/events refuses workflow steps but takes post.status from an agency system', async () => {
    const refused = await server.post(make.taskingAssigned({ incidentId: 'A-1' }), server.keyOf('pnp'));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('send it to POST /api/actions');
    const post = await server.post(make.postStatus({ occurredAt: new Date().toISOString() }), server.keyOf('pdi'));
    expect(post.status).toBe(201);
    // An agency's own system may close its incident, but not in a coordinator's name.
    const claimed = await server.post(
      { ...make.incidentClosed({ incidentId: 'A-1' }), actor: { accountId: 'coordinator-pe', role: 'coordinator' } },
      server.keyOf('pnp'),
    );
    expect(claimed.status).toBe(400);
    expect(JSON.stringify(await claimed.json())).toContain('actor is set by the server');
    expect(server.app.hub.snapshot('live', 'PE').picture.incidents['A-1'].status).not.toBe('closed');
  });
});

describe('workflow across countries', () => {
  it("a national-only Chilean incident's steps never reach the Peruvian coordinator; a binational one's reach both", async () => {
    const [cl, pe] = await Promise.all([subscribed('coordinator-cl'), subscribed('coordinator-pe')]);
    const now = () => new Date().toISOString();
    const secret = make.incident({ agency: 'carabineros', incidentId: 'CL-N1', releasability: 'national', occurredAt: now() });
    expect((await server.post(secret, server.keyOf('carabineros'))).status).toBe(201);
    const nationalSteps = [
      await ok('coordinator-cl', {
        type: 'incident.validated',
        incidentId: 'CL-N1',
        owner: 'carabineros',
        impact: 'medium',
        confidence,
        response: 'OS-7',
      }),
      await ok('coordinator-cl', {
        type: 'tasking.assigned',
        taskingId: 'T-CL',
        incidentId: 'CL-N1',
        units: [{ agency: 'carabineros', unitId: 'CB-1' }],
      }),
      await ok('officer-carabineros', {
        type: 'tasking.answer',
        taskingId: 'T-CL',
        unit: { agency: 'carabineros', unitId: 'CB-1' },
        answer: 'accept',
      }),
      await ok('coordinator-cl', { type: 'incident.closed', incidentId: 'CL-N1', outcome: 'resolved' }),
    ];

    const open = make.incident({ incidentId: 'PE-B1', occurredAt: now() });
    expect((await server.post(open, server.keyOf('pnp'))).status).toBe(201);
    const binationalSteps = [
      await ok('coordinator-pe', {
        type: 'incident.validated',
        incidentId: 'PE-B1',
        owner: 'pnp',
        impact: 'high',
        confidence,
        response: 'PNP',
      }),
      await ok('coordinator-pe', {
        type: 'tasking.assigned',
        taskingId: 'T-PE',
        incidentId: 'PE-B1',
        units: [{ agency: 'carabineros', unitId: 'CB-1' }],
      }),
      await ok('coordinator-pe', { type: 'incident.closed', incidentId: 'PE-B1', outcome: 'resolved' }),
    ];
    const last = binationalSteps.at(-1)!.id;
    await Promise.all([cl.until(() => cl.hasEvent(last)), pe.until(() => pe.hasEvent(last))]);
    // A screen that resynced under load rebuilds its picture from the hub's snapshot, which trails a
    // reply by one batch window: wait for the closed incident rather than read it at once.
    await Promise.all([cl, pe].map((r) => r.until(() => r.follower.picture.incidents['PE-B1']?.status === 'closed')));

    for (const step of nationalSteps) {
      expect(cl.hasEvent(step.id)).toBe(true);
      expect(pe.hasEvent(step.id)).toBe(false);
    }
    expect(pe.follower.picture.incidents['CL-N1']).toBeUndefined();
    expect(pe.follower.picture.taskings['T-CL']).toBeUndefined();
    expect(cl.follower.picture.incidents['CL-N1']).toMatchObject({ status: 'closed', outcome: 'resolved' });
    for (const r of [cl, pe]) {
      for (const step of binationalSteps) expect(r.received.filter((e) => e.id === step.id)).toHaveLength(1);
      expect(r.follower.picture.incidents['PE-B1']).toMatchObject({ status: 'closed', owner: 'pnp', outcome: 'resolved' });
    }
    // The Peruvian coordinator cannot reach the national incident even by its id.
    const blind = await act('coordinator-pe', {
      id: make.nextId('x'),
      step: { type: 'incident.followup', incidentId: 'CL-N1', people: 3 },
    });
    expect(blind.status).toBe(404);
    cl.socket.disconnect();
    pe.socket.disconnect();
  });
});
