/**
 * Machine ingest in the formats agency systems already speak (docs/ingest.md): NDJSON (streamed),
 * CSV (streamed), CoT XML and GeoJSON. Each request is normalised item by item and goes through
 * the one ingest path, `Ingest.submit`, in chunks; the answer is a report of what was accepted,
 * what was a duplicate and which lines failed and why. `?dryRun=true` checks everything and stores
 * nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { agencySchema } from '../../lib/contract/agencies.ts';
import { channelSchema } from '../../lib/contract/channels.ts';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import type { ValidationPolicy } from '../../lib/contract/events.ts';
import { releasabilitySchema } from '../../lib/contract/releasability.ts';
import type { IngestFormat, IngestReport, Problem } from '../../lib/contract/http.ts';
import { postingRights } from '../auth/permissions.ts';
import type { Principal } from '../auth/roles.ts';
import { actorOf, type AuditLog } from '../audit/auditLog.ts';
import type { RateLimits } from '../http/rateLimits.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import { HttpError, sendJson } from '../http/respond.ts';
import { parseQuery, type RouteTable } from '../http/router.ts';
import { readTextBody } from '../http/textBody.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import { cotFieldOf, normaliseCot } from './formats/cot.ts';
import { normaliseCsvRow, parseCsvHeader, readCsvRecords, type CsvHeader } from './formats/csv.ts';
import { csvColumnOf } from './formats/csvColumns.ts';
import { geojsonFieldOf, normaliseGeoJson } from './formats/geojson.ts';
import { LineByLineIngest } from './formats/lineByLineIngest.ts';
import { splitLines } from './formats/lineSplitter.ts';
import { MAX_NDJSON_LINE_BYTES, normaliseNdjsonLine } from './formats/ndjson.ts';
import { FormatError, type Normalised } from './formats/normalised.ts';
import type { Ingest } from './ingest.ts';

export interface FormatRouteDeps {
  auth: RequestAuth;
  audit: AuditLog;
  rateLimits: RateLimits;
  ingest: Ingest;
  hub: ChannelHub;
  log: Logger;
  settings: { policy: ValidationPolicy; maxBodyBytes: number };
}

const MEDIA_TYPES: Record<IngestFormat, readonly string[]> = {
  ndjson: ['application/x-ndjson', 'application/ndjson'],
  csv: ['text/csv'],
  cot: ['application/xml', 'text/xml', 'application/cot+xml'],
  geojson: ['application/geo+json', 'application/json'],
};

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .default(false);

const uploadQuery = z.strictObject({
  channel: channelSchema.default(LIVE_CHANNEL),
  /** provenance.source for items that do not name their own. */
  source: z.string().trim().min(1).max(120).optional(),
  dryRun: flag,
});
const ndjsonQuery = uploadQuery.extend({
  /** Re-importing an export: no provenance is added to lines without one. */
  restore: flag,
});
const cotQuery = uploadQuery.extend({
  /** Only for credentials that may post for any agency (trainers on exercise channels). */
  agency: agencySchema.optional(),
  releasability: releasabilitySchema.optional(),
});

