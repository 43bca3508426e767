/**
 * CAP 1.2 in: an alert written by another system becomes a bulletin.
 *
 *   identifier → id ("cap-<identifier>", or a hash when that is not a valid id)
 *   sent → occurredAt            info/headline (or event) → title (cut to 120 characters)
 *   info/description + instruction → text
 *   scope Public → binational    scope Restricted → national (the sending agency's country)
 *   info/area circle centre, or polygon's mean vertex → position, when inside the region
 *   sender → provenance.source   identifier → provenance.originalId
 *
 * The Spanish info block is used when there is one, else the first. CAP's status must fit the
 * channel (Actual on live, Exercise on a training channel); Test, System and Draft alerts, Private
 * scope and Cancel/Ack/Error messages are refused with the reason, since a bulletin cannot say
 * what they mean. The agency is the sending credential's.
 *
 * Parsed with fast-xml-parser; DOCTYPE and entity declarations are refused before parsing, as for CoT.
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { countryOf, type Agency } from '../../../lib/contract/agencies.ts';
import { isTrainingChannel } from '../../../lib/contract/channelNames.ts';
import { idSchema, LIMITS } from '../../../lib/contract/events.ts';
import type { RegionBounds } from '../../../lib/geo/region.ts';
import type { ItemProblem } from '../../../lib/contract/http.ts';
import { FormatError, isPlainObject } from './normalised.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapContext {
  agency: Agency;
  channel: string;
  bounds: RegionBounds;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: true,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['info', 'area', 'circle', 'polygon', 'code', 'parameter', 'category'].includes(name),
});

/** Where each contract field comes from in CAP, for problem reports. */
const CAP_FIELDS: Record<string, string> = {
  id: 'identifier',
  occurredAt: 'sent',
  title: 'info/headline',
  text: 'info/description',
  releasability: 'scope',
  position: 'info/area',
};

export function capFieldOf(contractField: string): string {
  return CAP_FIELDS[contractField.split('.')[0]] ?? contractField;
}

