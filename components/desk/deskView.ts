/**
 * What the desk shows, read from the channel's picture: incidents with their place in the
 * workflow and their history (the projection's incident steps), the unit board (each unit's
 * availability and time in it from the workflow's taskings, overdue units marked) and the open
 * alerts, plus the filters over the incident list. Pure, tested without React.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import type { IncidentKind, Severity } from '@/lib/contract/events.ts';
import { BORDER_POSTS, BORDER_POST_IDS, type BorderPostId } from '@/lib/geo/borderPosts.ts';
import type { IncidentState, IncidentStatus, IncidentStep, Picture } from '@/lib/projection/picture.ts';
import {
  CLOSE_OUTCOMES,
  CREDIBILITIES,
  IMPACTS as CONTRACT_IMPACTS,
  INCIDENT_STATUSES as CONTRACT_INCIDENT_STATUSES,
  SEVERITIES,
  UNIT_AVAILABILITIES,
} from '@/lib/contract/vocabulary.ts';
import type { CloseOutcome, Impact as ContractImpact, UnitAvailability } from '@/lib/contract/workflow.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { alertAbout, openAlerts, overdueTaskings, taskingsOf, type AlertAbout } from '@/lib/projection/workflowSelectors.ts';
import { isUnitFaded } from '@/lib/projection/selectors.ts';

export const INCIDENT_STATUSES = CONTRACT_INCIDENT_STATUSES;
export type { IncidentStatus };
export const OPEN_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter((s) => s !== 'closed');

export const DESK_UNIT_STATUSES = UNIT_AVAILABILITIES;
export type DeskUnitStatus = UnitAvailability;

export const IMPACTS = CONTRACT_IMPACTS;
export type Impact = ContractImpact;
/** The credibilities a coordinator picks from at validation (the Admiralty scale's upper four). */
export const CONFIDENCES = ['confirmed', 'probable', 'possible', 'doubtful'] as const satisfies readonly (typeof CREDIBILITIES)[number][];
export type Confidence = (typeof CONFIDENCES)[number];
export const OUTCOMES = CLOSE_OUTCOMES;
export type Outcome = CloseOutcome;

/** "Near a post": within this of the complex (km); further out an incident belongs to no post. */
export const POST_RADIUS_KM = 5;

/** One step of an incident's history, as the projection recorded it (who, when, what). */
export type HistoryEntry = IncidentStep;

const STEP_LABEL: Partial<Record<IncidentStep['type'], MessageKey>> = {
  incident: 'desk.step.updated',
  'incident.validated': 'desk.step.validated',
  'incident.returned': 'desk.step.returned',
  'incident.transfer': 'desk.step.transfer',
  'incident.transfer.accepted': 'desk.step.transfer.accepted',
  'incident.followup': 'desk.step.follow-up',
  'incident.closed': 'desk.step.closed',
  'tasking.assigned': 'desk.step.assigned',
};
const ANSWER_LABEL: Record<NonNullable<IncidentStep['answer']>, MessageKey> = {
  accept: 'desk.step.answer.accept',
  decline: 'desk.step.answer.decline',
  'on-scene': 'desk.step.answer.on-scene',
  done: 'desk.step.answer.done',
};

/** What a history line calls its step: the first report, an update, a workflow step or a unit's answer. */
export function stepLabel(step: HistoryEntry, index: number): MessageKey {
  if (step.type === 'incident' && index === 0) return 'desk.step.reported';
  if (step.answer) return ANSWER_LABEL[step.answer];
  return STEP_LABEL[step.type] ?? 'desk.step.updated';
}

export interface DeskIncident {
  incidentId: string;
  agency: Agency;
  owner?: Agency;
  kind: IncidentKind;
  severity: Severity;
  impact?: Impact;
  status: IncidentStatus;
  text: string;
  people?: number;
  minors?: number;
  openedAt: string;
  updatedAt: string;
  post: BorderPostId | null;
  /** Units on it now (tasked and neither declined nor done), by callsign where known. */
  units: string[];
  history: HistoryEntry[];
}

/** Why a unit is marked overdue on the board. */
export type UnitOverdue = 'not-accepted' | 'on-scene-too-long' | 'silent';

export interface DeskUnit {
  key: string;
  unitId: string;
  agency: Agency;
  callsign?: string;
  status: DeskUnitStatus;
  /** When it reached that status (ISO), once the workflow has given it one; unknown before. */
  since?: string;
  incidentId?: string;
  overdue?: UnitOverdue;
}

export interface DeskAlert {
  alertId: string;
  /** queue-level, incident-severe, tasking-overdue, unit-silent */
  kind: string;
  raisedAt: string;
  text: string;
  /** What it is about, in the desk's terms: the queue, the unit (by callsign), the incident (by kind). */
  about: AlertAbout;
}

export interface DeskView {
  incidents: DeskIncident[];
  units: DeskUnit[];
  alerts: DeskAlert[];
}

/** `now` (the channel's time: real, or the exercise clock) decides which units are overdue or silent. */
export function deskView(picture: Picture, now: number, fadeMinutes?: number): DeskView {
  const units = deskUnits(picture, now, fadeMinutes);
  const callsigns = new Map(units.map((u) => [u.key, u.callsign ?? u.unitId]));
  const incidents = Object.values(picture.incidents).map((incident) => toDeskIncident(picture, incident, callsigns));
  incidents.sort(byUrgency);
  const alerts = openAlerts(picture).map((a): DeskAlert => ({
    alertId: a.alertId,
    kind: a.kind,
    raisedAt: a.raisedAt,
    text: a.text ?? '',
    about: alertAbout(picture, a),
  }));
  return { incidents, units, alerts };
}

