/**
 * GET|POST /api/ingest/osmand: positions from Traccar Client and other OsmAnd trackers
 * (docs/ingest.md). The device identifier is the credential: registered to one unit of one agency
 * with `npm run admin -- device add`, it decides whose position this is; nothing in the request
 * can name another unit or agency. The fix then goes through the one ingest path, to the live
 * channel, as the device's agency.
 *
 * Answers as Traccar's server does where the apps care: 200 when stored (or already stored: the
 * event id is the device and the fix's time, so a retry is a duplicate, not a second fix), 400 for
 * an unknown identifier, and 400 with the reason for a fix Concordia will not take.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import type { Problem } from '../../lib/contract/http.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Devices, RegisteredDevice } from '../auth/devices.ts';
import { sha256 } from '../auth/secrets.ts';
import type { RateLimits } from '../http/rateLimits.ts';
import { HttpError, sendJson } from '../http/respond.ts';
import { readTextBody } from '../http/textBody.ts';
import type { RouteHandler, RouteTable } from '../http/router.ts';
import { osmandFieldOf, readOsmandJson, readOsmandParams, type OsmandFix, type OsmandReading } from './formats/osmand.ts';
import type { Ingest } from './ingest.ts';

export interface OsmandRouteDeps {
  devices: Devices;
  ingest: Ingest;
  audit: AuditLog;
  rateLimits: RateLimits;
  log: Logger;
}

/** One fix is a few hundred bytes; a body beyond this is not a tracker talking. */
const MAX_OSMAND_BODY_BYTES = 64 * 1024;

export function osmandRoutes({ devices, ingest, audit, rateLimits, log }: OsmandRouteDeps): RouteTable {
  const handle: RouteHandler = async ({ req, res, url }) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    // Before the lookup, so guessing identifiers costs as much as sending fixes.
    await rateLimits.beforeIngest(`address:${address}`);
    const reading = await readRequest(req, url);
    if (reading.identifier === null) {
      throw new HttpError(400, 'missing_identifier', 'send the device identifier as id (or deviceid, or device_id in JSON)');
    }
    const device = await devices.find(reading.identifier);
    if (!device) {
      // The identifier may be a mistyped real one: the trail keeps a fingerprint, not the value.
      audit.record({
        actor: 'device:unknown',
        action: 'events.post',
        target: LIVE_CHANNEL,
        outcome: 'denied',
        detail: `osmand: unknown device identifier (sha256 ${sha256(reading.identifier).slice(0, 12)})`,
        address,
      });
      throw new HttpError(400, 'unknown_device', 'this device identifier is not registered');
    }
    await rateLimits.beforeIngest(`device:${device.deviceId}`);
    const refuse = (problems: Problem[]) => {
      const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      audit.record({
        actor: `device:${device.deviceId}`,
        agency: device.agency,
        action: 'events.post',
        target: LIVE_CHANNEL,
        outcome: 'failed',
        detail: `osmand: ${message}`.slice(0, 2000),
        address,
      });
      return new HttpError(400, 'invalid_position', `${message}; nothing was stored`, problems);
    };
    if (!reading.fix) throw refuse(reading.problems);

    const result = await ingest.submit(device.principal, LIVE_CHANNEL, positionEvent(device, reading.fix));
    if (!result.ok) {
      const failure = result.failure;
      if (failure.kind === 'invalid') throw refuse(failure.problems.map((p) => ({ ...p, field: osmandFieldOf(p.field) })));
      throw refuse([{ field: '', message: failure.message }]);
    }
    log.debug({ device: device.deviceId, unit: device.unitId }, 'osmand position');
    sendJson(res, 200, result.receipt);
  };
  return { '/api/ingest/osmand': { GET: handle, POST: handle } };
}

/** The fix as the unit's `unit.position`; its id makes a repeated fix a duplicate. */
export function positionEvent(device: RegisteredDevice, fix: OsmandFix, now = Date.now()): Record<string, unknown> {
  const time = fix.time ?? now;
  const event: Record<string, unknown> = {
    id: `osmand-${device.deviceId}-${time}`,
    type: 'unit.position',
    agency: device.agency,
    occurredAt: new Date(time).toISOString(),
    unitId: device.unitId,
    position: { lat: fix.lat, lon: fix.lon },
    provenance: { source: 'traccar-client', format: 'osmand', originalId: device.deviceId },
  };
  if (fix.heading !== undefined) event.heading = fix.heading;
  return event;
}

/** Query parameters, joined by a form body's, or the JSON body of current app versions. */
async function readRequest(req: IncomingMessage, url: URL): Promise<OsmandReading> {
  if (req.method !== 'POST') return readOsmandParams(url.searchParams);
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const text = await readTextBody(req, MAX_OSMAND_BODY_BYTES);
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, 'malformed_json', `malformed JSON: ${(error as Error).message}`);
    }
    return readOsmandJson(body);
  }
  const params = new URLSearchParams(url.searchParams);
  if (type === 'application/x-www-form-urlencoded') for (const [name, value] of new URLSearchParams(text)) params.set(name, value);
  else if (text.trim() !== '') {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'send the fix as query parameters, application/x-www-form-urlencoded or application/json',
    );
  }
  return readOsmandParams(params);
}
