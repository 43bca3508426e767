import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { auditReplySchema } from '../../lib/contract/http.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateLimits: { loginFailuresPerAccount: 3, loginAttemptsPerAddress: 40, ingestRequestsPerSecond: 5 } });
});
afterAll(() => server.close());

const signInRaw = (username: string, password: string) =>
  fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('rate limits', () => {
  it('locks an account after repeated failed sign-ins, even for the right password, and says so with Retry-After', async () => {
    for (let i = 0; i < 2; i++) expect((await signInRaw('officer-pdi', `wrong-password-${i}`)).status).toBe(401);
    // The failure that uses up the allowance is answered with the lock itself, not "wrong password".
    const locking = await signInRaw('officer-pdi', 'wrong-password-2');
    expect(locking.status).toBe(429);
    expect((await locking.json()).error.code).toBe('account_locked');
    const locked = await signInRaw('officer-pdi', server.passwordOf('officer-pdi'));
    expect(locked.status).toBe(429);
    const seconds = Number(locked.headers.get('retry-after'));
    // The window is 15 minutes; the body repeats the header's seconds for the page to count down.
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(await locked.json()).toEqual({
      error: {
        code: 'account_locked',
        message: `this account is locked after too many failed sign-ins; retry in ${seconds} s`,
        retryAfterSeconds: seconds,
      },
    });
    // Other accounts are unaffected.
    expect((await signInRaw('officer-pnp', server.passwordOf('officer-pnp'))).status).toBe(200);
  });

  it('limits ingest per key with 429 and Retry-After, without storing the refused request', async () => {
    const key = server.keyOf('sermig');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await server.post(make.bulletin({ agency: 'sermig' }), key)).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses).toContain(429);
    const other = await server.post(make.bulletin({ agency: 'migraciones-pe' }), server.keyOf('migraciones-pe'));
    expect(other.status).toBe(201);
  });
});

describe('sessions and sockets', () => {
  it('cuts an open socket when its session signs out', async () => {
    const token = await server.signIn('coordinator-cl');
    const socket = await server.connect(token);
    const ended = new Promise<string>((resolve) => socket.once('session:ended', ({ reason }) => resolve(reason)));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(await ended).toBe('signed out');
    expect(await disconnected).toBe('io server disconnect');
  });

  it('cuts open sockets of a disabled user and a revoked key', async () => {
    const token = await server.signIn('coordinator-pe');
    const userSocket = await server.connect(token);
    const { key, keyId } = await server.accounts.createKey('pdi', 'temporary');
    const keySocket = await server.connect(key);
    const userGone = new Promise((resolve) => userSocket.once('disconnect', resolve));
    const keyGone = new Promise((resolve) => keySocket.once('disconnect', resolve));
    await server.accounts.disableUser('coordinator-pe');
    await server.accounts.disableKey(keyId);
    await Promise.all([userGone, keyGone]);
    await expect(server.connect(token)).rejects.toThrow(/unauthorized/);
  });
});

describe('re-checking credentials of many open sockets', () => {
  it('cuts the socket of a revoked key that comes after hundreds of valid ones, and keeps those', async () => {
    const token = await server.signIn('coordinator-cl');
    const walls = await Promise.all(Array.from({ length: 300 }, () => server.connect(token)));
    const { key, keyId } = await server.accounts.createKey('pnp', 'soon revoked');
    const keySocket = await server.connect(key);
    const keyGone = new Promise((resolve) => keySocket.once('disconnect', resolve));
    await server.accounts.disableKey(keyId);
    await keyGone;
    // The pass that reached the key's socket (connected last, so in the last slice) checked every wall first.
    expect(walls.filter((socket) => socket.connected)).toHaveLength(300);
    for (const socket of walls) socket.disconnect();
  });
});

describe('audit trail', () => {
  it('records sign-ins, failures and reports, and only admins may read it', async () => {
    await signInRaw('trainer', 'not-the-password');
    const officer = await server.signIn('officer-carabineros');
    const report = make.patrolReport({ agency: 'carabineros', unitId: 'CB-1' });
    await server.post(report, officer);
    await server.post(make.patrolReport({ agency: 'pnp' }), officer);

    const coordinator = await server.signIn('coordinator-cl');
    expect((await fetch(`${server.url}/api/audit`, { headers: { authorization: `Bearer ${coordinator}` } })).status).toBe(403);
    const admin = await server.signIn('admin');
    const res = await fetch(`${server.url}/api/audit?limit=1000`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const { entries } = auditReplySchema.parse(await res.json());
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'trainer', action: 'session.signin', outcome: 'failed' }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'officer-carabineros', action: 'session.signin', outcome: 'ok' }));
    expect(entries.find((e) => e.action === 'events.post' && e.outcome === 'ok')?.detail).toContain(report.id);
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'officer-carabineros', action: 'events.post', outcome: 'denied' }));
    expect(JSON.stringify(entries)).not.toContain(server.passwordOf('officer-carabineros'));
  });
});

describe('headers', () => {
  it('API answers may load and run nothing, and may not be framed', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('metrics', () => {
  it('exposes accepted and rejected events, clients, broadcast lag and store latency to Prometheus', async () => {
    const key = server.keyOf('carabineros');
    await server.post(make.unitPosition(), key);
    await server.post(make.unitPosition({ position: { lat: 200, lon: 0 } }), key);
    const socket = await server.connect(await server.signIn('coordinator-cl'));
    await socket.emitWithAck('channel:subscribe', { channel: 'live' });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/concordia_events_accepted_total\{channel="live"\} [1-9]/);
    expect(text).toMatch(/concordia_ingest_rejected_total\{reason="invalid"\} [1-9]/);
    expect(text).toMatch(/concordia_clients_connected [1-9]/);
    expect(text).toMatch(/concordia_broadcast_lag_seconds_count [1-9]/);
    expect(text).toMatch(/concordia_store_append_seconds_count [1-9]/);
  });
});
