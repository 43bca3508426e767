import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../lib/contract/events.ts';
import { errorReplySchema, handoverReplySchema, type HandoverReply } from '../../lib/contract/http.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { createRouter } from '../http/router.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import { handoverRoutes } from './handoverRoutes.ts';

let server: TestServer;
const HOUR = 3_600_000;
/** Hours ago, from when the test started: a shift that ends about now. */
const started = Date.now();
const ago = (hours: number) => new Date(started - hours * HOUR).toISOString();

const events: EventInput[] = [
  make.incident({ agency: 'pnp', incidentId: 'PE-OPEN', severity: 'medium', occurredAt: ago(3), text: 'Grupo de 12 en Hito 3' }),
  make.incident({
    agency: 'carabineros',
    incidentId: 'CL-SECRET',
    severity: 'critical',
    occurredAt: ago(2),
    releasability: 'national',
    text: 'Operativo reservado de Carabineros',
  }),
  make.incident({ agency: 'pdi', incidentId: 'CL-CLOSED', severity: 'low', occurredAt: ago(5) }),
  make.incidentClosed({ agency: 'pdi', incidentId: 'CL-CLOSED', occurredAt: ago(4), text: 'Sin novedad' }),
  make.incident({ agency: 'pnp', incidentId: 'PE-ANCIENT', occurredAt: ago(30) }),
  make.incidentClosed({ agency: 'pnp', incidentId: 'PE-ANCIENT', occurredAt: ago(20) }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 180, occurredAt: ago(6) }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 420, occurredAt: ago(4) }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 260, occurredAt: ago(1) }),
  make.unitPosition({ agency: 'carabineros', unitId: 'CB-1', status: 'patrolling', occurredAt: ago(1) }),
  make.unitPosition({ agency: 'carabineros', unitId: 'CB-RES', status: 'stationary', occurredAt: ago(1), releasability: 'national' }),
  make.unitPosition({ agency: 'pnp', unitId: 'PNP-1', status: 'responding', occurredAt: ago(2) }),
];

let tokens: Record<'cl' | 'pe' | 'admin' | 'officer' | 'trainer', string>;

beforeAll(async () => {
  server = await startTestServer();
  for (const event of events) expect((await server.post(event, server.keyOf(event.agency))).status).toBe(201);
  server.app.hub.flush(); // briefs read what has been published
  tokens = {
    cl: await server.signIn('coordinator-cl'),
    pe: await server.signIn('coordinator-pe'),
    admin: await server.signIn('admin'),
    officer: await server.signIn('officer-pnp'),
    trainer: await server.signIn('trainer'),
  };
});
afterAll(() => server.close());