/** The alert as a bulletin event object (not yet validated), or the problems that prevent it. */
export function capToBulletin(xml: string, context: CapContext): { event: Record<string, unknown> } | { problems: ItemProblem[] } {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new FormatError('DOCTYPE and ENTITY declarations are refused; CAP does not need them');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FormatError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`, [
      { line: valid.err.line, field: '', message: valid.err.msg },
    ]);
  }
  const alert = (parser.parse(xml) as Record<string, unknown>).alert;
  if (!isPlainObject(alert)) throw new FormatError('expected a CAP <alert>');
  // The parser drops namespace prefixes (some senders write <cap:alert>), so the declaration is checked in the text.
  if (!/xmlns(:\w+)?\s*=\s*["']urn:oasis:names:tc:emergency:cap:1\.2["']/.test(xml)) {
    throw new FormatError(`expected a CAP 1.2 alert (xmlns="${CAP_NAMESPACE}")`, [
      { field: 'alert@xmlns', message: 'missing or another CAP version' },
    ]);
  }

  const problems: ItemProblem[] = [];
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const required = (name: string) => {
    const value = text(alert[name]);
    if (value === undefined) problems.push({ field: name, message: 'missing' });
    return value;
  };
  const identifier = required('identifier');
  const sender = required('sender');
  const sent = required('sent');
  const status = required('status');
  const msgType = required('msgType');
  const scope = required('scope');

  if (status && !['Actual', 'Exercise', 'System', 'Test', 'Draft'].includes(status))
    problems.push({ field: 'status', message: `"${status}" is not a CAP status` });
  else if (status === 'Actual' && isTrainingChannel(context.channel))
    problems.push({ field: 'status', message: 'an Actual alert cannot go to an exercise channel' });
  else if (status === 'Exercise' && !isTrainingChannel(context.channel))
    problems.push({ field: 'status', message: 'an Exercise alert goes to an exercise channel, never to live' });
  else if (status && status !== 'Actual' && status !== 'Exercise')
    problems.push({ field: 'status', message: `${status} alerts are not bulletins; send Actual or Exercise` });

  if (msgType && !['Alert', 'Update', 'Cancel', 'Ack', 'Error'].includes(msgType))
    problems.push({ field: 'msgType', message: `"${msgType}" is not a CAP msgType` });
  else if (msgType && msgType !== 'Alert' && msgType !== 'Update')
    problems.push({ field: 'msgType', message: `${msgType} messages are not taken; a bulletin cannot be withdrawn` });

  let releasability: 'binational' | 'national' | undefined;
  if (scope === 'Public') releasability = 'binational';
  else if (scope === 'Restricted') {
    if (countryOf(context.agency) === null)
      problems.push({ field: 'scope', message: `${context.agency} belongs to no single country, so it cannot send Restricted alerts` });
    else releasability = 'national';
  } else if (scope === 'Private')
    problems.push({ field: 'scope', message: 'Private alerts name their recipients; Concordia has no such audience' });
  else if (scope) problems.push({ field: 'scope', message: `"${scope}" is not a CAP scope` });

  if (sent && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/.test(sent)) {
    problems.push({ field: 'sent', message: `"${sent}" is not a CAP time (e.g. 2025-12-01T14:55:00-03:00)` });
  }

  const infos = (Array.isArray(alert.info) ? alert.info : []).filter(isPlainObject);
  if (infos.length === 0) problems.push({ field: 'info', message: 'missing: a bulletin needs at least a headline or event' });
  const chosen = infos.find((i) => /^es(-|$)/i.test(text(i.language) ?? '')) ?? infos[0];

  if (problems.length || !chosen || !identifier || !sent || !releasability) return { problems };

  const headline = text(chosen.headline) ?? text(chosen.event);
  if (!headline) return { problems: [{ field: 'info/headline', message: 'missing (and no info/event either)' }] };
  const body = [text(chosen.description) ?? headline, text(chosen.instruction)].filter(Boolean).join('\n\n');
  const event: Record<string, unknown> = {
    id: eventId(identifier),
    type: 'bulletin',
    agency: context.agency,
    occurredAt: sent,
    releasability,
    title: headline.length > LIMITS.shortTextLength ? `${headline.slice(0, LIMITS.shortTextLength - 1)}…` : headline,
    text: body,
    provenance: {
      source: (sender ?? 'cap').slice(0, LIMITS.shortTextLength),
      format: 'cap',
      originalId: identifier.slice(0, LIMITS.shortTextLength * 2),
    },
  };
  const position = areaPosition(chosen.area, context.bounds);
  if (position) event.position = position;
  return { event };
}

/** The first circle's centre, else the first polygon's mean vertex; only when inside the region. */
function areaPosition(areas: unknown, bounds: RegionBounds): { lat: number; lon: number } | undefined {
  for (const area of Array.isArray(areas) ? areas.filter(isPlainObject) : []) {
    const circle = Array.isArray(area.circle) ? area.circle[0] : undefined;
    const polygon = Array.isArray(area.polygon) ? area.polygon[0] : undefined;
    let point: { lat: number; lon: number } | undefined;
    if (typeof circle === 'string') {
      const [lat, lon] = circle
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      point = { lat, lon };
    } else if (typeof polygon === 'string') {
      const pairs = polygon
        .trim()
        .split(/\s+/)
        .map((pair) => pair.split(',').map(Number));
      point = { lat: mean(pairs.map((p) => p[0])), lon: mean(pairs.map((p) => p[1])) };
    }
    if (point && point.lat >= bounds.south && point.lat <= bounds.north && point.lon >= bounds.west && point.lon <= bounds.east)
      return point;
  }
  return undefined;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function eventId(identifier: string): string {
  const plain = `cap-${identifier}`;
  if (idSchema.safeParse(plain).success) return plain;
  return `cap-${createHash('sha256').update(identifier).digest('hex').slice(0, 32)}`;
}
