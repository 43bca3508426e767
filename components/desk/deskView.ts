/**
 * What the desk shows, read from the channel's picture: incidents with their place in the
 * workflow, the unit board and the open alerts, plus the filters over the incident list. Pure,
 * tested without React.
 *
 * The workflow's own state (status, owner, taskings, alerts) comes from the workflow projection
 * (lib/projection, branch `workflow`); until that lands, an incident is `reported` until closed,
 * units have no tasking and there are no alerts. See NEEDS-FROM-WORKFLOW.md.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import type { IncidentKind, Severity } from '@/lib/contract/events.ts';
import { BORDER_POSTS, BORDER_POST_IDS, type BorderPostId } from '@/lib/geo/borderPosts.ts';
import type { IncidentState, Picture, UnitState } from '@/lib/projection/picture.ts';
import { SEVERITIES } from '@/lib/contract/vocabulary.ts';
import { openAlerts } from '@/lib/projection/workflowSelectors.ts';

export const INCIDENT_STATUSES = ['reported', 'validated', 'returned', 'assigned', 'on-scene', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const OPEN_STATUSES: readonly IncidentStatus[] = ['reported', 'validated', 'returned', 'assigned', 'on-scene'];

export const DESK_UNIT_STATUSES = ['available', 'assigned', 'en-route', 'on-scene', 'out-of-service'] as const;
export type DeskUnitStatus = (typeof DESK_UNIT_STATUSES)[number];

export const IMPACTS = ['low', 'medium', 'high', 'very-high'] as const;
export type Impact = (typeof IMPACTS)[number];
export const CONFIDENCES = ['confirmed', 'probable', 'possible', 'doubtful'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const OUTCOMES = ['resolved', 'unfounded', 'transferred', 'duplicate'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** "Near a post": within this of the complex (km); further out an incident belongs to no post. */
export const POST_RADIUS_KM = 5;

export interface HistoryEntry {
  at: string;
  /** What happened, as a status reached or a step taken. */
  step: IncidentStatus | 'reported' | 'follow-up';
  agency?: Agency;
  text?: string;
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
  /** Units tasked to it ("agency/unitId"). */
  units: string[];
  history: HistoryEntry[];
}

export interface DeskUnit {
  key: string;
  unitId: string;
  agency: Agency;
  callsign?: string;
  status: DeskUnitStatus;
  /** When it reached that status (ISO). */
  since: string;
  incidentId?: string;
}

export interface DeskAlert {
  alertId: string;
  /** queue-level, incident-severe, tasking-overdue, unit-silent */
  kind: string;
  raisedAt: string;
  text: string;
}

export interface DeskView {
  incidents: DeskIncident[];
  units: DeskUnit[];
  alerts: DeskAlert[];
}

export function deskView(picture: Picture): DeskView {
  const incidents = Object.values(picture.incidents).map(toDeskIncident);
  incidents.sort(byUrgency);
  const units = Object.values(picture.units).map(toDeskUnit);
  units.sort((a, b) => a.agency.localeCompare(b.agency) || a.unitId.localeCompare(b.unitId));
  const alerts = openAlerts(picture).map((a) => ({ alertId: a.alertId, kind: a.kind, raisedAt: a.raisedAt, text: a.text ?? '' }));
  return { incidents, units, alerts };
}

function toDeskIncident(incident: IncidentState): DeskIncident {
  const history: HistoryEntry[] = [{ at: incident.openedAt, step: 'reported', agency: incident.agency, text: incident.text }];
  if (incident.closedAt) history.push({ at: incident.closedAt, step: 'closed' });
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
    units: [],
    history,
  };
}

function toDeskUnit(unit: UnitState): DeskUnit {
  return {
    key: unit.key,
    unitId: unit.unitId,
    agency: unit.agency,
    callsign: unit.callsign,
    status: unit.status === 'off-duty' ? 'out-of-service' : 'available',
    since: unit.lastSeenAt,
  };
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
