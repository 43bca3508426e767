/**
 * The handover brief: what an outgoing coordinator hands on about one period, as a pure function of
 * the event log. `buildHandover(events, { from, to, viewer })` reads the channel's events (in any
 * order; only those that happened before `to` count), keeps only what the viewer may see, and says
 * what is open at the end of the period, what was closed within it, how each queue peaked and stands,
 * and which units reported.
 *
 * The state at the end of the period is the picture's own projection (picture.ts) of the events
 * before `to`, so the brief and the wall never disagree about an incident; the period's own facts
 * (peaks, closures) are read from the events within it.
 */
import type {
  HandoverAlert,
  HandoverClosedIncident,
  HandoverIncident,
  HandoverQueue,
  HandoverReply,
  HandoverUnits,
} from '../contract/http.ts';
import { AGENCIES, type Agency } from '../contract/agencies.ts';
import type { PostId, QueueDirection, StoredEvent } from '../contract/events.ts';
import { audienceOf, isVisibleTo, type ReaderScope } from '../contract/releasability.ts';
import { QUEUE_DIRECTIONS, SEVERITIES } from '../contract/vocabulary.ts';
import { BORDER_POST_IDS } from '../geo/borderPosts.ts';
import { project, queueKey, type IncidentState, type Picture } from './picture.ts';
import { DEFAULT_QUEUE_ALERT_LEVELS } from './queueLevels.ts';

export interface HandoverOptions {
  /** Start of the period (inclusive): ISO 8601 or epoch ms. */
  from: string | number;
  /** End of the period (exclusive). */
  to: string | number;
  viewer: { scope: ReaderScope };
  channel?: string;
  /** When the brief is made (epoch ms); defaults to `to`. */
  now?: number;
}

/** A chart of a queue keeps at most this many points: a 12 h brief gets one every 3 minutes. */
export const HANDOVER_SERIES_POINTS = 240;
const MINUTE_MS = 60_000;
/** Statuses are counted under this name for units that never reported one. */
export const UNKNOWN_STATUS = 'unknown';

const toMs = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at));
const iso = (ms: number) => new Date(ms).toISOString();

export function buildHandover(events: readonly StoredEvent[], options: HandoverOptions): HandoverReply {
  const from = toMs(options.from);
  const to = toMs(options.to);
  if (!(from < to)) throw new RangeError('the period must start before it ends');
  const { scope } = options.viewer;
  // Never trust the caller to have filtered: a national event of the other country stops here too.
  const visible = events.filter((e) => isVisibleTo(audienceOf(e), scope) && Date.parse(e.occurredAt) < to).sort((a, b) => a.seq - b.seq);
  const inPeriod = (at: string) => Date.parse(at) >= from;

  const picture = project(visible);
  const closingNotes = closingNotesOf(visible);

  const incidents = Object.values(picture.incidents);
  const describe = (incident: IncidentState): HandoverIncident => ({
    incidentId: incident.incidentId,
    agency: incident.agency,
    kind: incident.kind,
    severity: incident.severity,
    text: incident.text,
    ...(incident.people !== undefined ? { people: incident.people } : {}),
    ...(incident.minors !== undefined ? { minors: incident.minors } : {}),
    openedAt: incident.openedAt,
    updatedAt: incident.updatedAt,
    releasability: incident.releasability,
    status: incident.status,
    ...(incident.owner ? { owner: incident.owner } : {}),
    impact: incident.impact,
  });
  const rank = (i: IncidentState) => SEVERITIES.indexOf(i.severity);
  const openIncidents = incidents
    .filter((i) => !i.closedAt)
    .sort((a, b) => rank(b) - rank(a) || Date.parse(a.openedAt) - Date.parse(b.openedAt))
    .map(describe);
  const closedIncidents = incidents
    .filter((i): i is IncidentState & { closedAt: string } => i.closedAt !== undefined && inPeriod(i.closedAt))
    .sort((a, b) => Date.parse(b.closedAt) - Date.parse(a.closedAt))
    .map((i): HandoverClosedIncident => {
      const note = closingNotes.get(i.incidentId);
      return {
        ...describe(i),
        closedAt: i.closedAt,
        ...(i.outcome ? { outcome: i.outcome } : {}),
        ...(i.duplicateOf ? { duplicateOf: i.duplicateOf } : {}),
        ...(note ? { closingNote: note } : {}),
      };
    });
  const openedInPeriod = incidents.filter((i) => inPeriod(i.openedAt)).length;

  return {
    channel: options.channel ?? visible[0]?.channel ?? 'live',
    period: { from: iso(from), to: iso(to) },
    generatedAt: iso(options.now ?? to),
    scope,
    openIncidents,
    closedIncidents,
    openedInPeriod,
    queues: queueSummaries(visible, from, to, picture.queueLevels),
    units: unitsByAgency(picture, from),
    alerts: Object.values(picture.alerts)
      .filter((a) => inPeriod(a.raisedAt))
      .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt))
      .map((a): HandoverAlert => ({
        alertId: a.alertId,
        kind: a.kind,
        agency: a.agency,
        raisedAt: a.raisedAt,
        ...(a.text ? { text: a.text } : {}),
        ...(a.subject.incidentId ? { incidentId: a.subject.incidentId } : {}),
        ...(a.subject.post ? { post: a.subject.post } : {}),
        ...(a.subject.direction ? { direction: a.subject.direction } : {}),
        ...(a.acknowledged ? { acknowledged: { at: a.acknowledged.at, role: a.acknowledged.by.role } } : {}),
      })),
  };
}

