/** The public feed's cache and rate limit, with a stand-in hub and clock (no store needed). */
import { createServer, type Server } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Picture, QueueState } from '../../lib/projection/picture.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import { createRouter } from '../http/router.ts';
import { waitTimesRoutes } from './waitTimesRoutes.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function queue(waiting: number): QueueState {
  return { key: 'santa-rosa/to-peru', post: 'santa-rosa', direction: 'to-peru', agency: 'pnp', waiting, updatedAt: '2025-12-01T12:00:00-05:00', history: [] };
}

/** Reader scopes the feed asked the hub for. */
let scopes: string[] = [];

async function start(picture: { queues: Picture['queues'] }, clock: { now: number }, requestsPerMinute = 100): Promise<string> {
  scopes = [];
  const hub = { snapshot: (_channel: string, scope: string) => (scopes.push(scope), { picture }) } as unknown as ChannelHub;
  const route = createRouter([waitTimesRoutes({ hub, now: () => clock.now, requestsPerMinute })], pino({ level: 'silent' }));
  server = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/public/wait-times`;
}

describe('public wait times: cache and rate limit', () => {
  it('answers from memory for 15 s, then reads the picture again', async () => {
    const clock = { now: Date.parse('2025-12-01T17:00:00Z') };
    const picture = { queues: { 'santa-rosa/to-peru': queue(100) } };
    const url = await start(picture, clock);
    const waiting = async () => ((await (await fetch(url)).json()) as { waitTimes: Array<{ waiting: number }> }).waitTimes[0].waiting;
    expect(await waiting()).toBe(100);
    picture.queues['santa-rosa/to-peru'] = queue(250);
    clock.now += 10_000;
    const cached = await fetch(url);
    expect(cached.headers.get('cache-control')).toBe('public, max-age=5');
    expect(((await cached.json()) as { waitTimes: Array<{ waiting: number }> }).waitTimes[0].waiting).toBe(100);
    clock.now += 6_000;
    expect(await waiting()).toBe(250);
    // Two reads of the picture for three requests, both of the picture no country's secrets reach.
    expect(scopes).toEqual(['binational-only', 'binational-only']);
  });

  it('refuses an address past its limit with 429 and Retry-After', async () => {
    const url = await start({ queues: {} }, { now: Date.now() }, 2);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(`${url}.csv`)).status).toBe(200);
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
