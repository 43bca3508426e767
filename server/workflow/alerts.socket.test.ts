import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workflowAlerts: { intervalMs: 100 } });
}, 60_000);
afterAll(() => server.close());

describe('workflow alerts', () => {
  it('a queue crossing its level raises one alert on every screen, and its acknowledgement reaches both once', async () => {
    const [clToken, peToken] = [await server.signIn('coordinator-cl'), await server.signIn('coordinator-pe')];
    const cl = new Receiver(await server.connect(clToken));
    const pe = new Receiver(await server.connect(peToken));
    await Promise.all([cl.subscribe(), pe.subscribe()]);
    expect((await server.post(make.queueUpdate({ waiting: 400, occurredAt: new Date().toISOString() }), server.keyOf('pdi'))).status).toBe(
      201,
    );
    const raised = (r: Receiver) => r.received.filter((e) => e.type === 'alert.raised' && e.kind === 'queue-level');
    await Promise.all([cl.until(() => raised(cl).length > 0), pe.until(() => raised(pe).length > 0)]);
    const alertId = raised(cl)[0].id;
    const ack = await fetch(`${server.url}/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${peToken}` },
      body: JSON.stringify({ id: make.nextId('ack'), step: { type: 'alert.acknowledged', alertId } }),
    });
    expect(ack.status).toBe(201);
    await Promise.all([
      cl.until(() => cl.follower.picture.alerts[alertId]?.acknowledged !== undefined),
      pe.until(() => pe.follower.picture.alerts[alertId]?.acknowledged !== undefined),
    ]);
    for (const r of [cl, pe]) {
      expect(raised(r)).toHaveLength(1);
      expect(r.received.filter((e) => e.type === 'alert.acknowledged')).toHaveLength(1);
      expect(r.follower.picture.alerts[alertId].acknowledged?.by).toEqual({ accountId: 'coordinator-pe', role: 'coordinator' });
    }
    cl.socket.disconnect();
    pe.socket.disconnect();
  });

  it("a national-only Chilean incident's alert and its acknowledgement reach Chilean screens once, never the Peruvian", async () => {
    const [clToken, peToken] = [await server.signIn('coordinator-cl'), await server.signIn('coordinator-pe')];
    const cl = new Receiver(await server.connect(clToken));
    const pe = new Receiver(await server.connect(peToken));
    await Promise.all([cl.subscribe(), pe.subscribe()]);
    const secret = make.incident({
      agency: 'carabineros',
      incidentId: 'CL-SECRET',
      severity: 'critical',
      releasability: 'national',
      occurredAt: new Date().toISOString(),
    });
    expect((await server.post(secret, server.keyOf('carabineros'))).status).toBe(201);
    const raised = (r: Receiver) => r.received.filter((e) => e.type === 'alert.raised' && e.subject.incidentId === 'CL-SECRET');
    await cl.until(() => raised(cl).length > 0);
    const alertId = raised(cl)[0].id;
    const ack = await fetch(`${server.url}/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clToken}` },
      body: JSON.stringify({ id: make.nextId('ack'), step: { type: 'alert.acknowledged', alertId } }),
    });
    expect(ack.status).toBe(201);
    await cl.until(() => cl.follower.picture.alerts[alertId]?.acknowledged !== undefined);
    // The Peruvian screen's seq moves past the acknowledgement too (its batches carry the seq, without the national events).
    await pe.until(() => pe.follower.picture.seq >= cl.follower.picture.seq);
    expect(raised(cl)).toHaveLength(1);
    expect(cl.received.filter((e) => e.type === 'alert.acknowledged' && e.alertId === alertId)).toHaveLength(1);
    expect(pe.received.some((e) => e.id === alertId || ('alertId' in e && e.alertId === alertId))).toBe(false);
    expect(pe.follower.picture.alerts[alertId]).toBeUndefined();
    // Nor can the Peruvian coordinator acknowledge it by its id.
    const blind = await fetch(`${server.url}/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${peToken}` },
      body: JSON.stringify({ id: make.nextId('ack'), step: { type: 'alert.acknowledged', alertId } }),
    });
    expect(blind.status).toBe(404);
    cl.socket.disconnect();
    pe.socket.disconnect();
  });
});
