/**
 * GET /api/export: the events of a channel in a time range (and/or seq range) as NDJSON, CSV or
 * GeoJSON, streamed a page at a time with back-pressure, so an export of a long operation never
 * sits in memory. Releasability applies exactly as for GET /api/events: a reader gets binational
 * events plus its own country's national ones. Documented in docs/ingest.md.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { channelSchema } from '../../lib/contract/channels.ts';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import { audiencesVisibleTo } from '../../lib/contract/releasability.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import { HttpError } from '../http/respond.ts';
import { parseQuery, type RouteTable } from '../http/router.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import { eventsInRange } from './eventRange.ts';
import { EXPORT_FORMATS, EXPORT_WRITERS } from './exportFormats.ts';

export interface ExportRouteDeps {
  auth: RequestAuth;
  hub: ChannelHub;
  store: EventStore;
  log: Logger;
}

const instant = z.iso.datetime({ offset: true }).transform((text) => ({ text, ms: Date.parse(text) }));

export const exportQuery = z
  .strictObject({
    channel: channelSchema.default(LIVE_CHANNEL),
    format: z.enum(EXPORT_FORMATS).default('ndjson'),
    /** occurredAt at or after this instant. */
    from: instant.optional(),
    /** occurredAt before this instant. */
    to: instant.optional(),
    /** seq greater than this. */
    after: z.coerce.number().int().min(0).default(0),
    /** seq at most this; default: everything published so far. */
    through: z.coerce.number().int().min(0).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.ms < q.to.ms, { message: 'from must be before to', path: ['to'] })
  .refine((q) => q.through === undefined || q.after <= q.through, { message: 'after must not exceed through', path: ['through'] });

export function exportRoutes({ auth, hub, store, log }: ExportRouteDeps): RouteTable {
  return {
    '/api/export': {
      GET: async ({ req, res, url }) => {
        const principal = auth.requirePrincipal(req);
        const query = parseQuery(exportQuery, url);
        if (!hub.has(query.channel)) throw new HttpError(404, 'unknown_channel', `unknown channel ${query.channel}`);
        // Like GET /api/events: what has been published, so an export never runs ahead of the screens.
        const through = Math.min(query.through ?? Number.MAX_SAFE_INTEGER, hub.through(query.channel));
        const writer = EXPORT_WRITERS[query.format];
        const name = `concordia-${query.channel.replace(':', '-')}-${query.from ? stamp(query.from.text) : 'start'}-${query.to ? stamp(query.to.text) : 'now'}.${writer.extension}`;
        res.writeHead(200, {
          'content-type': writer.contentType,
          'content-disposition': `attachment; filename="${name}"`,
          'cache-control': 'no-store',
          // Where this export stops, so the next one can start after it.
          'x-concordia-through': String(through),
        });
        const events = eventsInRange(store, {
          channel: query.channel,
          afterSeq: query.after,
          throughSeq: through,
          from: query.from?.ms,
          to: query.to?.ms,
          audiences: audiencesVisibleTo(principal.scope),
        });
        let count = 0;
        try {
          if (!(await write(res, writer.begin()))) return;
          for await (const event of events) {
            if (!(await write(res, writer.event(event, count)))) return;
            count += 1;
          }
          await write(res, writer.end());
          res.end();
          log.info({ channel: query.channel, format: query.format, agency: principal.agency, count }, 'export');
        } catch (error) {
          // Headers are gone: cut the connection so a truncated file cannot pass for a whole one.
          log.error({ err: error, count }, 'export failed midway');
          res.destroy();
        }
      },
    },
  };
}

/** Writes with back-pressure; false when the client went away. */
async function write(res: ServerResponse, text: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (text === '' || res.write(text)) return true;
  return new Promise((resolve) => {
    const settle = (value: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(value);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/** A file-name-safe form of an instant: 2025-12-14T12:00:00-03:00 → 2025-12-14T120000-0300. */
function stamp(iso: string): string {
  return iso.replace(/[^0-9TZ+-]/g, '');
}
