import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import { MAX_BATCH_SIZE } from '../../lib/contract/validation.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { errorReplySchema, eventsPageSchema, signInReplySchema, snapshotReplySchema } from '../../lib/contract/http.ts';

let server: TestServer;
let pnpKey: string;
beforeAll(async () => {
  server = await startTestServer();
  pnpKey = server.keyOf('pnp');
});
afterAll(() => server.close());

const head = () => server.storedHead();
const errorOf = async (res: Response) => errorReplySchema.parse(await res.json()).error;

describe('POST /api/events', () => {
  it('accepts one event or a batch and answers with seqs and duplicates', async () => {
    const a = make.incident();
    const b = make.queueUpdate({ agency: 'pnp' });
    const first = await server.post(a, pnpKey);
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    expect(firstBody).toEqual({ accepted: [{ id: a.id, seq: expect.any(Number) }], duplicates: [] });
    const second = await server.post([a, b], pnpKey);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ accepted: [{ id: b.id, seq: firstBody.accepted[0].seq + 1 }], duplicates: [a.id] });
  });

  it('stores a report delivered twice (its acknowledgement lost) only once', async () => {
    const report = make.patrolReport();
    const before = await head();
    await server.post(report, pnpKey);
    const retry = await server.post(report, pnpKey);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual({ accepted: [], duplicates: [report.id] });
    expect(await head()).toBe(before + 1);
  });

  const badCases: Array<[string, () => Promise<Response>, number, string, string?]> = [
    ['malformed JSON', () => server.post(null, pnpKey, { raw: '{"id": "x", ' }), 400, 'malformed_json'],
    ['an unknown type', () => server.post({ ...make.incident(), type: 'incident.teleport' }, pnpKey), 400, 'invalid_events', 'type'],
    ['an unknown agency', () => server.post({ ...make.incident(), agency: 'interpol' }, pnpKey), 400, 'invalid_events', 'agency'],
    [
      'latitude 200',
      () => server.post(make.incident({ position: { lat: 200, lon: -70.3 } }), pnpKey),
      400,
      'invalid_events',
      'position.lat',
    ],
    ['a negative queue', () => server.post(make.queueUpdate({ agency: 'pnp', waiting: -3 }), pnpKey), 400, 'invalid_events', 'waiting'],
    [
      'a 10 MB body',
      () => server.post(null, pnpKey, { raw: JSON.stringify({ text: 'x'.repeat(10 * 1024 * 1024) }) }),
      413,
      'body_too_large',
    ],
    ['no credential', () => server.post(make.incident(), null), 401, 'unauthorized'],
    ['a wrong credential', () => server.post(make.incident(), 'ck_000000000000_' + 'a'.repeat(43)), 401, 'unauthorized'],
    ["another agency's key", () => server.post(make.incident({ agency: 'carabineros' }), pnpKey), 403, 'forbidden', 'agency'],
    [
      'a body that is not JSON',
      () => server.post(null, pnpKey, { raw: 'waiting=3', contentType: 'text/plain' }),
      415,
      'unsupported_media_type',
    ],
    [
      'invalid UTF-8',
      () =>
        fetch(`${server.url}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${pnpKey}` },
          body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
        }),
      400,
      'invalid_utf8',
    ],
    [
      'an event from the future',
      () => server.post(make.incident({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), pnpKey),
      400,
      'invalid_events',
      'occurredAt',
    ],
    [
      'an oversized batch',
      () =>
        server.post(
          Array.from({ length: MAX_BATCH_SIZE + 1 }, () => make.incident()),
          pnpKey,
        ),
      400,
      'invalid_events',
    ],
    ['an unknown channel', () => server.post(make.incident(), pnpKey, { channel: 'training:none' }), 404, 'unknown_channel'],
  ];

  for (const [name, send, status, code, field] of badCases) {
    it(`refuses ${name} with ${status}, names the problem and stores nothing`, async () => {
      const before = await head();
      const res = await send();
      expect(res.status).toBe(status);
      const error = await errorOf(res);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(5);
      if (field) expect(error.problems?.map((p) => p.field)).toContain(field);
      expect(await head()).toBe(before);
      // …and the server keeps serving.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }

  it('stores nothing of a batch with one bad event, and names its index and field', async () => {
    const before = await head();
    const res = await server.post([make.incident(), make.queueUpdate({ agency: 'pnp', waiting: -1 }), make.incident()], pnpKey);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.problems).toEqual([expect.objectContaining({ index: 1, field: 'waiting' })]);
    expect(await head()).toBe(before);
  });

  it('lets officers post for their own agency only, and trainers not on live', async () => {
    const pdi = await server.signIn('officer-pdi');
    const res = await server.post(make.incident({ agency: 'pnp' }), pdi);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toMatch(/pdi/);
    expect((await server.post(make.incident({ agency: 'pdi' }), pdi)).status).toBe(201);
    const trainer = await server.signIn('trainer');
    expect((await server.post(make.bulletin(), trainer)).status).toBe(403);
  });
});

describe('sessions', () => {
  it('signs in with a cookie and a token, and refuses wrong passwords with 401', async () => {
    const ok = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator-pe', password: server.passwordOf('coordinator-pe') }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/concordia_session=.+HttpOnly/i);
    const body = signInReplySchema.parse(await ok.json());
    expect(body.user).toEqual({ username: 'coordinator-pe', role: 'coordinator', agency: 'pnp', unitId: null });
    const bad = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator-pe', password: 'wrong-password-1' }),
    });
    expect(bad.status).toBe(401);
  });

  it('logs out: the token stops working', async () => {
    const token = await server.signIn('coordinator-cl');
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${server.url}/api/session`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await fetch(`${server.url}/api/session`, { headers: auth })).status).toBe(401);
  });
});

describe('reading', () => {
  it('pages through events in seq order', async () => {
    const token = await server.signIn('coordinator-cl');
    const get = async (after: number) =>
      eventsPageSchema.parse(
        await (
          await fetch(`${server.url}/api/events?channel=live&after=${after}&limit=2`, { headers: { authorization: `Bearer ${token}` } })
        ).json(),
      );
    const first = await get(0);
    expect(first.events.map((e) => e.seq)).toEqual([1, 2]);
    const second = await get(first.through);
    expect(second.events[0].seq).toBe(3);
  });

  it('answers the state of the channel with the seq it reflects', async () => {
    const token = await server.signIn('coordinator-cl');
    const res = await fetch(`${server.url}/api/state?channel=live`, { headers: { authorization: `Bearer ${token}` } });
    const state = snapshotReplySchema.parse(await res.json());
    expect(state.seq).toBe(server.app.hub.through('live'));
    expect(state.picture.seq).toBe(state.seq);
  });

  it('refuses bad queries and unauthenticated reads', async () => {
    const token = await server.signIn('coordinator-cl');
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${server.url}/api/events?after=-1`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${server.url}/api/events?channel=../../etc`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${server.url}/api/state`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/nothing`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/state`, { method: 'PUT' })).status).toBe(405);
  });
});
