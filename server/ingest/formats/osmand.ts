/**
 * The OsmAnd tracking protocol, as Traccar Client (and OsmAnd, and many other trackers) send it
 * and as Traccar's own server decodes it. Two shapes arrive:
 *
 *  - parameters, in the query string or a form body: `id` or `deviceid`, `lat` and `lon` or
 *    `location=lat,lon`, `timestamp` (epoch seconds, epoch milliseconds, ISO 8601 or
 *    "yyyy-MM-dd HH:mm:ss" in UTC), `bearing` or `heading`, and `speed` (knots), `altitude`,
 *    `accuracy`, `hdop`, `batt`;
 *  - the JSON body of current Traccar Client versions: `device_id`, `location.timestamp`,
 *    `location.coords.{latitude, longitude, heading, speed, altitude, accuracy}`,
 *    `location.battery`, `location.is_moving`.
 *
 * Concordia's `unit.position` holds position, time and heading; speed, altitude, accuracy and
 * battery are read (so a malformed one is not silently wrong) but not stored: the contract has no
 * field for them yet. A negative heading is the app's "unknown" and is left out.
 */
import type { ItemProblem } from '../../../lib/contract/http.ts';
import { isPlainObject } from './normalised.ts';

/** One position fix, before it is bound to a unit. */
export interface OsmandFix {
  lat: number;
  lon: number;
  /** Epoch ms; absent when the sender gave no time (the server's clock is used then). */
  time?: number;
  heading?: number;
}

export interface OsmandReading {
  /** The device identifier as sent, or null when none was. */
  identifier: string | null;
  fix?: OsmandFix;
  problems: ItemProblem[];
}

/** Where each contract field comes from in OsmAnd, for problem reports. */
const OSMAND_FIELDS: Record<string, string> = {
  occurredAt: 'timestamp',
  position: 'lat/lon',
  'position.lat': 'lat',
  'position.lon': 'lon',
  heading: 'bearing',
};

export function osmandFieldOf(contractField: string): string {
  return OSMAND_FIELDS[contractField] ?? contractField;
}

/** Parameters (query string and/or form body), already URL-decoded. */
export function readOsmandParams(params: URLSearchParams): OsmandReading {
  const value = (name: string) => {
    const text = params.get(name);
    return text === null || text.trim() === '' ? undefined : text.trim();
  };
  const identifier = value('id') ?? value('deviceid') ?? null;
  const problems: ItemProblem[] = [];

  let latText = value('lat');
  let lonText = value('lon');
  const location = value('location');
  if ((latText === undefined || lonText === undefined) && location !== undefined) {
    const parts = location.split(',');
    if (parts.length === 2) [latText, lonText] = parts.map((p) => p.trim());
    else problems.push({ field: 'location', message: `"${location}" is not "lat,lon"` });
  }
  const lat = requiredNumber(latText, 'lat', problems);
  const lon = requiredNumber(lonText, 'lon', problems);
  const timeText = value('timestamp');
  const time = timeText === undefined ? undefined : parseTimestamp(timeText, 'timestamp', problems);
  const headingText = value('bearing') ?? value('heading');
  const heading = optionalNumber(headingText, value('bearing') !== undefined ? 'bearing' : 'heading', problems);
  for (const name of ['speed', 'altitude', 'accuracy', 'hdop', 'batt']) optionalNumber(value(name), name, problems);

  return finish(identifier, lat, lon, time, heading, problems);
}

/** The JSON body of current Traccar Client versions. */
export function readOsmandJson(body: unknown): OsmandReading {
  if (!isPlainObject(body)) return { identifier: null, problems: [{ field: '', message: 'expected a JSON object' }] };
  const identifier = typeof body.device_id === 'string' && body.device_id.trim() !== '' ? body.device_id.trim() : null;
  const problems: ItemProblem[] = [];
  const location = isPlainObject(body.location) ? body.location : undefined;
  const coords = location && isPlainObject(location.coords) ? location.coords : undefined;
  if (!location) problems.push({ field: 'location', message: 'missing' });
  else if (!coords) problems.push({ field: 'location.coords', message: 'missing' });

  const lat = coords ? jsonNumber(coords.latitude, 'location.coords.latitude', problems, true) : undefined;
  const lon = coords ? jsonNumber(coords.longitude, 'location.coords.longitude', problems, true) : undefined;
  const heading = coords ? jsonNumber(coords.heading, 'location.coords.heading', problems, false) : undefined;
  if (coords) for (const name of ['speed', 'altitude', 'accuracy']) jsonNumber(coords[name], `location.coords.${name}`, problems, false);
  const stamp = location?.timestamp;
  let time: number | undefined;
  if (typeof stamp === 'string' || typeof stamp === 'number') time = parseTimestamp(String(stamp), 'location.timestamp', problems);
  else if (stamp !== undefined) problems.push({ field: 'location.timestamp', message: 'is not a time' });

  return finish(identifier, lat, lon, time, heading, problems);
}

function finish(
  identifier: string | null,
  lat: number | undefined,
  lon: number | undefined,
  time: number | undefined,
  heading: number | undefined,
  problems: ItemProblem[],
): OsmandReading {
  if (problems.length || lat === undefined || lon === undefined) return { identifier, problems };
  const fix: OsmandFix = { lat, lon };
  if (time !== undefined) fix.time = time;
  // The apps send -1 when the heading is unknown.
  if (heading !== undefined && heading >= 0) fix.heading = heading % 360;
  return { identifier, fix, problems };
}

/** Epoch seconds below this, milliseconds above (Traccar draws the line the same way, by size). */
const MILLISECONDS_FROM = 1e11;

/**
 * Epoch seconds, epoch milliseconds, ISO 8601, or "yyyy-MM-dd HH:mm:ss" (the form body's "+"
 * decodes to the space). A time without an offset is UTC, as Traccar reads it.
 */
export function parseTimestamp(text: string, field: string, problems: ItemProblem[]): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return n >= MILLISECONDS_FROM ? Math.round(n) : Math.round(n * 1000);
  }
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  const ms = iso ? Date.parse(`${iso[1]}T${iso[2]}${iso[5] ?? 'Z'}`) : Number.NaN;
  if (Number.isNaN(ms)) {
    problems.push({ field, message: `"${text}" is not epoch seconds, epoch milliseconds or an ISO 8601 time` });
    return undefined;
  }
  return ms;
}

function requiredNumber(text: string | undefined, field: string, problems: ItemProblem[]): number | undefined {
  if (text === undefined) {
    problems.push({ field, message: 'missing' });
    return undefined;
  }
  return optionalNumber(text, field, problems);
}

function optionalNumber(text: string | undefined, field: string, problems: ItemProblem[]): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) {
    problems.push({ field, message: `"${text}" is not a number` });
    return undefined;
  }
  return n;
}

function jsonNumber(value: unknown, field: string, problems: ItemProblem[], required: boolean): number | undefined {
  if (value === undefined || value === null) {
    if (required) problems.push({ field, message: 'missing' });
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ field, message: 'is not a number' });
    return undefined;
  }
  return value;
}