function closingNotesOf(events: readonly StoredEvent[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const e of events) if (e.type === 'incident.closed' && e.text && !found.has(e.incidentId)) found.set(e.incidentId, e.text);
  return found;
}

interface QueueAccumulator {
  post: PostId;
  direction: QueueDirection;
  /** Latest by occurredAt before `to`. */
  current?: { waiting: number; waitMinutes?: number; at: number };
  atStart?: { waiting: number; at: number };
  within: { waiting: number; waitMinutes?: number; at: number }[];
}

/**
 * Every post and direction that reported before the end of the period, in the posts' fixed order:
 * the peak within the period, the latest count, and a chart series of at most HANDOVER_SERIES_POINTS
 * points. Each point of the series is the highest count in its bucket, so the chart never hides a peak.
 */
function queueSummaries(events: readonly StoredEvent[], from: number, to: number, levels: Picture['queueLevels']): HandoverQueue[] {
  const queues = new Map<string, QueueAccumulator>();
  for (const e of events) {
    if (e.type !== 'queue.update') continue;
    const key = queueKey(e.post, e.direction);
    let q = queues.get(key);
    if (!q) queues.set(key, (q = { post: e.post, direction: e.direction, within: [] }));
    const at = Date.parse(e.occurredAt);
    const point = { waiting: e.waiting, at, ...(e.waitMinutes !== undefined ? { waitMinutes: e.waitMinutes } : {}) };
    if (!q.current || at >= q.current.at) q.current = point;
    if (at >= from) q.within.push(point);
    else if (!q.atStart || at >= q.atStart.at) q.atStart = { waiting: e.waiting, at };
  }
  const bucketMinutes = Math.max(1, Math.ceil((to - from) / MINUTE_MS / HANDOVER_SERIES_POINTS));
  const bucketMs = bucketMinutes * MINUTE_MS;
  const order = BORDER_POST_IDS.flatMap((post) => QUEUE_DIRECTIONS.map((direction) => queueKey(post, direction)));
  return [...queues.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([key, q]) => {
      const within = [...q.within].sort((a, b) => a.at - b.at);
      const peak = within.reduce<(typeof within)[number] | undefined>(
        (best, p) => (!best || p.waiting > best.waiting ? p : best),
        undefined,
      );
      const waits = within.flatMap((p) => (p.waitMinutes !== undefined ? [p.waitMinutes] : []));
      const buckets = new Map<number, { waiting: number; at: number }>();
      for (const p of within) {
        const bucket = Math.floor((p.at - from) / bucketMs);
        const held = buckets.get(bucket);
        if (!held || p.waiting > held.waiting) buckets.set(bucket, { waiting: p.waiting, at: p.at });
      }
      const current = q.current;
      return {
        post: q.post,
        direction: q.direction,
        current: current
          ? {
              waiting: current.waiting,
              ...(current.waitMinutes !== undefined ? { waitMinutes: current.waitMinutes } : {}),
              at: iso(current.at),
            }
          : null,
        peak: peak ? { waiting: peak.waiting, at: iso(peak.at) } : null,
        peakWaitMinutes: waits.length > 0 ? Math.max(...waits) : null,
        level: levels[key]?.waiting ?? DEFAULT_QUEUE_ALERT_LEVELS[key]?.waiting ?? null,
        atStart: q.atStart ? { at: iso(q.atStart.at), waiting: q.atStart.waiting } : null,
        series: [...buckets.entries()].sort(([a], [b]) => a - b).map(([, p]) => ({ at: iso(p.at), waiting: p.waiting })),
        bucketMinutes,
        reports: within.length,
      };
    });
}

/**
 * Units that reported or changed availability within the period, by agency (in the contract's order)
 * and status: their availability (available, assigned, en route…) when the workflow gave one, else
 * the status of their last position fix.
 */
function unitsByAgency(picture: Picture, from: number): HandoverUnits[] {
  const byAgency = new Map<Agency, HandoverUnits>();
  const keys = new Set([...Object.keys(picture.units), ...Object.keys(picture.unitStatus)]);
  for (const key of keys) {
    const unit = picture.units[key];
    const availability = picture.unitStatus[key];
    const seen = Math.max(unit ? Date.parse(unit.lastSeenAt) : -Infinity, availability ? Date.parse(availability.since) : -Infinity);
    if (seen < from) continue;
    const agency = (unit ?? availability).agency;
    let row = byAgency.get(agency);
    if (!row) byAgency.set(agency, (row = { agency, total: 0, byStatus: {} }));
    const status = availability?.availability ?? unit?.status ?? UNKNOWN_STATUS;
    row.total += 1;
    row.byStatus[status] = (row.byStatus[status] ?? 0) + 1;
  }
  return [...byAgency.values()].sort((a, b) => AGENCIES.indexOf(a.agency) - AGENCIES.indexOf(b.agency));
}
