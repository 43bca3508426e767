/**
 * The picture as CoT for TAK clients, built with @tak-ps/node-cot: units (friendly ground units),
 * open incidents (unknown-affiliation points with the text as remarks) and border posts with their
 * queues. Uids are prefixed `concordia.` so a client tells Concordia's markers from its own. A
 * closed incident is sent once more with its stale time now, which removes it from the map.
 * Only counts and positions of groups go out, never names.
 */
import CoT from '@tak-ps/node-cot';
import { BORDER_POSTS } from '../../lib/geo/borderPosts.ts';
import type { IncidentState, Picture, QueueState, UnitState } from '../../lib/projection/picture.ts';

const UNIT_STALE_MS = 15 * 60_000;
const MARKER_STALE_MS = 24 * 3_600_000;

interface Marker {
  uid: string;
  type: string;
  time: string;
  staleMs: number;
  lat: number;
  lon: number;
  callsign: string;
  remarks?: string;
  course?: number;
}

function cot(marker: Marker, now = Date.now()): string {
  const time = new Date(Math.min(Date.parse(marker.time) || now, now)).toISOString();
  const detail: Record<string, unknown> = { contact: { _attributes: { callsign: marker.callsign } } };
  if (marker.remarks) detail.remarks = { _text: marker.remarks };
  if (marker.course !== undefined) detail.track = { _attributes: { course: marker.course, speed: 0 } };
  return new CoT({
    event: {
      _attributes: {
        version: '2.0',
        uid: marker.uid,
        type: marker.type,
        how: 'h-g-i-g-o',
        time,
        start: time,
        stale: new Date(Math.max(now, Date.parse(time) + marker.staleMs)).toISOString(),
      },
      point: { _attributes: { lat: marker.lat, lon: marker.lon, hae: 0, ce: 9999999, le: 9999999 } },
      detail,
    },
  }).to_xml();
}

export function unitUid(unit: { agency: string; unitId: string }): string {
  return `concordia.unit.${unit.agency}.${unit.unitId}`;
}

export function unitCot(unit: UnitState): string {
  return cot({
    uid: unitUid(unit),
    type: 'a-f-G-U-C',
    time: unit.lastSeenAt,
    staleMs: UNIT_STALE_MS,
    lat: unit.position.lat,
    lon: unit.position.lon,
    callsign: unit.callsign ?? `${unit.agency} ${unit.unitId}`,
    remarks: [unit.agency, unit.status].filter(Boolean).join(' · '),
    course: unit.heading,
  });
}

export function incidentCot(incident: IncidentState, now = Date.now()): string {
  const closed = incident.closedAt !== undefined;
  return cot(
    {
      uid: `concordia.incident.${incident.incidentId}`,
      type: 'a-u-G',
      time: incident.updatedAt,
      staleMs: closed ? 0 : MARKER_STALE_MS,
      lat: incident.position.lat,
      lon: incident.position.lon,
      callsign: `${incident.kind} (${incident.severity})`,
      remarks: [incident.text, incident.people !== undefined ? `personas: ${incident.people}` : '', `agencia: ${incident.agency}`]
        .filter(Boolean)
        .join(' · '),
    },
    closed ? Date.parse(incident.closedAt!) : now,
  );
}

export function postCot(postId: string, queues: QueueState[]): string | null {
  const post = BORDER_POSTS[postId as keyof typeof BORDER_POSTS];
  if (!post) return null;
  const latest = queues.reduce((t, q) => (q.updatedAt > t ? q.updatedAt : t), '');
  return cot({
    uid: `concordia.post.${post.id}`,
    type: 'a-f-G-I',
    time: latest || new Date().toISOString(),
    staleMs: MARKER_STALE_MS,
    lat: post.lat,
    lon: post.lon,
    callsign: post.name,
    remarks: [
      post.note,
      ...queues.map((q) => `${q.direction}: ${q.waiting} en espera${q.waitMinutes !== undefined ? `, ${q.waitMinutes} min` : ''}`),
    ].join(' · '),
  });
}

/** Every border post with queues, grouped. */
export function postsCot(picture: Picture): string[] {
  const byPost = new Map<string, QueueState[]>();
  for (const queue of Object.values(picture.queues)) byPost.set(queue.post, [...(byPost.get(queue.post) ?? []), queue]);
  return [...byPost].flatMap(([post, queues]) => postCot(post, queues) ?? []);
}

/** The whole picture a client starts from: units, open incidents, posts. */
export function pictureCot(picture: Picture, skipUnit?: (unit: UnitState) => boolean): string[] {
  return [
    ...Object.values(picture.units)
      .filter((u) => !skipUnit?.(u))
      .map(unitCot),
    ...Object.values(picture.incidents)
      .filter((i) => i.closedAt === undefined)
      .map((i) => incidentCot(i)),
    ...postsCot(picture),
  ];
}
