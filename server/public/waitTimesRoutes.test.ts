import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitTimesReplySchema } from '../../lib/contract/waitTimes.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const t = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const posted = await Promise.all([
    // Binational: these are the public's.
    server.post(make.queueUpdate({ agency: 'pdi', post: 'chacalluta', direction: 'to-chile', waiting: 80, waitMinutes: 25, minors: 9, refused: 2, occurredAt: t(20) }), server.keyOf('pdi')),
    server.post(make.queueUpdate({ agency: 'pnp', post: 'santa-rosa', direction: 'to-peru', waiting: 340, waitMinutes: 95, minors: 41, occurredAt: t(10) }), server.keyOf('pnp')),
    // National-only: newer, and must not replace the binational figure for the public.
    server.post(make.queueUpdate({ agency: 'carabineros', post: 'santa-rosa', direction: 'to-peru', waiting: 999, waitMinutes: 300, releasability: 'national', occurredAt: t(5) }), server.keyOf('carabineros')),
    server.post(make.queueUpdate({ agency: 'pnp', post: 'santa-rosa', direction: 'to-chile', waiting: 12, releasability: 'national', occurredAt: t(5) }), server.keyOf('pnp')),
    server.post(make.incident({ agency: 'pnp', text: 'Grupo varado en Hito 1', occurredAt: t(3) }), server.keyOf('pnp')),
    server.post(make.unitPosition({ agency: 'carabineros', occurredAt: t(2) }), server.keyOf('carabineros')),
  ]);
  for (const res of posted) expect(res.status, await res.clone().text()).toBe(201);
  server.app.hub.flush();
});
afterAll(async () => {
  await server.close();
});

describe('public wait times', () => {
  it('holds the binational queues alone, without a cookie, in JSON', async () => {
    const res = await fetch(`${server.url}/api/public/wait-times`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const body = waitTimesReplySchema.parse(await res.json());
    expect(body.waitTimes.map(({ updatedAt: _u, ...rest }) => rest)).toEqual([
      { post: 'santa-rosa', postName: 'Complejo Fronterizo Santa Rosa', direction: 'to-peru', waiting: 340, waitMinutes: 95 },
      { post: 'chacalluta', postName: 'Complejo Fronterizo Chacalluta', direction: 'to-chile', waiting: 80, waitMinutes: 25 },
    ]);
    const text = JSON.stringify(body);
    for (const secret of ['999', 'minors', 'refused', 'Hito', 'incident', 'M-1', 'carabineros', 'pnp']) expect(text).not.toContain(secret);
  });

  it('serves the same rows as CSV', async () => {
    const res = await fetch(`${server.url}/api/public/wait-times.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('post,post_name,direction,waiting,wait_minutes,updated_at');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      'santa-rosa,Complejo Fronterizo Santa Rosa,to-peru,340,95',
      'chacalluta,Complejo Fronterizo Chacalluta,to-chile,80,25',
    ]);
  });

  it('ignores a session cookie and an ingest key: everyone gets the same public answer', async () => {
    const token = await server.signIn('coordinator-cl');
    const signedIn = await fetch(`${server.url}/api/public/wait-times`, { headers: { cookie: `concordia_session=${token}` } });
    const keyed = await fetch(`${server.url}/api/public/wait-times`, { headers: { authorization: `Bearer ${server.keyOf('carabineros')}` } });
    const anonymous = await fetch(`${server.url}/api/public/wait-times`);
    const [a, b, c] = await Promise.all([signedIn.json(), keyed.json(), anonymous.json()]);
    expect(a).toEqual(c);
    expect(b).toEqual(c);
  });

  it('refuses writes', async () => {
    const res = await fetch(`${server.url}/api/public/wait-times`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
  });
});
