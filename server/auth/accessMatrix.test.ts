/**
 * Who may do what: every endpoint and socket action, for each role, an agency key, a key of
 * another agency and no credential. One table; a changed permission shows up as one cell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import type { Agency } from '../../lib/contract/agencies.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

type Who = 'coordinator' | 'officer' | 'trainer' | 'admin' | 'key' | 'otherAgencyKey' | 'none';
const WHO: Who[] = ['coordinator', 'officer', 'trainer', 'admin', 'key', 'otherAgencyKey', 'none'];

interface Caller {
  credential: string | null;
  /** The agency this caller posts for. */
  agency: Agency;
}

let server: TestServer;
const callers = {} as Record<Who, Caller>;

beforeAll(async () => {
  server = await startTestServer();
  callers.coordinator = { credential: await server.signIn('coordinator-cl'), agency: 'carabineros' };
  callers.officer = { credential: await server.signIn('officer-pnp'), agency: 'pnp' };
  callers.trainer = { credential: await server.signIn('trainer'), agency: 'comite-binacional' };
  callers.admin = { credential: await server.signIn('admin'), agency: 'comite-binacional' };
  callers.key = { credential: server.keyOf('pdi'), agency: 'pdi' };
  // A key posting an event of an agency that is not its own.
  callers.otherAgencyKey = { credential: server.keyOf('pnp'), agency: 'carabineros' };
  callers.none = { credential: null, agency: 'pnp' };
});
afterAll(() => server.close());

/** One exercise session for the rows that need one, started by the trainer on first use. */
let session: Promise<{ channel: string; at: string }> | undefined;
function exercise(): Promise<{ channel: string; at: string }> {
  session ??= fetch(`${server.url}/api/training`, {
    method: 'POST',
    headers: { ...auth(callers.trainer), 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'dec-2025' }),
  })
    .then((res) => res.json() as Promise<{ channel: string; session: { clock: { exerciseTime: number } } }>)
    .then((body) => ({ channel: body.channel, at: new Date(body.session.clock.exerciseTime).toISOString() }));
  return session;
}

const auth = (c: Caller): Record<string, string> => (c.credential ? { authorization: `Bearer ${c.credential}` } : {});

interface Action {
  name: string;
  /** Resolves to an HTTP status, or 'ok'/'refused' for socket actions, or 'page'/'login' for pages. */
  run(c: Caller): Promise<number | string>;
  expected: Record<Who, number | string>;
}

const actions: Action[] = [
  {
    name: 'POST /api/events on live, as the caller’s agency',
    run: async (c) => (await server.post(make.bulletin({ agency: c.agency, title: 'matriz' }), c.credential)).status,
    expected: { coordinator: 201, officer: 201, trainer: 403, admin: 201, key: 201, otherAgencyKey: 403, none: 401 },
  },
  {
    name: 'POST /api/events into an exercise, as the caller’s agency',
    run: async (c) => {
      const { channel, at } = await exercise();
      return (await server.post(make.patrolReport({ agency: c.agency, occurredAt: at }), c.credential, { channel })).status;
    },
    expected: { coordinator: 403, officer: 201, trainer: 201, admin: 201, key: 403, otherAgencyKey: 403, none: 401 },
  },
  {
    name: 'GET /api/events',
    run: async (c) => (await fetch(`${server.url}/api/events?channel=live`, { headers: auth(c) })).status,
    expected: { coordinator: 200, officer: 200, trainer: 200, admin: 200, key: 200, otherAgencyKey: 200, none: 401 },
  },
  {
    name: 'GET /api/state',
    run: async (c) => (await fetch(`${server.url}/api/state?channel=live`, { headers: auth(c) })).status,
    expected: { coordinator: 200, officer: 200, trainer: 200, admin: 200, key: 200, otherAgencyKey: 200, none: 401 },
  },
  {
    name: 'GET /api/audit',
    run: async (c) => (await fetch(`${server.url}/api/audit`, { headers: auth(c) })).status,
    expected: { coordinator: 403, officer: 403, trainer: 403, admin: 200, key: 403, otherAgencyKey: 403, none: 401 },
  },
  {
    name: 'GET /api/session',
    run: async (c) => (await fetch(`${server.url}/api/session`, { headers: auth(c) })).status,
    expected: { coordinator: 200, officer: 200, trainer: 200, admin: 200, key: 400, otherAgencyKey: 400, none: 401 },
  },
  {
    name: 'GET /metrics from loopback without a token',
    run: async (c) => (await fetch(`${server.url}/metrics`, { headers: auth(c) })).status,
    expected: { coordinator: 200, officer: 200, trainer: 200, admin: 200, key: 200, otherAgencyKey: 200, none: 200 },
  },
  {
    name: 'open the wall page',
    run: async (c) => {
      const res = await fetch(`${server.url}/wall`, { headers: auth(c), redirect: 'manual' });
      return res.status === 302 ? 'login' : 'page';
    },
    expected: {
      coordinator: 'page',
      officer: 'login',
      trainer: 'page',
      admin: 'page',
      key: 'login',
      otherAgencyKey: 'login',
      none: 'login',
    },
  },
  {
    name: 'socket: subscribe to live',
    run: async (c) => {
      try {
        const socket = await server.connect(c.credential ?? '');
        const ack = await socket.emitWithAck('channel:subscribe', { channel: 'live' });
        socket.disconnect();
        return ack.ok ? 'ok' : 'refused';
      } catch {
        return 'refused';
      }
    },
    expected: { coordinator: 'ok', officer: 'ok', trainer: 'ok', admin: 'ok', key: 'ok', otherAgencyKey: 'ok', none: 'refused' },
  },
];

describe('access matrix', () => {
  for (const action of actions) {
    it(action.name, async () => {
      const actual = {} as Record<Who, number | string>;
      for (const who of WHO) actual[who] = await action.run(callers[who]);
      expect(actual).toEqual(action.expected);
    });
  }
});
