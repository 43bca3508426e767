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
import type {
  Actor,
  AlertKind,
  AlertSubject,
  CloseOutcome,
  Confidence,
  Impact,
  PostStatus,
  QueueWindows,
  TaskingAnswer,
  UnitAvailability,
  UnitRef,
} from '../contract/workflow.ts';
import { DEFAULT_WORKFLOW_TIMERS, WORKFLOW_EVENT_TYPES, type INCIDENT_STATUSES } from '../contract/vocabulary.ts';

/** Events kept in the feed, newest first. */
export const FEED_SIZE = 60;
/**
 * Routine updates that the picture already shows in place (a unit's marker, a post's queue card)
 * and that arrive many times a minute: kept out of the feed, so they never push a field report,
 * an incident or a bulletin off the wall.
 */
const ROUTINE_TYPES: ReadonlySet<StoredEvent['type']> = new Set([
  'unit.position',
  'queue.update',
  // Workflow steps show in each incident's history, the unit board and the alert band, not the feed.
  ...WORKFLOW_EVENT_TYPES,
]);
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
  /** Windows open and available per stream, from the latest update that carried them. */
  windows?: QueueWindows;
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
  // --- the workflow (issue 14) ---
  status: IncidentStatus;
  /** The agency that first reported it. */
  originator: Agency;
  /** The agency responsible; set at validation, changed by an accepted transfer. */
  owner?: Agency;
  impact: Impact;
  confidence?: Confidence;
  /** The response taken or planned, given at validation. */
  response?: string;
  /** Why it was returned, while it is returned. */
  returnedReason?: string;
  /** A transfer offered and not yet accepted. */
  pendingTransfer?: { to: Agency; at: string; by?: Actor };
  outcome?: CloseOutcome;
  duplicateOf?: string;
  /** Releasability of the incident (its steps share it). */
  releasability: 'binational' | 'national';
  /** Every step, oldest first, with who and when. */
  history: IncidentStep[];
}

export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentStep {
  eventId: string;
  type: StoredEvent['type'];
  at: string;
  agency: Agency;
  actor?: Actor;
  /** Reason, response or text of the step, when it has one (in the words its author typed). */
  note?: string;
  /** A tasking answer's answer (the unit is the step's `unit`). */
  answer?: TaskingAnswer;
  /** The unit that answered. */
  unit?: UnitRef;
  /** A closure's outcome. */
  outcome?: CloseOutcome;
  /** For follow-ups: the linked report's event id. */
  reportId?: string;
  taskingId?: string;
}

export interface TaskedUnit extends UnitRef {
  state: 'assigned' | 'accepted' | 'declined' | 'on-scene' | 'done';
  assignedAt: string;
  acceptedAt?: string;
  declinedAt?: string;
  declineReason?: string;
  onSceneAt?: string;
  doneAt?: string;
  lastAnswer?: TaskingAnswer;
}

export interface TaskingState {
  taskingId: string;
  incidentId: string;
  agency: Agency;
  assignedAt: string;
  by: Actor;
  text?: string;
  units: TaskedUnit[];
  /** Closed when every unit is done or declined, or the incident closed. */
  closedAt?: string;
}

export interface UnitAvailabilityState {
  key: string;
  unitId: string;
  agency: Agency;
  availability: UnitAvailability;
  since: string;
  taskingId?: string;
  incidentId?: string;
}

export interface PostStatusState {
  post: PostId;
  agency: Agency;
  status: PostStatus;
  notice?: string;
  since: string;
  by?: Actor;
}

export interface ConfiguredQueueLevel {
  post: PostId;
  direction: QueueDirection;
  waiting?: number;
  waitMinutes?: number;
  setAt: string;
}

export interface WorkflowTimers {
  acceptTimeoutMinutes: number;
  onSceneMaxMinutes: number;
}