export function formatRoutes(deps: FormatRouteDeps): RouteTable {
  const { auth, audit, rateLimits, ingest, hub, log, settings } = deps;

  /** Authenticates, checks the query, media type, channel and right to post, before any body is read. */
  async function begin<S extends typeof uploadQuery | typeof ndjsonQuery | typeof cotQuery>(
    req: IncomingMessage,
    url: URL,
    format: IngestFormat,
    schema: S,
  ) {
    const principal = auth.requirePrincipal(req);
    // One upload is one request, however many events it carries.
    await rateLimits.beforeIngest(principal.kind === 'key' ? `key:${principal.keyId}` : `user:${principal.userId}`);
    const query = parseQuery(schema, url) as z.output<S>;
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!MEDIA_TYPES[format].includes(type)) {
      throw new HttpError(415, 'unsupported_media_type', `send ${format} as ${MEDIA_TYPES[format].join(' or ')}`);
    }
    if (!hub.has(query.channel)) throw new HttpError(404, 'unknown_channel', `unknown channel ${query.channel}`);
    if (!postingRights(principal, query.channel).allowed) {
      throw new HttpError(403, 'forbidden', `this credential may not post to ${query.channel}`);
    }
    const source = query.source ?? `${principal.agency}-${format}`;
    return { principal, query, source };
  }

  function ingestor(principal: Principal, channel: string, format: IngestFormat, dryRun: boolean, fieldName?: (f: string) => string) {
    return new LineByLineIngest({ ingest, principal, channel, format, policy: settings.policy, dryRun, fieldName });
  }

  function answer(req: IncomingMessage, res: ServerResponse, principal: Principal, report: IngestReport): void {
    const { format, channel, dryRun, received, accepted, duplicates, failed, complete } = report;
    log.info({ format, channel, agency: principal.agency, dryRun, received, accepted, duplicates, failed, complete }, 'ingest upload');
    // Uploads are few and large: each is in the audit trail with its counts.
    const detail = `${format}${dryRun ? ' (dry run)' : ''}: received ${received}, accepted ${accepted}, duplicates ${duplicates}, failed ${failed}${complete ? '' : ', stopped early'}`;
    audit.record({
      ...actorOf(principal),
      action: 'events.post',
      target: channel,
      outcome: failed ? 'failed' : 'ok',
      detail,
      address: req.socket.remoteAddress ?? 'unknown',
    });
    sendJson(res, 200, report);
  }

  async function addAll(target: LineByLineIngest, items: Normalised[]): Promise<void> {
    for (const item of items) await target.add(item);
  }

  return {
    '/api/ingest/ndjson': {
      POST: async ({ req, res, url }) => {
        const { principal, query, source } = await begin(req, url, 'ndjson', ndjsonQuery);
        const target = ingestor(principal, query.channel, 'ndjson', query.dryRun);
        await readingBody(async () => {
          for await (const split of splitLines(req, MAX_NDJSON_LINE_BYTES)) {
            const item = normaliseNdjsonLine(split, { source }, { restore: query.restore });
            if (item) await target.add(item);
          }
        });
        answer(req, res, principal, await target.finish());
      },
    },
    '/api/ingest/csv': {
      POST: async ({ req, res, url }) => {
        const { principal, query, source } = await begin(req, url, 'csv', uploadQuery);
        const target = ingestor(principal, query.channel, 'csv', query.dryRun, csvColumnOf);
        let header: CsvHeader | undefined;
        await readingBody(async () => {
          for await (const record of readCsvRecords(req)) {
            if ('stop' in record) {
              target.stop(record.line, [{ field: '', message: record.stop }]);
              break;
            }
            if (!header) {
              header = withFormatErrors(() => parseCsvHeader(record.cells, record.delimiter));
              continue;
            }
            await target.add(normaliseCsvRow(header, record.cells, record.line, { source }));
          }
        });
        if (!header) throw new HttpError(400, 'invalid_document', 'the CSV is empty: it needs a header row');
        answer(req, res, principal, await target.finish());
      },
    },
    '/api/ingest/cot': {
      POST: async ({ req, res, url }) => {
        const { principal, query, source } = await begin(req, url, 'cot', cotQuery);
        const agency = query.agency ?? principal.agency;
        const text = await readTextBody(req, settings.maxBodyBytes);
        const items = withFormatErrors(() => normaliseCot(text, { source, agency, releasability: query.releasability }));
        const target = ingestor(principal, query.channel, 'cot', query.dryRun, cotFieldOf);
        await addAll(target, items);
        answer(req, res, principal, await target.finish());
      },
    },
    '/api/ingest/geojson': {
      POST: async ({ req, res, url }) => {
        const { principal, query, source } = await begin(req, url, 'geojson', uploadQuery);
        const text = await readTextBody(req, settings.maxBodyBytes);
        const items = withFormatErrors(() => normaliseGeoJson(text, { source }));
        const target = ingestor(principal, query.channel, 'geojson', query.dryRun, geojsonFieldOf);
        await addAll(target, items);
        answer(req, res, principal, await target.finish());
      },
    },
  };
}

/**
 * A document that cannot be read at all is a 400 whose problems name lines (the usual error shape,
 * with `line` where /api/events problems have `index`); nothing of it is stored.
 */
function withFormatErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    const problems: Array<Problem & { line?: number }> = error.problems;
    throw new HttpError(400, 'invalid_document', error.message, problems.length ? problems : undefined);
  }
}

/** Turns a client that hung up mid-upload into a 400 (which it will never read) instead of a 500. */
async function readingBody(read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error as Error).message === 'aborted') {
      throw new HttpError(400, 'aborted', 'the request was aborted');
    }
    throw error;
  }
}
