/**
 * Exercises get the whole workflow (issue 14, point 7): on a training channel coordinators
 * validate and assign, officers answer, the alert raiser raises and overdue timers run — on the
 * exercise clock's time — and nothing of it reaches the live channel.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actionReplySchema } from '../../lib/contract/actions.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer({ workflowAlerts: { intervalMs: 100 } });
  for (const user of ['coordinator-cl', 'coordinator-pe', 'officer-pnp', 'trainer']) tokens[user] = await server.signIn(user);
}, 60_000);
afterAll(() => server.close());

function post(username: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[username]}` },
    body: JSON.stringify(body),
  });
}

async function act(username: string, channel: string, step: Record<string, unknown>, id = make.nextId('ex')) {
  const res = await post(username, '/api/actions', { id, channel, step });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return actionReplySchema.parse(body);
}

const confidence = { credibility: 'probable', reliability: 'reliable', validated: true };
/** In the scenario, PNP reports 47 people crossing at 12:55 (Peru time) on 1 December 2025. */
const INCIDENT = 'INC-1201-CRUCE';
const AT = Date.parse('2025-12-01T13:30:00-05:00');

describe('the workflow on an exercise channel', () => {
  it('validates, assigns and answers on exercise time; raises and acknowledges alerts there; nothing reaches live', async () => {
    const created = await post('trainer', '/api/training', { scenario: 'dec-2025' });
    expect(created.status).toBe(201);
    const { id: sessionId, channel } = (await created.json()) as { id: string; channel: string };
    const seek = await post('trainer', `/api/training/${sessionId}/control`, { action: 'seek', at: new Date(AT).toISOString() });
    expect(seek.status).toBe(200);
    const liveHead = await server.storedHead('live');
    const live = new Receiver(await server.connect(tokens['coordinator-pe']));
    const [pe, cl] = await Promise.all([
      server.connect(tokens['coordinator-pe']).then((socket) => new Receiver(socket, channel)),
      server.connect(tokens['coordinator-cl']).then((socket) => new Receiver(socket, channel)),
    ]);
    await Promise.all([live.subscribe(), pe.subscribe(), cl.subscribe()]);
    expect(pe.follower.picture.incidents[INCIDENT]).toMatchObject({ status: 'reported', originator: 'pnp' });

    // The raiser watches the exercise too: the high-severity crossing raises its alert there, on exercise time.
    // (It may have come before the screens subscribed, in their snapshot.)
    const severe = (r: Receiver) => Object.values(r.follower.picture.alerts).filter((a) => a.subject.incidentId === INCIDENT);
    await Promise.all([pe.until(() => severe(pe).length > 0), cl.until(() => severe(cl).length > 0)]);
    const alert = severe(pe)[0];
    expect(severe(pe)).toHaveLength(1);
    expect(Math.abs(Date.parse(alert.raisedAt) - AT)).toBeLessThan(60_000); // the paused exercise's clock, not 2026

    const validated = await act('coordinator-pe', channel, {
      type: 'incident.validated',
      incidentId: INCIDENT,
      owner: 'pnp',
      impact: 'high',
      confidence,
      response: 'Patrulla PNP-P1 en camino',
    });
    const unit = { agency: 'pnp', unitId: 'PNP-P1' };
    const assigned = await act('coordinator-pe', channel, {
      type: 'tasking.assigned',
      taskingId: 'T-EX-1',
      incidentId: INCIDENT,
      units: [unit],
    });
    const accepted = await act('officer-pnp', channel, { type: 'tasking.answer', taskingId: 'T-EX-1', unit, answer: 'accept' });
    const acked = await act('coordinator-cl', channel, { type: 'alert.acknowledged', alertId: alert.alertId });
    // The reply names the seq screens know the step by, so a screen can wait for it.
    for (const r of [pe, cl]) await r.until(() => r.follower.picture.seq >= acked.seq);

    for (const r of [pe, cl]) {
      const incident = r.follower.picture.incidents[INCIDENT];
      expect(incident).toMatchObject({ status: 'assigned', owner: 'pnp', response: 'Patrulla PNP-P1 en camino' });
      expect(incident.history.map((s) => s.eventId)).toEqual(expect.arrayContaining([validated.id, assigned.id, accepted.id]));
      expect(r.follower.picture.taskings['T-EX-1'].units[0]).toMatchObject({ state: 'accepted' });
      expect(r.follower.picture.alerts[alert.alertId].acknowledged?.by).toEqual({ accountId: 'coordinator-cl', role: 'coordinator' });
      expect(r.received.filter((e) => e.type === 'alert.acknowledged')).toHaveLength(1);
      // Steps carry exercise time, so the exercise's timers measure exercise minutes.
      for (const step of [validated, assigned, accepted, acked]) {
        const event = r.received.find((e) => e.id === step.id)!;
        expect(Math.abs(Date.parse(event.occurredAt) - AT)).toBeLessThan(60_000);
      }
    }
    const pendingUnit = { agency: 'pnp', unitId: 'PNP-P2' };
    await act('coordinator-pe', channel, { type: 'tasking.assigned', taskingId: 'T-EX-2', incidentId: INCIDENT, units: [pendingUnit] });

    // Eleven exercise minutes on (the accept timeout is 10): the unasked tasking is overdue on exercise time.
    const later = await post('trainer', `/api/training/${sessionId}/control`, {
      action: 'seek',
      at: new Date(AT + 11 * 60_000).toISOString(),
    });
    expect(later.status).toBe(200);
    await vi.waitFor(
      () => {
        const alerts = Object.values(server.app.hub.snapshot(channel, 'PE').picture.alerts);
        expect(alerts.filter((a) => a.kind === 'tasking-overdue' && a.subject.taskingId === 'T-EX-2')).toHaveLength(1);
      },
      { timeout: 5_000 },
    );

    // Live saw none of it.
    expect(await server.storedHead('live')).toBe(liveHead);
    expect(live.received).toHaveLength(0);
    expect(Object.keys(live.follower.picture.alerts)).toHaveLength(0);
    expect(live.follower.picture.incidents[INCIDENT]).toBeUndefined();
    for (const r of [live, pe, cl]) r.socket.disconnect();
  }, 30_000);
});
