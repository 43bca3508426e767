/** GET /metrics for Prometheus: with the configured bearer token, or from loopback when none is set. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Metrics } from '../metrics.ts';
import type { ConcordiaServer } from '../realtime/socketServer.ts';
import { HttpError } from './respond.ts';
import type { RouteTable } from './router.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function metricsRoutes({ metrics, io, token }: { metrics: Metrics; io: () => ConcordiaServer; token?: string }): RouteTable {
  return {
    '/metrics': {
      GET: async ({ req, res }) => {
        if (!mayScrape(req, token)) throw new HttpError(403, 'forbidden', 'metrics need the metrics token, or a loopback client');
        metrics.clientsConnected.set(io().engine.clientsCount);
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
        res.end(body);
      },
    },
  };
}

function mayScrape(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return LOOPBACK.has(req.socket.remoteAddress ?? '');
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
