/**
 * The operations picture as a pure function of the event log: `applyEvents(picture, events)`.
 * The server uses it for snapshots, the browser to apply pushed events. No I/O, no clock: ages are
 * computed by selectors from a `now` passed in.
 *
 * Late reports (an offline phone sending hours later) must not move a unit back in time or reopen
 * a closed incident, so every state keeps the occurredAt it reflects and older events only add to
 * history and the feed.
 */
import type { Agency } from '../contract/agencies.ts';
import type { IncidentKind, PostId, Position, Provenance, QueueDirection, Severity, StoredEvent, UnitStatus } from '../contract/events.ts';

/** Events kept in the feed, newest first. */
export const FEED_SIZE = 60;
/**
 * Routine updates that the picture already shows in place (a unit's marker, a post's queue card)
 * and that arrive many times a minute: kept out of the feed, so they never push a field report,
 * an incident or a bulletin off the wall.
 */
const ROUTINE_TYPES: ReadonlySet<StoredEvent['type']> = new Set(['unit.position', 'queue.update']);
/** Queue history kept per post and direction, in hours of event time: enough for a trend chart. */
export const QUEUE_HISTORY_HOURS = 12;
const QUEUE_HISTORY_MAX_POINTS = 720; // one a minute for 12 h
const MINUTE_MS = 60_000;
/** Closed incidents are remembered this long (event time) so late updates cannot reopen them. */
const CLOSED_INCIDENT_MEMORY_HOURS = 48;

export interface UnitState {
  key: string;
  unitId: string;
  agency: Agency;
  callsign?: string;
  status?: UnitStatus;
  heading?: number;
  position: Position;
  lastSeenAt: string;
  lastReport?: { text: string; at: string; people?: number };
  source?: string;
}

export interface QueuePoint {
  at: string;
  waiting: number;
}

export interface QueueState {
  key: string;
  post: PostId;
  direction: QueueDirection;
  agency: Agency;
  waiting: number;
  waitMinutes?: number;
  refused?: number;
  minors?: number;
  updatedAt: string;
  history: QueuePoint[];
}

export interface IncidentState {
  incidentId: string;
  agency: Agency;
  kind: IncidentKind;
  severity: Severity;
  text: string;
  position: Position;
  people?: number;
  minors?: number;
  openedAt: string;
  updatedAt: string;
  /** Set once closed; closed incidents are not shown but remembered for a while. */
  closedAt?: string;
  provenance?: Provenance;
}

export interface DeploymentState {
  key: string;
  deploymentId: string;
  agency: Agency;
  position: Position;
  personnel: number;
  text: string;
  area?: string;
  updatedAt: string;
}

export interface Picture {
  /** The last seq applied (0 for an empty channel). */
  seq: number;
  units: Record<string, UnitState>;
  queues: Record<string, QueueState>;
  incidents: Record<string, IncidentState>;
  deployments: Record<string, DeploymentState>;
  /** Latest events other than routine position fixes and queue counts, newest first. */
  feed: StoredEvent[];
}

export function emptyPicture(): Picture {
  return { seq: 0, units: {}, queues: {}, incidents: {}, deployments: {}, feed: [] };
}

/** Units are keyed by agency as well: two agencies may both have a "M-1". */
export function unitKey(agency: Agency, unitId: string): string {
  return `${agency}/${unitId}`;
}

export function queueKey(post: PostId, direction: QueueDirection): string {
  return `${post}/${direction}`;
}

const isAtOrAfter = (a: string, b: string) => Date.parse(a) >= Date.parse(b);

/**
 * Applies events in seq order and returns a new picture; the input is not modified, and
 * collections no event touched keep their identity (cheap re-renders). Events with a seq the
 * picture already reflects are ignored, so replaying an overlap is harmless.
 */
export function applyEvents(picture: Picture, events: readonly StoredEvent[]): Picture {
  const fresh = events.filter((e) => e.seq > picture.seq);
  if (fresh.length === 0) return picture;
  const draft = new Draft(picture);
  for (const event of fresh) draft.apply(event);
  return draft.finish();
}

export function project(events: readonly StoredEvent[]): Picture {
  return applyEvents(emptyPicture(), events);
}

/** Copy-on-first-write over the picture's collections, so a batch copies each at most once. */
class Draft {
  private readonly copied = new Set<string>();
  private readonly next: Picture;
  private readonly feedAdditions: StoredEvent[] = [];

  constructor(base: Picture) {
    this.next = { ...base };
  }

  private writable<K extends 'units' | 'queues' | 'incidents' | 'deployments'>(name: K): Picture[K] {
    if (!this.copied.has(name)) {
      this.next[name] = { ...this.next[name] } as Picture[K];
      this.copied.add(name);
    }
    return this.next[name];
  }

  apply(event: StoredEvent): void {
    this.next.seq = event.seq;
    if (!ROUTINE_TYPES.has(event.type)) this.feedAdditions.push(event);
    switch (event.type) {
      case 'unit.position':
      case 'patrol.report':
        this.applyUnit(event);
        break;
      case 'queue.update':
        this.applyQueue(event);
        break;
      case 'incident':
        this.applyIncident(event);
        break;
      case 'incident.closed':
        this.applyIncidentClosed(event);
        break;
      case 'deployment':
        this.applyDeployment(event);
        break;
      case 'bulletin':
        break; // bulletins live in the feed only
    }
  }

