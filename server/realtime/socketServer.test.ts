import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { eventsPageSchema, ingestReceiptSchema, snapshotReplySchema } from '../../lib/contract/http.ts';

let server: TestServer;
let carabinerosKey: string;
beforeAll(async () => {
  server = await startTestServer();
  carabinerosKey = server.keyOf('carabineros');
});
afterAll(() => server.close());

async function subscribed(username: string): Promise<Receiver> {
  const receiver = new Receiver(await server.connect(await server.signIn(username)));
  const ack = await receiver.subscribe();
  expect(ack.ok).toBe(true);
  return receiver;
}

async function post(...events: ReturnType<typeof make.unitPosition>[]) {
  const res = await server.post(events, carabinerosKey);
  expect(res.status).toBe(201);
  return ingestReceiptSchema.parse(await res.json());
}

describe('live channel over Socket.IO', () => {
  it('delivers an event posted over HTTP to two clients with its seq', async () => {
    const [a, b] = await Promise.all([subscribed('coordinator-cl'), subscribed('coordinator-pe')]);
    const event = make.unitPosition({ callsign: 'Móvil 7' });
    const { accepted } = await post(event);
    await Promise.all([a.until(() => a.hasEvent(event.id)), b.until(() => b.hasEvent(event.id))]);
    for (const r of [a, b]) {
      const got = r.received.find((e) => e.id === event.id)!;
      expect(got.seq).toBe(accepted[0].seq);
      expect(r.follower.picture.units['carabineros/M-1'].callsign).toBe('Móvil 7');
    }
  });

  it('gives a fresh subscriber a snapshot of the picture so far', async () => {
    const incident = make.incident({ incidentId: 'snap-1' });
    await server.post(incident, server.keyOf('pnp'));
    const late = await subscribed('coordinator-cl');
    expect(late.follower.picture.incidents['snap-1']).toBeDefined();
    expect(late.follower.seq).toBe(server.app.hub.through('live'));
  });

  it('replays exactly the missed events, in order, to a client that resubscribes with its last seq', async () => {
    const token = await server.signIn('coordinator-cl');
    const receiver = new Receiver(await server.connect(token));
    await receiver.subscribe();
    const before = make.unitPosition();
    await post(before);
    await receiver.until(() => receiver.hasEvent(before.id));
    const lastSeq = receiver.follower.seq;

    receiver.socket.disconnect();
    const missed = Array.from({ length: 12 }, (_, i) => make.unitPosition({ unitId: `gap-${i}` }));
    for (const event of missed) await post(event);

    const countBefore = receiver.received.length;
    receiver.listen(await server.connect(token));
    const ack = await receiver.subscribe();
    expect(ack).toMatchObject({ ok: true, mode: 'replay' });
    await receiver.until(() => missed.every((e) => receiver.hasEvent(e.id)));
    const replayed = receiver.received.slice(countBefore);
    expect(replayed.map((e) => e.id)).toEqual(missed.map((e) => e.id));
    expect(replayed[0].seq).toBe(lastSeq + 1);

    const after = make.unitPosition({ unitId: 'after-reconnect' });
    await post(after);
    await receiver.until(() => receiver.hasEvent(after.id));
    const seqs = receiver.seqs();
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('keeps a Chilean national event from Peruvian users, on the socket and over HTTP', async () => {
    const chile = await subscribed('coordinator-cl');
    const peru = await subscribed('officer-pnp');
    const secret = make.unitPosition({ unitId: 'OS7-1', releasability: 'national' });
    const marker = make.bulletin({ agency: 'carabineros', title: 'después' });
    await server.post(secret, carabinerosKey);
    await server.post(marker, carabinerosKey);
    // Both see the later binational event; batches arrive in seq order, so by then the
    // national one has been delivered wherever it was going to be.
    await Promise.all([chile.until(() => chile.hasEvent(marker.id)), peru.until(() => peru.hasEvent(marker.id))]);
    expect(chile.hasEvent(secret.id)).toBe(true);
    expect(peru.hasEvent(secret.id)).toBe(false);
    expect(peru.follower.picture.units['carabineros/OS7-1']).toBeUndefined();
    expect(peru.follower.seq).toBe(chile.follower.seq);

    const peruToken = await server.signIn('officer-pnp');
    const chileToken = await server.signIn('coordinator-cl');
    const read = async (token: string, path: string) =>
      (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const peruEvents = eventsPageSchema.parse(await read(peruToken, '/api/events?after=0&limit=5000'));
    const chileEvents = eventsPageSchema.parse(await read(chileToken, '/api/events?after=0&limit=5000'));
    expect(chileEvents.events.some((e) => e.id === secret.id)).toBe(true);
    expect(peruEvents.events.some((e) => e.id === secret.id)).toBe(false);
    const peruState = snapshotReplySchema.parse(await read(peruToken, '/api/state?channel=live'));
    const chileState = snapshotReplySchema.parse(await read(chileToken, '/api/state?channel=live'));
    expect(Object.keys(chileState.picture.units)).toContain('carabineros/OS7-1');
    expect(Object.keys(peruState.picture.units)).not.toContain('carabineros/OS7-1');

    // A replay after reconnecting filters the same way.
    const replaying = new Receiver(await server.connect(peruToken));
    await replaying.subscribe(0);
    await replaying.until(() => replaying.hasEvent(marker.id));
    expect(replaying.hasEvent(secret.id)).toBe(false);
  });

  it('refuses a socket without a valid credential', async () => {
    await expect(server.connect('not-a-token')).rejects.toThrow(/unauthorized/);
  });

  it('refuses unknown channels and malformed subscriptions', async () => {
    const socket = await server.connect(await server.signIn('coordinator-cl'));
    expect(await socket.emitWithAck('channel:subscribe', { channel: 'training:nope' })).toMatchObject({ ok: false });
    expect(await socket.emitWithAck('channel:subscribe', { channel: 'live', afterSeq: -1 })).toMatchObject({ ok: false });
    expect(await socket.emitWithAck('channel:subscribe', 'live' as never)).toMatchObject({ ok: false });
  });
});
