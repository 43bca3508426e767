/**
 * CAP 1.2 (docs/api.md):
 *   GET  /api/cap?channel=…             an Atom index of the channel's bulletins, newest first
 *   GET  /api/cap/<id>?channel=…&agency=…  one bulletin as a CAP alert
 *   POST /api/ingest/cap?channel=…      a CAP alert from an agency system becomes a bulletin
 *
 * Reading applies releasability exactly as GET /api/events: the reader's audiences decide what
 * is read from the store, so another country's national-only bulletin is simply not found (404,
 * not 403: its existence is not disclosed). Writing goes through the one ingest path.
 *
 * The store reads by seq only, so finding bulletins reads the channel through, a page at a time;
 * fine for the statements of an operation, to be indexed if channels grow to millions of events.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { agencySchema } from '../../lib/contract/agencies.ts';
import { channelSchema } from '../../lib/contract/channels.ts';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import type { ValidationPolicy } from '../../lib/contract/events.ts';
import { audiencesVisibleTo } from '../../lib/contract/releasability.ts';
import type { Problem } from '../../lib/contract/http.ts';
import { actorOf, type AuditLog } from '../audit/auditLog.ts';
import type { Principal } from '../auth/roles.ts';
import { capFieldOf, capToBulletin } from '../ingest/formats/cap.ts';
import { FormatError } from '../ingest/formats/normalised.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { RateLimits } from '../http/rateLimits.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import { HttpError, sendJson } from '../http/respond.ts';
import { parseQuery, type RouteTable } from '../http/router.ts';
import { readTextBody } from '../http/textBody.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import { bulletinsToAtom, bulletinToCap, CAP_MEDIA_TYPE, type StoredBulletin } from './capAlert.ts';
import { eventsInRange } from './eventRange.ts';

export interface CapRouteDeps {
  auth: RequestAuth;
  audit: AuditLog;
  rateLimits: RateLimits;
  ingest: Ingest;
  hub: ChannelHub;
  store: EventStore;
  log: Logger;
  settings: { policy: ValidationPolicy; maxBodyBytes: number };
}

/** Entries in the Atom index: the latest statements, not an archive (GET /api/export is that). */
const ATOM_ENTRIES = 100;
const CAP_INPUT_TYPES = [CAP_MEDIA_TYPE, 'application/xml', 'text/xml'];

const channelQuery = z.strictObject({ channel: channelSchema.default(LIVE_CHANNEL) });
const alertQuery = channelQuery.extend({ agency: agencySchema.optional() });

export function capRoutes({ auth, audit, rateLimits, ingest, hub, store, log, settings }: CapRouteDeps): RouteTable {
  async function visibleBulletins(
    principal: Principal,
    channel: string,
    match?: (b: StoredBulletin) => boolean,
  ): Promise<StoredBulletin[]> {
    if (!hub.has(channel)) throw new HttpError(404, 'unknown_channel', `unknown channel ${channel}`);
    const found: StoredBulletin[] = [];
    const events = eventsInRange(store, {
      channel,
      afterSeq: 0,
      throughSeq: hub.through(channel),
      audiences: audiencesVisibleTo(principal.scope),
    });
    for await (const event of events) {
      if (event.type === 'bulletin' && (!match || match(event))) found.push(event);
    }
    return found;
  }

  function sendXml(res: ServerResponse, type: string, xml: string): void {
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(xml), 'cache-control': 'no-store' });
    res.end(xml);
  }

  return {
    '/api/cap': {
      GET: async ({ req, res, url }) => {
        const principal = auth.requirePrincipal(req);
        const { channel } = parseQuery(channelQuery, url);
        const bulletins = (await visibleBulletins(principal, channel))
          .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.seq - a.seq)
          .slice(0, ATOM_ENTRIES);
        const updated = new Date(bulletins[0] ? Date.parse(bulletins[0].occurredAt) : Date.now()).toISOString();
        sendXml(res, 'application/atom+xml', bulletinsToAtom(channel, bulletins, '', updated));
      },
    },
    '/api/cap/:id': {
      GET: async ({ req, res, url, params }) => {
        const principal = auth.requirePrincipal(req);
        const { channel, agency } = parseQuery(alertQuery, url);
        const matches = await visibleBulletins(principal, channel, (b) => b.id === params.id && (!agency || b.agency === agency));
        if (matches.length === 0) throw new HttpError(404, 'not_found', `no bulletin ${params.id} on ${channel}`);
        if (matches.length > 1) {
          throw new HttpError(
            409,
            'ambiguous',
            `${matches.length} agencies have a bulletin ${params.id}; add ?agency=${matches.map((m) => m.agency).join('|')}`,
          );
        }
        sendXml(res, CAP_MEDIA_TYPE, bulletinToCap(matches[0]));
      },
    },
    '/api/ingest/cap': {
      POST: async ({ req, res, url }) => {
        const principal = auth.requirePrincipal(req);
        await rateLimits.beforeIngest(principal.kind === 'key' ? `key:${principal.keyId}` : `user:${principal.userId}`);
        const { channel } = parseQuery(channelQuery, url);
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!CAP_INPUT_TYPES.includes(type))
          throw new HttpError(415, 'unsupported_media_type', `send the alert as ${CAP_INPUT_TYPES.join(' or ')}`);
        const xml = await readTextBody(req, settings.maxBodyBytes);
        const refuse = (status: number, code: string, message: string, problems?: Problem[]) => {
          record(req, principal, channel, status === 403 ? 'denied' : 'failed', `cap: ${message}`);
          return new HttpError(status, code, message, problems);
        };
        let read;
        try {
          read = capToBulletin(xml, { agency: principal.agency, channel, bounds: settings.policy.bounds });
        } catch (error) {
          if (!(error instanceof FormatError)) throw error;
          throw refuse(400, 'invalid_document', error.message, error.problems.length ? error.problems : undefined);
        }
        if ('problems' in read) {
          throw refuse(400, 'invalid_alert', read.problems.map((p) => `${p.field}: ${p.message}`).join('; '), read.problems);
        }
        const result = await ingest.submit(principal, channel, read.event);
        if (!result.ok) {
          const failure = result.failure;
          if (failure.kind === 'invalid') {
            const problems = failure.problems.map((p) => ({ ...p, field: capFieldOf(p.field) }));
            throw refuse(400, 'invalid_alert', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
          }
          if (failure.kind === 'forbidden') throw refuse(403, 'forbidden', failure.message, failure.problems);
          throw refuse(404, 'unknown_channel', failure.message);
        }
        if (principal.kind === 'user') record(req, principal, channel, 'ok', `cap: accepted ${read.event.id as string}`);
        log.info({ agency: principal.agency, channel, id: read.event.id }, 'cap alert taken as a bulletin');
        sendJson(res, 201, result.receipt);
      },
    },
  };

  /** As for POST /api/events: people always, machine feeds only when refused. */
  function record(req: IncomingMessage, principal: Principal, channel: string, outcome: 'ok' | 'denied' | 'failed', detail: string): void {
    audit.record({
      ...actorOf(principal),
      action: 'events.post',
      target: channel,
      outcome,
      detail: detail.slice(0, 2000),
      address: req.socket.remoteAddress ?? 'unknown',
    });
  }
}