  private applyUnit(event: Extract<StoredEvent, { type: 'unit.position' | 'patrol.report' }>): void {
    const key = unitKey(event.agency, event.unitId);
    const current = this.next.units[key];
    if (current && !isAtOrAfter(event.occurredAt, current.lastSeenAt)) return;
    const base: UnitState = current ?? {
      key,
      unitId: event.unitId,
      agency: event.agency,
      position: event.position,
      lastSeenAt: event.occurredAt,
    };
    const updated: UnitState = {
      ...base,
      position: event.position,
      lastSeenAt: event.occurredAt,
      source: event.provenance?.source ?? base.source,
    };
    if (event.type === 'unit.position') {
      if (event.callsign !== undefined) updated.callsign = event.callsign;
      if (event.status !== undefined) updated.status = event.status;
      if (event.heading !== undefined) updated.heading = event.heading;
    } else {
      updated.lastReport = { text: event.text, at: event.occurredAt, people: event.people };
    }
    this.writable('units')[key] = updated;
  }

  private applyQueue(event: Extract<StoredEvent, { type: 'queue.update' }>): void {
    const key = queueKey(event.post, event.direction);
    const current = this.next.queues[key];
    const point: QueuePoint = { at: event.occurredAt, waiting: event.waiting };
    const history = insertPoint(current?.history ?? [], point);
    const isLatest = !current || isAtOrAfter(event.occurredAt, current.updatedAt);
    const latest: QueueState = isLatest
      ? {
          key,
          post: event.post,
          direction: event.direction,
          agency: event.agency,
          waiting: event.waiting,
          waitMinutes: event.waitMinutes,
          refused: event.refused,
          minors: event.minors,
          updatedAt: event.occurredAt,
          history,
        }
      : { ...current, history };
    this.writable('queues')[key] = latest;
  }

  private applyIncident(event: Extract<StoredEvent, { type: 'incident' }>): void {
    const current = this.next.incidents[event.incidentId];
    if (current && !isAtOrAfter(event.occurredAt, current.updatedAt)) return;
    if (current?.closedAt && !isAtOrAfter(event.occurredAt, current.closedAt)) return;
    this.writable('incidents')[event.incidentId] = {
      incidentId: event.incidentId,
      agency: current?.agency ?? event.agency,
      kind: event.kind,
      severity: event.severity,
      text: event.text,
      position: event.position,
      people: event.people,
      minors: event.minors,
      openedAt: current && !current.closedAt ? current.openedAt : event.occurredAt,
      updatedAt: event.occurredAt,
      provenance: event.provenance,
    };
  }

  private applyIncidentClosed(event: Extract<StoredEvent, { type: 'incident.closed' }>): void {
    const current = this.next.incidents[event.incidentId];
    if (!current || current.closedAt) return;
    this.writable('incidents')[event.incidentId] = {
      ...current,
      closedAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
    this.forgetOldClosedIncidents(event.occurredAt);
  }

  private forgetOldClosedIncidents(now: string): void {
    const horizon = Date.parse(now) - CLOSED_INCIDENT_MEMORY_HOURS * 3_600_000;
    const incidents = this.next.incidents;
    for (const [id, incident] of Object.entries(incidents)) {
      if (incident.closedAt && Date.parse(incident.closedAt) < horizon) {
        delete this.writable('incidents')[id];
      }
    }
  }

  private applyDeployment(event: Extract<StoredEvent, { type: 'deployment' }>): void {
    const key = `${event.agency}/${event.deploymentId}`;
    const current = this.next.deployments[key];
    if (current && !isAtOrAfter(event.occurredAt, current.updatedAt)) return;
    this.writable('deployments')[key] = {
      key,
      deploymentId: event.deploymentId,
      agency: event.agency,
      position: event.position,
      personnel: event.personnel,
      text: event.text,
      area: event.area,
      updatedAt: event.occurredAt,
    };
  }

  finish(): Picture {
    if (this.feedAdditions.length > 0) {
      const newestFirst = this.feedAdditions.slice(-FEED_SIZE).reverse();
      this.next.feed = [...newestFirst, ...this.next.feed].slice(0, FEED_SIZE);
    }
    return this.next;
  }
}

/**
 * Inserts a point in time order, one point per minute of event time (the latest count in that
 * minute wins), and drops points older than the history window. A busy post can send a count a
 * second, and late counts arrive out of order; binary search and the per-minute bucket keep each
 * insert to a few comparisons on at most 720 points instead of a scan of everything received.
 */
function insertPoint(history: QueuePoint[], point: QueuePoint): QueuePoint[] {
  const t = Date.parse(point.at);
  const minute = Math.floor(t / MINUTE_MS);
  const timeAt = (i: number) => Date.parse(history[i].at);
  const after = firstIndexWhere(history.length, (i) => timeAt(i) > t);
  if (after < history.length && Math.floor(timeAt(after) / MINUTE_MS) === minute) return history; // a later count holds this minute
  const replaces = after > 0 && Math.floor(timeAt(after - 1) / MINUTE_MS) === minute;
  const next = [...history.slice(0, replaces ? after - 1 : after), point, ...history.slice(after)];
  const horizon = Date.parse(next[next.length - 1].at) - QUEUE_HISTORY_HOURS * 3_600_000;
  const first = firstIndexWhere(next.length, (i) => Date.parse(next[i].at) >= horizon);
  return next.slice(Math.max(first, next.length - QUEUE_HISTORY_MAX_POINTS));
}

/** The first index in [0, length) for which a monotone predicate holds (length when none). */
function firstIndexWhere(length: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Marks the picture as reflecting the channel through `seq`, for runs of the channel that held
 * nothing this reader may see (another country's national events).
 */
export function advanceTo(picture: Picture, seq: number): Picture {
  return seq > picture.seq ? { ...picture, seq } : picture;
}
