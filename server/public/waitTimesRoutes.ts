/**
 * GET /api/public/wait-times (JSON) and /api/public/wait-times.csv: the public wait-time feed,
 * for travellers, bus companies and anyone's web page. No sign-in, no cookie read or set.
 *
 * Safe to expose because of what it is built from: the live channel's picture for the
 * `binational-only` reader scope (national-only events never enter it), reduced to queue counts
 * and wait minutes field by field (lib/projection/publicWaitTimes.ts): no incidents, units,
 * minors or refusals. Computed at most once per CACHE_SECONDS and served from memory in between,
 * so a crowd of phones costs one projection read; rate-limited per address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import { WAIT_TIME_CSV_COLUMNS, type WaitTimesReply } from '../../lib/contract/waitTimes.ts';
import { publicWaitTimes } from '../../lib/projection/publicWaitTimes.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import { HttpError } from '../http/respond.ts';
import type { RouteTable } from '../http/router.ts';

/** Queues are reported every few minutes: 15 s of cache is invisible to a traveller. */
export const CACHE_SECONDS = 15;
/** Requests per address per minute: a page refreshing each minute uses 2. */
export const PUBLIC_REQUESTS_PER_MINUTE = 60;

export interface WaitTimeRouteDeps {
  hub: ChannelHub;
  now?: () => number;
  requestsPerMinute?: number;
}

interface Rendered {
  at: number;
  json: string;
  csv: string;
}

export function waitTimesRoutes({ hub, now = Date.now, requestsPerMinute = PUBLIC_REQUESTS_PER_MINUTE }: WaitTimeRouteDeps): RouteTable {
  const limiter = new RateLimiterMemory({ points: requestsPerMinute, duration: 60, keyPrefix: 'public' });
  let cached: Rendered | null = null;

  function render(): Rendered {
    const at = now();
    if (cached && at - cached.at < CACHE_SECONDS * 1000) return cached;
    const waitTimes = publicWaitTimes(hub.snapshot(LIVE_CHANNEL, 'binational-only').picture);
    const reply: WaitTimesReply = { generatedAt: new Date(at).toISOString(), waitTimes };
    const csv = stringify(
      waitTimes.map((w) => [w.post, w.postName, w.direction, w.waiting, w.waitMinutes ?? '', w.updatedAt]),
      { header: true, columns: [...WAIT_TIME_CSV_COLUMNS], record_delimiter: '\r\n' },
    );
    cached = { at, json: JSON.stringify(reply), csv };
    return cached;
  }

  async function serve(req: IncomingMessage, res: ServerResponse, kind: 'json' | 'csv'): Promise<void> {
    try {
      await limiter.consume(req.socket.remoteAddress ?? 'unknown');
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpError(429, 'rate_limited', `too many requests; retry in ${seconds} s`, undefined, { 'retry-after': String(seconds) });
    }
    const rendered = render();
    const body = kind === 'json' ? rendered.json : rendered.csv;
    const age = Math.floor((now() - rendered.at) / 1000);
    res.writeHead(200, {
      'content-type': kind === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': `public, max-age=${Math.max(0, CACHE_SECONDS - age)}`,
      // Open data: any site may read it; no credentials are involved, so none can leak.
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      ...(kind === 'csv' ? { 'content-disposition': 'inline; filename="concordia-wait-times.csv"' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return {
    '/api/public/wait-times': { GET: ({ req, res }) => serve(req, res, 'json') },
    '/api/public/wait-times.csv': { GET: ({ req, res }) => serve(req, res, 'csv') },
  };
}