function toDeskIncident(picture: Picture, incident: IncidentState, callsigns: ReadonlyMap<string, string>): DeskIncident {
  const onIt = taskingsOf(picture, incident.incidentId)
    .filter((tasking) => !tasking.closedAt)
    .flatMap((tasking) => tasking.units.filter((u) => u.state !== 'declined' && u.state !== 'done'))
    .map((u) => callsigns.get(`${u.agency}/${u.unitId}`) ?? u.unitId);
  return {
    incidentId: incident.incidentId,
    agency: incident.agency,
    kind: incident.kind,
    severity: incident.severity,
    status: incident.status,
    owner: incident.owner,
    impact: incident.impact,
    text: incident.text,
    people: incident.people,
    minors: incident.minors,
    openedAt: incident.openedAt,
    updatedAt: incident.updatedAt,
    post: nearestPost(incident.position.lat, incident.position.lon),
    units: [...new Set(onIt)],
    history: incident.history,
  };
}

/**
 * Every unit on the map or in the workflow: its availability from the workflow (a unit the
 * workflow never touched is available, or out of service when its patrol status says off-duty),
 * and marked when its tasking is overdue or it went silent while tasked.
 */
export function deskUnits(picture: Picture, now: number, fadeMinutes?: number): DeskUnit[] {
  const overdue = new Map<string, UnitOverdue>();
  for (const { unit, reason } of overdueTaskings(picture, now)) overdue.set(`${unit.agency}/${unit.unitId}`, reason);
  const keys = new Set([...Object.keys(picture.units), ...Object.keys(picture.unitStatus ?? {})]);
  const units: DeskUnit[] = [];
  for (const key of keys) {
    const seen = picture.units[key];
    const workflow = picture.unitStatus?.[key];
    const agency = (seen ?? workflow)!.agency;
    const unitId = (seen ?? workflow)!.unitId;
    const status: DeskUnitStatus = workflow?.availability ?? (seen?.status === 'off-duty' ? 'out-of-service' : 'available');
    const tasked = status === 'assigned' || status === 'en-route' || status === 'on-scene';
    const silent = tasked && seen !== undefined && isUnitFaded(seen, now, fadeMinutes);
    const mark = overdue.get(key) ?? (silent ? 'silent' : undefined);
    units.push({
      key,
      unitId,
      agency,
      callsign: seen?.callsign,
      status,
      ...(workflow ? { since: workflow.since } : {}),
      ...(workflow?.incidentId && tasked ? { incidentId: workflow.incidentId } : {}),
      ...(mark ? { overdue: mark } : {}),
    });
  }
  // What needs a coordinator first (overdue or silent), then by agency and callsign in natural order (Z 2 before Z 10).
  units.sort(
    (a, b) =>
      Number(b.overdue !== undefined) - Number(a.overdue !== undefined) ||
      a.agency.localeCompare(b.agency) ||
      (a.callsign ?? a.unitId).localeCompare(b.callsign ?? b.unitId, 'es', { numeric: true }) ||
      a.unitId.localeCompare(b.unitId, 'es', { numeric: true }),
  );
  return units;
}

/** Open before closed, then most severe, then the newest. */
function byUrgency(a: DeskIncident, b: DeskIncident): number {
  const closed = (i: DeskIncident) => (i.status === 'closed' ? 1 : 0);
  const rank = (i: DeskIncident) => SEVERITIES.indexOf(i.severity);
  return closed(a) - closed(b) || rank(b) - rank(a) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}

/** The border post an incident is at, if it is within POST_RADIUS_KM of one. */
export function nearestPost(lat: number, lon: number): BorderPostId | null {
  let best: { id: BorderPostId; km: number } | null = null;
  for (const id of BORDER_POST_IDS) {
    const km = distanceKm(lat, lon, BORDER_POSTS[id].lat, BORDER_POSTS[id].lon);
    if (km <= POST_RADIUS_KM && (!best || km < best.km)) best = { id, km };
  }
  return best?.id ?? null;
}

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** '' means any. Status 'open' means any open status. */
export interface IncidentFilter {
  agency: Agency | '';
  post: BorderPostId | 'none' | '';
  status: IncidentStatus | 'open' | '';
  severity: Severity | '';
}

export const DEFAULT_FILTER: IncidentFilter = { agency: '', post: '', status: 'open', severity: '' };

export function filterIncidents(incidents: readonly DeskIncident[], filter: IncidentFilter): DeskIncident[] {
  return incidents.filter(
    (i) =>
      (filter.agency === '' || i.agency === filter.agency || i.owner === filter.agency) &&
      (filter.post === '' || (filter.post === 'none' ? i.post === null : i.post === filter.post)) &&
      (filter.status === '' || (filter.status === 'open' ? OPEN_STATUSES.includes(i.status) : i.status === filter.status)) &&
      (filter.severity === '' || i.severity === filter.severity),
  );
}

/** What a coordinator may do next with an incident in this status. */
export type DeskAction = 'validate' | 'return' | 'assign' | 'transfer' | 'close';

export function actionsFor(status: IncidentStatus): DeskAction[] {
  switch (status) {
    case 'reported':
      return ['validate', 'return', 'close'];
    case 'returned':
      return ['validate', 'close'];
    case 'validated':
    case 'assigned':
    case 'on-scene':
      return ['assign', 'transfer', 'close'];
    case 'closed':
      return [];
  }
}
