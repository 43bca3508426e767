/**
 * Cursor-on-Target (CoT) XML, as a TAK client or server sends it: one `<event>` (or several inside
 * an `<events>` wrapper). Friendly position reports (`type="a-f-…"`) become `unit.position`:
 *
 *   event@uid → unitId            event@time → occurredAt        point@lat/lon → position
 *   detail/contact@callsign → callsign      detail/track@course → heading (degrees from north)
 *
 * The agency is the sending credential's (CoT has no field for it). The event id is
 * `<uid>@<time>`, so a TAK server forwarding the same report twice stores it once.
 *
 * Parsed with fast-xml-parser. A document with a DOCTYPE or entity declaration is refused before
 * parsing (no external entities, no "billion laughs"): CoT never needs one.
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Agency } from '../../../lib/contract/agencies.ts';
import { idSchema } from '../../../lib/contract/events.ts';
import type { Releasability } from '../../../lib/contract/releasability.ts';
import { lineIndex } from './textLines.ts';
import type { ItemProblem } from '../../../lib/contract/http.ts';
import { FormatError, isPlainObject, provenanceFor, type NormaliseContext, type Normalised } from './normalised.ts';

export interface CotContext extends NormaliseContext {
  /** The sending credential's agency: every event of the document is posted as it. */
  agency: Agency;
  releasability?: Releasability;
}

/** CoT types taken: atoms ("a") of friendly ("f") affiliation, i.e. own units' positions. */
const FRIENDLY_ATOM = /^a-f(-|$)/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Only XML's five predefined entities: declarations are refused before parsing.
  processEntities: true,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  captureMetaData: true,
  isArray: (name) => name === 'event',
});
// Typed as the boxed Symbol by the library; it is a plain symbol.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Where each contract field comes from in CoT, for problem reports. */
const COT_FIELDS: Record<string, string> = {
  id: 'uid',
  unitId: 'uid',
  occurredAt: 'time',
  position: 'point',
  'position.lat': 'point@lat',
  'position.lon': 'point@lon',
  callsign: 'detail/contact@callsign',
  heading: 'detail/track@course',
};

export function cotFieldOf(contractField: string): string {
  return COT_FIELDS[contractField] ?? contractField;
}

export function normaliseCot(xml: string, context: CotContext): Normalised[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new FormatError('DOCTYPE and ENTITY declarations are refused; CoT does not use them', [
      { line: lineIndex(xml)(xml.search(/<!DOCTYPE|<!ENTITY/i)), field: '', message: 'remove the DOCTYPE' },
    ]);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FormatError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`, [
      { line: valid.err.line, field: '', message: valid.err.msg },
    ]);
  }
  const document = parser.parse(xml) as Record<string, unknown>;
  const events = eventsOf(document);
  if (!events) throw new FormatError('expected a CoT <event> (or <events> holding several)');
  const lines = lineIndex(xml);
  return events.map((element) => {
    const start = isPlainObject(element) ? (element as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex : undefined;
    return normaliseCotEvent(element, start === undefined ? 0 : lines(start), context);
  });
}

function eventsOf(document: Record<string, unknown>): unknown[] | null {
  if (Array.isArray(document.event)) return document.event;
  const wrapper = document.events;
  if (isPlainObject(wrapper)) return Array.isArray(wrapper.event) ? wrapper.event : [];
  if (wrapper === '') return []; // <events/>: an empty document is not an error
  return null;
}

/** One `<event>` element, parsed, to a unit.position event object. */
export function normaliseCotEvent(element: unknown, line: number, context: CotContext): Normalised {
  if (!isPlainObject(element)) return { line, problems: [{ field: 'event', message: 'an empty <event>' }] };
  const problems: ItemProblem[] = [];
  const type = attribute(element, 'type');
  const uid = attribute(element, 'uid');
  const time = attribute(element, 'time');
  if (!type) problems.push({ field: 'type', message: 'missing' });
  else if (!FRIENDLY_ATOM.test(type)) {
    problems.push({ field: 'type', message: `"${type}" is not a friendly position report (a-f-…); only those are taken` });
  }
  if (!uid) problems.push({ field: 'uid', message: 'missing' });
  if (!time) problems.push({ field: 'time', message: 'missing' });

  const point = child(element, 'point');
  const lat = point ? number(attribute(point, 'lat')) : null;
  const lon = point ? number(attribute(point, 'lon')) : null;
  if (!point) problems.push({ field: 'point', message: 'missing' });
  else {
    if (lat === null) problems.push({ field: 'point@lat', message: 'missing or not a number' });
    if (lon === null) problems.push({ field: 'point@lon', message: 'missing or not a number' });
  }

  const detail = child(element, 'detail');
  const contact = detail ? child(detail, 'contact') : undefined;
  const track = detail ? child(detail, 'track') : undefined;
  const callsign = contact ? attribute(contact, 'callsign')?.trim() : undefined;
  const courseText = track ? attribute(track, 'course') : undefined;
  const course = courseText === undefined ? undefined : number(courseText);
  if (course === null) problems.push({ field: 'detail/track@course', message: `"${courseText}" is not a number` });

  if (problems.length || !uid || !time || lat === null || lon === null) return { line, problems };
  const event: Record<string, unknown> = {
    id: eventId(uid, time),
    type: 'unit.position',
    agency: context.agency,
    occurredAt: time,
    unitId: uid,
    position: { lat, lon },
    provenance: provenanceFor('cot', context.source, uid),
  };
  if (callsign) event.callsign = callsign;
  if (course !== undefined && course !== null) event.heading = ((course % 360) + 360) % 360;
  if (context.releasability) event.releasability = context.releasability;
  return { line, event };
}

/** `<uid>@<time>` when that is a valid id, else a hash of both (long or unusual uids). */
function eventId(uid: string, time: string): string {
  const plain = `${uid}@${time}`;
  if (idSchema.safeParse(plain).success) return plain;
  return `cot-${createHash('sha256').update(`${uid}\n${time}`).digest('hex').slice(0, 32)}`;
}

function attribute(element: Record<string, unknown>, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

/** A child element; the first when it repeats. `<point/>` parses to "" and counts as present. */
function child(element: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = Array.isArray(element[name]) ? (element[name] as unknown[])[0] : element[name];
  if (value === '') return {};
  return isPlainObject(value) ? value : undefined;
}

function number(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
