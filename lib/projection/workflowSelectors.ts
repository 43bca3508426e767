/**
 * Read-only views of the workflow part of a Picture (issue 14): open alerts, taskings of an
 * incident, overdue taskings, units on scene too long, time in status. `now` is passed in.
 */
import { DEFAULT_WORKFLOW_TIMERS } from '../contract/vocabulary.ts';
import {
  unitKey,
  type AlertState,
  type IncidentState,
  type Picture,
  type TaskedUnit,
  type TaskingState,
  type UnitAvailabilityState,
  type WorkflowTimers,
} from './picture.ts';

const MINUTE_MS = 60_000;

export function workflowTimers(picture: Pick<Picture, 'timers'>): WorkflowTimers {
  return picture.timers ?? { ...DEFAULT_WORKFLOW_TIMERS };
}

/** Alerts not yet acknowledged, newest first. */
export function openAlerts(picture: Pick<Picture, 'alerts'>): AlertState[] {
  return Object.values(picture.alerts ?? {})
    .filter((a) => !a.acknowledged)
    .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || a.alertId.localeCompare(b.alertId));
}

/** What an alert is about, for a screen to name it: the queue, the incident's kind, the unit's callsign. */
export interface AlertAbout {
  post?: AlertState['subject']['post'];
  direction?: AlertState['subject']['direction'];
  incidentKind?: IncidentState['kind'];
  /** The unit's callsign, else its id. */
  unit?: string;
}

/** The raiser sends no text: a wall and a desk name an alert's subject from the picture. */
export function alertAbout(picture: Pick<Picture, 'incidents' | 'units'>, alert: Pick<AlertState, 'subject'>): AlertAbout {
  const { post, direction, unit, incidentId } = alert.subject;
  const incident = incidentId ? picture.incidents[incidentId] : undefined;
  return {
    ...(post ? { post } : {}),
    ...(direction ? { direction } : {}),
    ...(incident ? { incidentKind: incident.kind } : {}),
    ...(unit ? { unit: picture.units[unitKey(unit.agency, unit.unitId)]?.callsign ?? unit.unitId } : {}),
  };
}

/** Alerts acknowledged, newest acknowledgement first. */
export function acknowledgedAlerts(picture: Pick<Picture, 'alerts'>): AlertState[] {
  return Object.values(picture.alerts ?? {})
    .filter((a) => a.acknowledged)
    .sort((a, b) => Date.parse(b.acknowledged!.at) - Date.parse(a.acknowledged!.at));
}

export function taskingsOf(picture: Pick<Picture, 'taskings'>, incidentId: string): TaskingState[] {
  return Object.values(picture.taskings ?? {})
    .filter((t) => t.incidentId === incidentId)
    .sort((a, b) => Date.parse(a.assignedAt) - Date.parse(b.assignedAt));
}

/** The open taskings of one unit (what its officer's phone shows). */
export function taskingsForUnit(picture: Pick<Picture, 'taskings'>, agency: TaskedUnit['agency'], unitId: string): TaskingState[] {
  return Object.values(picture.taskings ?? {}).filter(
    (t) => !t.closedAt && t.units.some((u) => u.agency === agency && u.unitId === unitId && u.state !== 'declined' && u.state !== 'done'),
  );
}

export function unitAvailability(
  picture: Pick<Picture, 'unitStatus'>,
  agency: TaskedUnit['agency'],
  unitId: string,
): UnitAvailabilityState | undefined {
  return picture.unitStatus?.[unitKey(agency, unitId)];
}

/** Milliseconds a unit has been in its availability status. */
export function timeInStatusMs(status: UnitAvailabilityState, now: number): number {
  return Math.max(0, now - Date.parse(status.since));
}

export interface OverdueUnit {
  tasking: TaskingState;
  unit: TaskedUnit;
  reason: 'not-accepted' | 'on-scene-too-long';
  /** When it became overdue. */
  since: string;
}

/** Tasked units not accepted within the accept timeout, or on scene past the maximum. */
export function overdueTaskings(picture: Pick<Picture, 'taskings' | 'timers'>, now: number): OverdueUnit[] {
  const timers = workflowTimers(picture);
  const overdue: OverdueUnit[] = [];
  for (const tasking of Object.values(picture.taskings ?? {})) {
    if (tasking.closedAt) continue;
    for (const unit of tasking.units) {
      if (unit.state === 'assigned') {
        const due = Date.parse(unit.assignedAt) + timers.acceptTimeoutMinutes * MINUTE_MS;
        if (now >= due) overdue.push({ tasking, unit, reason: 'not-accepted', since: new Date(due).toISOString() });
      } else if (unit.state === 'on-scene' && unit.onSceneAt) {
        const due = Date.parse(unit.onSceneAt) + timers.onSceneMaxMinutes * MINUTE_MS;
        if (now >= due) overdue.push({ tasking, unit, reason: 'on-scene-too-long', since: new Date(due).toISOString() });
      }
    }
  }
  return overdue;
}

/** The agency that may move an incident forward: its owner once validated, its originator before. */
export function responsibleAgency(incident: IncidentState): IncidentState['agency'] {
  return incident.owner ?? incident.originator ?? incident.agency;
}
