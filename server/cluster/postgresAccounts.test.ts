/**
 * Two real Concordia nodes (HTTP + Socket.IO) on one PostgreSQL holding events, accounts,
 * sessions, keys and rate limits, each node with its own pool and its own cluster bus (LISTEN/
 * NOTIFY), as two processes would be: a session opened on one node works on the other, a sign-out
 * or a disabled key on one is refused by the other at once, and failed sign-ins spread over both
 * add up to one lockout.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import { errorReplySchema } from '../../lib/contract/http.ts';
import type { RateLimitSettings } from '../http/rateLimits.ts';
import { openPostgresEventStore } from '../store/postgres/postgresEventStore.ts';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { PgClusterBus } from './pgClusterBus.ts';

let instance: PostgresInstance;
let admin: pg.Pool;
let databases = 0;
const started: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  instance = await startPostgres();
  admin = new pg.Pool({ connectionString: instance.url, max: 2 });
  // Its idle connection is cut when the outage test stops the server.
  admin.on('error', () => undefined);
}, 60_000);
afterEach(async () => {
  for (const item of started.splice(0).reverse()) await item.close();
});
afterAll(async () => {
  await admin?.end();
  await instance?.destroy();
}, 60_000);

/** Two nodes on a fresh database: the first opens the event store and bootstraps the accounts. */
async function twoNodes(rateLimits?: Partial<RateLimitSettings>): Promise<[TestServer, TestServer]> {
  const name = `n${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(instance.url);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const buses = await Promise.all([PgClusterBus.start({ connectionString }), PgClusterBus.start({ connectionString })]);
  started.push(...buses);
  const eventStore = await openPostgresEventStore(connectionString, 4);
  const a = await startTestServer({ eventStore, accountsDatabaseUrl: connectionString, node: { cluster: buses[0] }, rateLimits });
  started.push(a);
  const b = await startTestServer({ node: { cluster: buses[1], sameDatabaseAs: a }, rateLimits });
  started.push(b);
  return [a, b];
}

const session = (node: TestServer, token: string) => fetch(`${node.url}/api/session`, { headers: { authorization: `Bearer ${token}` } });
const signInAs = (node: TestServer, username: string, password: string) =>
  fetch(`${node.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('accounts on PostgreSQL across nodes', () => {
  it('a session opened on node 1 works on node 2; signed out on node 2, node 1 refuses it and cuts its sockets', async () => {
    const [one, two] = await twoNodes();
    const token = await one.signIn('coordinator-cl');
    expect((await session(two, token)).status).toBe(200);
    const onTwo = await two.connect(token);
    const onOne = await one.connect(token);
    const ended = new Promise<{ reason: string }>((resolve) => onOne.once('session:ended', resolve));
    const signedOut = await fetch(`${two.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(signedOut.status).toBe(204);
    // No waiting: the next request on node 1 already finds the session ended.
    expect((await session(one, token)).status).toBe(401);
    // Told by node 2 over the bus, or found by node 1's own re-check, whichever comes first.
    expect(['signed out', 'credential no longer valid']).toContain((await ended).reason);
    await expect(one.connect(token)).rejects.toThrow(/unauthorized/);
    onTwo.disconnect();
  }, 60_000);

  it('a key disabled through node 1 is refused by node 2 at once, and its sockets there are cut', async () => {
    const [one, two] = await twoNodes();
    const { key, keyId } = await one.accounts.createKey('pdi', 'temporary');
    expect((await two.post(make.queueUpdate(), key)).status).toBe(201);
    const keySocket = await two.connect(key);
    const gone = new Promise((resolve) => keySocket.once('disconnect', resolve));
    await one.accounts.disableKey(keyId);
    expect((await two.post(make.queueUpdate(), key)).status).toBe(401);
    await gone; // node 2's periodic re-check (or the bus' credentials-changed) ends it
  }, 60_000);

  it('failed sign-ins spread over two nodes lock the account on both', async () => {
    const [one, two] = await twoNodes({ loginFailuresPerAccount: 3 });
    expect((await signInAs(one, 'officer-pdi', 'wrong password one')).status).toBe(401);
    expect((await signInAs(two, 'officer-pdi', 'wrong password two')).status).toBe(401);
    const locking = await signInAs(one, 'officer-pdi', 'wrong password three');
    expect(locking.status).toBe(429);
    // Even the right password, on the other node, until the lock runs out.
    const refused = await signInAs(two, 'officer-pdi', two.passwordOf('officer-pdi'));
    expect(refused.status).toBe(429);
    expect(errorReplySchema.parse(await refused.json()).error.code).toBe('account_locked');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    // Another account is not affected.
    expect((await signInAs(two, 'officer-pnp', two.passwordOf('officer-pnp'))).status).toBe(200);
  }, 60_000);

  it('while PostgreSQL is down, a session seen moments ago still reads, an unseen key gets 503, and all is checked again after', async () => {
    const [one] = await twoNodes();
    const token = await one.signIn('coordinator-pe');
    expect((await session(one, token)).status).toBe(200);
    await instance.stop();
    try {
      expect((await session(one, token)).status).toBe(200);
      const refused = await one.post(make.queueUpdate(), one.keyOf('pdi'));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).not.toBeNull();
    } finally {
      await instance.start();
    }
    expect((await one.post(make.queueUpdate(), one.keyOf('pdi'))).status).toBe(201);
    await fetch(`${one.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect((await session(one, token)).status).toBe(401);
  }, 90_000);
});