function ask(token: string | null, query = ''): Promise<Response> {
  return fetch(`${server.url}/api/handover${query}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

async function briefAs(token: string, query = ''): Promise<HandoverReply> {
  const res = await ask(token, query);
  expect(res.status).toBe(200);
  return handoverReplySchema.parse(await res.json());
}

const ids = (list: { incidentId: string }[]) => list.map((i) => i.incidentId);

describe('GET /api/handover', () => {
  it('gives a Peruvian coordinator the last 12 h without the Chilean national-only incident or unit', async () => {
    const brief = await briefAs(tokens.pe);
    expect(brief.scope).toBe('PE');
    expect(Date.parse(brief.period.to) - Date.parse(brief.period.from)).toBe(12 * HOUR);
    expect(ids(brief.openIncidents)).toEqual(['PE-OPEN']);
    expect(ids(brief.closedIncidents)).toEqual(['CL-CLOSED']);
    expect(JSON.stringify(brief)).not.toContain('CL-SECRET');
    expect(JSON.stringify(brief)).not.toContain('reservado');
    expect(brief.units).toEqual([
      { agency: 'carabineros', total: 1, byStatus: { patrolling: 1 } },
      { agency: 'pnp', total: 1, byStatus: { responding: 1 } },
    ]);
    expect(brief.queues[0]).toMatchObject({ post: 'santa-rosa', direction: 'to-peru', peak: { waiting: 420 }, current: { waiting: 260 } });
  });

  it('gives a Chilean coordinator the same brief with Chile’s national-only items', async () => {
    const brief = await briefAs(tokens.cl);
    expect(brief.scope).toBe('CL');
    expect(ids(brief.openIncidents)).toEqual(['CL-SECRET', 'PE-OPEN']);
    expect(brief.openIncidents[0]).toMatchObject({ releasability: 'national', agency: 'carabineros' });
    expect(brief.units[0]).toEqual({ agency: 'carabineros', total: 2, byStatus: { patrolling: 1, stationary: 1 } });
  });

  it('gives an admin of the binational committee binational items only', async () => {
    const brief = await briefAs(tokens.admin);
    expect(brief.scope).toBe('binational-only');
    expect(ids(brief.openIncidents)).toEqual(['PE-OPEN']);
  });

  it('covers the period asked for, in any offset', async () => {
    // 36 h to 18 h ago, written in Lima's offset: only the ancient incident happened then.
    const lima = (hours: number) => {
      const local = new Date(started - hours * HOUR - 5 * HOUR).toISOString().slice(0, 19);
      return encodeURIComponent(`${local}-05:00`);
    };
    const brief = await briefAs(tokens.pe, `?from=${lima(36)}&to=${lima(18)}`);
    expect(ids(brief.closedIncidents)).toEqual(['PE-ANCIENT']);
    expect(brief.openIncidents).toEqual([]);
    expect(brief.queues).toEqual([]);
    expect(brief.openedInPeriod).toBe(1);
  });

  it('answers only coordinators and admins', async () => {
    expect((await ask(null)).status).toBe(401);
    for (const token of [tokens.officer, tokens.trainer]) {
      const res = await ask(token);
      expect(res.status).toBe(403);
      expect(errorReplySchema.parse(await res.json()).error.message).toBe('only coordinator, admin may do this');
    }
    // An agency's machine key is not a coordinator either.
    const res = await fetch(`${server.url}/api/handover`, { headers: { authorization: `Bearer ${server.keyOf('pnp')}` } });
    expect(res.status).toBe(403);
  });

  it('refuses a bad query with a 400 naming the problem', async () => {
    const cases: [string, string, string][] = [
      ['?from=yesterday', 'from', 'ISO 8601'],
      ['?to=2025-12-01T10:00:00', 'to', 'ISO 8601'], // no offset: whose 10:00?
      [`?from=${encodeURIComponent(ago(1))}&to=${encodeURIComponent(ago(2))}`, 'to', 'must be after from'],
      [`?from=${encodeURIComponent(ago(50))}&to=${encodeURIComponent(ago(1))}`, 'from', 'at most 48 hours'],
      ['?channel=everything', 'channel', 'live'],
      ['?shift=night', '', 'shift'],
    ];
    for (const [query, field, words] of cases) {
      const res = await ask(tokens.cl, query);
      expect(res.status, query).toBe(400);
      const { error } = errorReplySchema.parse(await res.json());
      expect(error.code).toBe('invalid_query');
      expect(error.message, query).toContain(words);
      expect(
        error.problems?.map((p) => p.field),
        query,
      ).toContain(field);
    }
  });

  it('on an exercise channel covers the exercise up to its clock, not the real time', async () => {
    const trainerToken = tokens.trainer;
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${trainerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = (await (await post('/api/training', { scenario: 'dec-2025' })).json()) as { id: string; channel: string };
    const clock = (await (
      await post(`/api/training/${created.id}/control`, { action: 'seek', at: '2025-12-01T15:00:00-03:00' })
    ).json()) as {
      exerciseTime: number;
    };
    const channel = encodeURIComponent(created.channel);
    const brief = await briefAs(tokens.pe, `?channel=${channel}`); // the 12 h before 15:00 on 1 Dec, exercise time
    expect(brief.channel).toBe(created.channel);
    expect(Date.parse(brief.period.to)).toBe(clock.exerciseTime);
    expect(ids(brief.openIncidents)).toEqual(expect.arrayContaining(['INC-1201-CRUCE', 'INC-1129-VARADOS']));
    expect(brief.queues.length).toBeGreaterThan(0);
    // The blockade of 28 Nov, opened and closed that day, in a brief of that day.
    const day = await briefAs(tokens.cl, `?channel=${channel}&from=2025-11-28T06:00:00-05:00&to=2025-11-28T18:00:00-05:00`);
    expect(ids(day.closedIncidents)).toContain('INC-1128-BLOQUEO');
    // Live operations are not part of it, nor is it part of live.
    expect(JSON.stringify(day)).not.toContain('PE-OPEN');
    expect(ids((await briefAs(tokens.pe)).openIncidents)).not.toContain('INC-1201-CRUCE');
  });

  it('says 404 for a channel that does not exist', async () => {
    const res = await ask(tokens.cl, '?channel=training:nope');
    expect(res.status).toBe(404);
    expect(errorReplySchema.parse(await res.json()).error.code).toBe('unknown_channel');
  });
});

describe('GET /api/handover when the store fails', () => {
  it('answers 503 with Retry-After and stores nothing', async () => {
    const failing = { read: async () => Promise.reject(new Error('disk I/O error')) } as unknown as EventStore;
    const hub = { has: () => true, through: () => 10 } as unknown as ChannelHub;
    const auth = {
      requireRole: () => ({ kind: 'user', userId: 1, username: 'c', role: 'coordinator', agency: 'pnp', unitId: null, scope: 'PE' }),
    } as unknown as RequestAuth;
    const log = pino({ level: 'silent' });
    const route = createRouter([handoverRoutes({ auth, hub, store: failing, log })], log);
    const http = createServer((req, res) => void route(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = http.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/handover`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const { error } = errorReplySchema.parse(await res.json());
      expect(error).toMatchObject({ code: 'store_unavailable', retryAfterSeconds: 5 });
      expect(error.message).not.toContain('disk');
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