export interface AlertState {
  alertId: string;
  kind: AlertKind;
  subject: AlertSubject;
  agency: Agency;
  releasability: 'binational' | 'national';
  raisedAt: string;
  sound?: boolean;
  text?: string;
  acknowledged?: { by: Actor; at: string };
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
  /** Latest events other than routine position fixes, queue counts and workflow steps, newest first. */
  feed: StoredEvent[];
  // --- the workflow (issue 14) ---
  taskings: Record<string, TaskingState>;
  /** Availability per unit key (agency/unitId), with the time it has been so. */
  unitStatus: Record<string, UnitAvailabilityState>;
  posts: Partial<Record<PostId, PostStatusState>>;
  /** Admin-configured alert levels per queue key (post/direction). */
  queueLevels: Record<string, ConfiguredQueueLevel>;
  timers: WorkflowTimers;
  alerts: Record<string, AlertState>;
  /**
   * Steps people took (POST /api/actions), by `agency/id` → the seq that stored each, newest
   * last and at most ACTION_IDS_KEPT: a retry of an action whose reply was lost is recognised
   * on whichever node it reaches, from the log itself, before the rules would refuse the repeat.
   */
  actionIds: Record<string, number>;
}

/** Action ids remembered per channel: hours of a busy desk's steps. */
export const ACTION_IDS_KEPT = 5_000;

/** The key of an action in `Picture.actionIds`. */
export function actionKey(agency: Agency, id: string): string {
  return `${agency}/${id}`;
}

export function emptyPicture(): Picture {
  return {
    seq: 0,
    units: {},
    queues: {},
    incidents: {},
    deployments: {},
    feed: [],
    taskings: {},
    unitStatus: {},
    posts: {},
    queueLevels: {},
    timers: { ...DEFAULT_WORKFLOW_TIMERS },
    alerts: {},
    actionIds: {},
  };
}

