/**
 * Which alerts a picture calls for now (issue 14, point 4), each with a DETERMINISTIC id, so every
 * node that evaluates the same log raises the same alert and the store keeps it once. Pure: the
 * server's raiser (server/workflow/alertRaiser.ts) turns these into `alert.raised` events.
 */
import type { Agency } from '../contract/agencies.ts';
import type { AlertKind, AlertSubject } from '../contract/workflow.ts';
import type { Picture } from './picture.ts';
import { isAtQueueLevel, queueAlertLevel } from './queueLevels.ts';
import { DEFAULT_UNIT_FADE_MINUTES, isUnitFaded } from './selectors.ts';
import { overdueTaskings } from './workflowSelectors.ts';

export interface AlertCandidate {
  alertId: string;
  kind: AlertKind;
  subject: AlertSubject;
  /** The subject's agency: a national alert reaches that agency's country only. */
  agency: Agency;
  releasability: 'binational' | 'national';
  sound: boolean;
}

const SEVERE = new Set(['high', 'critical']);
const TASKED = new Set(['assigned', 'en-route', 'on-scene']);

export function alertsDue(picture: Picture, now: number, fadeMinutes = DEFAULT_UNIT_FADE_MINUTES): AlertCandidate[] {
  const due: AlertCandidate[] = [];
  for (const queue of Object.values(picture.queues)) {
    const level = queueAlertLevel(picture, queue.post, queue.direction);
    if (!isAtQueueLevel(level, queue)) continue;
    // The crossing is named by the first point of the current run at or above the level.
    let crossing = queue.updatedAt;
    for (let i = queue.history.length - 1; i >= 0; i--) {
      if (
        !isAtQueueLevel(level, {
          waiting: queue.history[i].waiting,
          waitMinutes: level?.waiting === undefined ? queue.waitMinutes : undefined,
        })
      )
        break;
      crossing = queue.history[i].at;
    }
    due.push({
      alertId: `alert:queue:${queue.post}:${queue.direction}:${Date.parse(crossing)}`,
      kind: 'queue-level',
      subject: { post: queue.post, direction: queue.direction },
      agency: queue.agency,
      releasability: 'binational',
      sound: true,
    });
  }
  for (const incident of Object.values(picture.incidents)) {
    if (incident.closedAt || !SEVERE.has(incident.severity)) continue;
    due.push({
      alertId: `alert:incident:${incident.incidentId}:${Date.parse(incident.openedAt)}`,
      kind: 'incident-severity',
      subject: { incidentId: incident.incidentId },
      agency: incident.agency,
      releasability: incident.releasability,
      sound: true,
    });
  }
  for (const { tasking, unit, reason } of overdueTaskings(picture, now)) {
    const incident = picture.incidents[tasking.incidentId];
    due.push({
      alertId: `alert:tasking:${tasking.taskingId}:${unit.agency}:${unit.unitId}:${reason}`,
      kind: 'tasking-overdue',
      subject: { taskingId: tasking.taskingId, incidentId: tasking.incidentId, unit: { agency: unit.agency, unitId: unit.unitId } },
      agency: tasking.agency,
      releasability: incident?.releasability ?? 'binational',
      sound: true,
    });
  }
  for (const status of Object.values(picture.unitStatus)) {
    if (!TASKED.has(status.availability)) continue;
    const unit = picture.units[status.key];
    if (!unit || !isUnitFaded(unit, now, fadeMinutes)) continue;
    const incident = status.incidentId ? picture.incidents[status.incidentId] : undefined;
    due.push({
      alertId: `alert:silent:${unit.agency}:${unit.unitId}:${Date.parse(unit.lastSeenAt)}`,
      kind: 'unit-silent',
      subject: { unit: { agency: unit.agency, unitId: unit.unitId }, taskingId: status.taskingId, incidentId: status.incidentId },
      agency: unit.agency,
      releasability: incident?.releasability ?? 'binational',
      sound: false,
    });
  }
  return due.filter((c) => !picture.alerts[c.alertId]);
}