/** Impact of an incident before validation rates it: read from its severity. */
export function impactOfSeverity(severity: Severity): Impact {
  return severity === 'critical' ? 'very-high' : severity;
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

type Collection =
  'units' | 'queues' | 'incidents' | 'deployments' | 'taskings' | 'unitStatus' | 'posts' | 'queueLevels' | 'alerts' | 'actionIds';

/** Copy-on-first-write over the picture's collections, so a batch copies each at most once. */
class Draft {
  private readonly copied = new Set<string>();
  private readonly next: Picture;
  private readonly feedAdditions: StoredEvent[] = [];

  constructor(base: Picture) {
    this.next = { ...base };
  }

  private writable<K extends Collection>(name: K): Picture[K] {
    if (!this.copied.has(name)) {
      this.next[name] = { ...(this.next[name] ?? {}) } as Picture[K];
      this.copied.add(name);
    }
    return this.next[name];
  }

  apply(event: StoredEvent): void {
    this.next.seq = event.seq;
    if (!ROUTINE_TYPES.has(event.type)) this.feedAdditions.push(event);
    if ('actor' in event && event.actor && event.actor.role !== 'system')
      this.writable('actionIds')[actionKey(event.agency, event.id)] = event.seq;
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
      case 'incident.validated':
      case 'incident.returned':
      case 'incident.transfer':
      case 'incident.transfer.accepted':
      case 'incident.followup':
        this.applyIncidentStep(event);
        break;
      case 'tasking.assigned':
        this.applyTaskingAssigned(event);
        break;
      case 'tasking.answer':
        this.applyTaskingAnswer(event);
        break;
      case 'unit.availability':
        this.setAvailability({ agency: event.agency, unitId: event.unitId }, event.availability, event.occurredAt);
        break;
      case 'post.status':
        this.writable('posts')[event.post] = {
          post: event.post,
          agency: event.agency,
          status: event.status,
          notice: event.notice,
          since: event.occurredAt,
          by: event.actor,
        };
        break;
      case 'queue.levels':
        for (const level of event.levels) {
          this.writable('queueLevels')[queueKey(level.post, level.direction)] = { ...level, setAt: event.occurredAt };
        }
        break;
      case 'workflow.timers':
        this.next.timers = {
          ...(this.next.timers ?? DEFAULT_WORKFLOW_TIMERS),
          ...(event.acceptTimeoutMinutes !== undefined ? { acceptTimeoutMinutes: event.acceptTimeoutMinutes } : {}),
          ...(event.onSceneMaxMinutes !== undefined ? { onSceneMaxMinutes: event.onSceneMaxMinutes } : {}),
        };
        break;
      case 'alert.raised':
        if (this.next.alerts?.[event.alertId]) break; // raised once, however many nodes raise it
        this.writable('alerts')[event.alertId] = {
          alertId: event.alertId,
          kind: event.kind,
          subject: event.subject,
          agency: event.agency,
          releasability: event.releasability,
          raisedAt: event.occurredAt,
          sound: event.sound,
          text: event.text,
        };
        break;
      case 'alert.acknowledged': {
        const alert = this.next.alerts?.[event.alertId];
        if (!alert || alert.acknowledged) break;
        this.writable('alerts')[event.alertId] = { ...alert, acknowledged: { by: event.actor, at: event.occurredAt } };
        break;
      }
    }
  }

  private step(event: StoredEvent, extra: Partial<IncidentStep> = {}): IncidentStep {
    const step: IncidentStep = {
      eventId: event.id,
      type: event.type,
      at: event.occurredAt,
      agency: event.agency,
      ...extra,
    };
    if ('actor' in event && event.actor) step.actor = event.actor;
    return step;
  }

  private updateIncident(incidentId: string, change: (incident: IncidentState) => Partial<IncidentState>, step: IncidentStep): void {
    const current = this.next.incidents[incidentId];
    if (!current || current.closedAt) return;
    this.writable('incidents')[incidentId] = { ...current, ...change(current), history: [...current.history, step] };
  }

  private applyIncidentStep(
    event: Extract<
      StoredEvent,
      { type: 'incident.validated' | 'incident.returned' | 'incident.transfer' | 'incident.transfer.accepted' | 'incident.followup' }
    >,
  ): void {
    switch (event.type) {
      case 'incident.validated':
        this.updateIncident(
          event.incidentId,
          () => ({
            status: 'validated',
            owner: event.owner,
            impact: event.impact,
            confidence: event.confidence,
            response: event.response,
            returnedReason: undefined,
          }),
          this.step(event, { note: event.response }),
        );
        break;
      case 'incident.returned':
        this.updateIncident(
          event.incidentId,
          () => ({ status: 'returned', returnedReason: event.reason }),
          this.step(event, { note: event.reason }),
        );
        break;
      case 'incident.transfer':
        this.updateIncident(
          event.incidentId,
          () => ({ pendingTransfer: { to: event.to, at: event.occurredAt, by: event.actor } }),
          this.step(event, { note: event.text ?? event.to }),
        );
        break;
      case 'incident.transfer.accepted':
        this.updateIncident(
          event.incidentId,
          (i) => (i.pendingTransfer ? { owner: i.pendingTransfer.to, pendingTransfer: undefined } : {}),
          this.step(event),
        );
        break;
      case 'incident.followup':
        this.updateIncident(
          event.incidentId,
          (i) => ({
            people: event.people ?? i.people,
            minors: event.minors ?? i.minors,
            updatedAt: isAtOrAfter(event.occurredAt, i.updatedAt) ? event.occurredAt : i.updatedAt,
          }),
          this.step(event, { note: event.text, reportId: event.reportId }),
        );
        break;
    }
  }

  private setAvailability(
    unit: UnitRef,
    availability: UnitAvailability,
    at: string,
    tasking?: { taskingId: string; incidentId: string },
  ): void {
    const key = unitKey(unit.agency, unit.unitId);
    this.writable('unitStatus')[key] = { key, unitId: unit.unitId, agency: unit.agency, availability, since: at, ...tasking };
  }

  private applyTaskingAssigned(event: Extract<StoredEvent, { type: 'tasking.assigned' }>): void {
    if (this.next.taskings?.[event.taskingId]) return;
    const incident = this.next.incidents[event.incidentId];
    if (!incident || incident.closedAt) return;
    this.writable('taskings')[event.taskingId] = {
      taskingId: event.taskingId,
      incidentId: event.incidentId,
      agency: event.agency,
      assignedAt: event.occurredAt,
      by: event.actor,
      text: event.text,
      units: event.units.map((u) => ({ agency: u.agency, unitId: u.unitId, state: 'assigned', assignedAt: event.occurredAt })),
    };
    for (const unit of event.units) {
      this.setAvailability(unit, 'assigned', event.occurredAt, { taskingId: event.taskingId, incidentId: event.incidentId });
    }
    this.updateIncident(
      event.incidentId,
      (i) => (i.status === 'on-scene' ? {} : { status: 'assigned' }),
      this.step(event, { taskingId: event.taskingId, note: event.units.map((u) => u.unitId).join(', ') }),
    );
  }

  private applyTaskingAnswer(event: Extract<StoredEvent, { type: 'tasking.answer' }>): void {
    const tasking = this.next.taskings?.[event.taskingId];
    if (!tasking || tasking.closedAt) return;
    const index = tasking.units.findIndex((u) => u.agency === event.unit.agency && u.unitId === event.unit.unitId);
    if (index < 0) return;
    const at = event.occurredAt;
    const before = tasking.units[index];
    const after: TaskedUnit = { ...before, lastAnswer: event.answer };
    const link = { taskingId: tasking.taskingId, incidentId: tasking.incidentId };
    switch (event.answer) {
      case 'accept':
        Object.assign(after, { state: 'accepted', acceptedAt: at });
        this.setAvailability(event.unit, 'en-route', at, link);
        break;
      case 'decline':
        Object.assign(after, { state: 'declined', declinedAt: at, declineReason: event.reason });
        this.setAvailability(event.unit, 'available', at);
        break;
      case 'on-scene':
        Object.assign(after, { state: 'on-scene', onSceneAt: at });
        this.setAvailability(event.unit, 'on-scene', at, link);
        break;
      case 'done':
        Object.assign(after, { state: 'done', doneAt: at });
        this.setAvailability(event.unit, 'available', at);
        break;
    }
    const units = tasking.units.map((u, i) => (i === index ? after : u));
    const finished = units.every((u) => u.state === 'done' || u.state === 'declined');
    this.writable('taskings')[tasking.taskingId] = { ...tasking, units, ...(finished ? { closedAt: at } : {}) };
    this.updateIncident(
      tasking.incidentId,
      () => (event.answer === 'on-scene' ? { status: 'on-scene' } : {}),
      this.step(event, { taskingId: tasking.taskingId, answer: event.answer, unit: event.unit, note: event.reason }),
    );
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
          windows: event.windows ?? current?.windows,
        }
      : { ...current, history };
    this.writable('queues')[key] = latest;
  }

  private applyIncident(event: Extract<StoredEvent, { type: 'incident' }>): void {
    const current = this.next.incidents[event.incidentId];
    if (current && !isAtOrAfter(event.occurredAt, current.updatedAt)) return;
    if (current?.closedAt && !isAtOrAfter(event.occurredAt, current.closedAt)) return;
    const open = current && !current.closedAt ? current : undefined;
    const step = this.step(event, { note: open ? undefined : event.text });
    this.writable('incidents')[event.incidentId] = {
      status: open?.status ?? 'reported',
      originator: open?.originator ?? event.agency,
      owner: open?.owner,
      impact: event.impact ?? open?.impact ?? impactOfSeverity(event.severity),
      confidence: event.confidence ?? open?.confidence,
      response: open?.response,
      returnedReason: open?.returnedReason,
      pendingTransfer: open?.pendingTransfer,
      releasability: open?.releasability ?? event.releasability,
      history: [...(open?.history ?? []), step],
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
      status: 'closed',
      outcome: event.outcome,
      duplicateOf: event.duplicateOf,
      pendingTransfer: undefined,
      history: [...current.history, this.step(event, { note: event.text, outcome: event.outcome })],
    };
    // Its taskings end with it, and the units still on them are free again.
    for (const tasking of Object.values(this.next.taskings ?? {})) {
      if (tasking.incidentId !== event.incidentId || tasking.closedAt) continue;
      this.writable('taskings')[tasking.taskingId] = { ...tasking, closedAt: event.occurredAt };
      for (const unit of tasking.units) {
        const status = this.next.unitStatus?.[unitKey(unit.agency, unit.unitId)];
        if (status?.taskingId === tasking.taskingId) this.setAvailability(unit, 'available', event.occurredAt);
      }
    }
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
    if (this.copied.has('actionIds')) {
      const keys = Object.keys(this.next.actionIds);
      for (const key of keys.slice(0, Math.max(0, keys.length - ACTION_IDS_KEPT))) delete this.next.actionIds[key];
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
