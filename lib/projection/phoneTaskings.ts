/**
 * What an officer's phone shows of the workflow (issue 14, point 2): the taskings of the officer's
 * unit, each with a summary of its incident, and the unit's availability. Read from the same
 * picture as every screen (the reader's scope: a national-only incident of the other country is
 * not in it). GET /api/taskings answers with this; the phone overlays its own answers still
 * waiting in its outbox.
 *
 * A tasking the unit finished (done, declined, or its incident closed) stays listed, as finished,
 * for FINISHED_KEPT_MS, so the officer sees that the last answer arrived.
 */
import type { Agency } from '../contract/agencies.ts';
import type { PhoneTasking, PhoneTaskingsReply } from '../contract/http.ts';
import { unitKey, type Picture, type TaskedUnit, type TaskingState } from './picture.ts';

/** How long a finished tasking stays on the phone: long enough to see it went, short enough to stay out of the way. */
export const FINISHED_KEPT_MS = 30 * 60_000;

export function phoneTaskings(
  picture: Pick<Picture, 'seq' | 'taskings' | 'incidents' | 'unitStatus'>,
  unit: { agency: Agency; unitId: string } | null,
  now: number,
): Omit<PhoneTaskingsReply, 'channel'> {
  if (!unit) return { seq: picture.seq, unit: null, taskings: [] };
  const status = picture.unitStatus?.[unitKey(unit.agency, unit.unitId)];
  const taskings: PhoneTasking[] = [];
  for (const tasking of Object.values(picture.taskings ?? {})) {
    const mine = tasking.units.find((u) => u.agency === unit.agency && u.unitId === unit.unitId);
    const incident = picture.incidents[tasking.incidentId];
    if (!mine || !incident) continue;
    const finishedAt = finishedOf(mine, tasking, incident.closedAt);
    if (finishedAt && now - Date.parse(finishedAt) > FINISHED_KEPT_MS) continue;
    taskings.push({
      taskingId: tasking.taskingId,
      incidentId: tasking.incidentId,
      state: mine.state,
      assignedAt: mine.assignedAt,
      since: sinceOf(mine),
      ...(tasking.text ? { text: tasking.text } : {}),
      ...(finishedAt ? { finishedAt } : {}),
      incident: {
        kind: incident.kind,
        severity: incident.severity,
        status: incident.status,
        impact: incident.impact,
        text: incident.text,
        ...(incident.people !== undefined ? { people: incident.people } : {}),
        ...(incident.minors !== undefined ? { minors: incident.minors } : {}),
        position: incident.position,
        ...(incident.response ? { response: incident.response } : {}),
      },
    });
  }
  taskings.sort(
    (a, b) =>
      Number(Boolean(a.finishedAt)) - Number(Boolean(b.finishedAt)) ||
      Date.parse(b.assignedAt) - Date.parse(a.assignedAt) ||
      a.taskingId.localeCompare(b.taskingId),
  );
  return {
    seq: picture.seq,
    unit: {
      agency: unit.agency,
      unitId: unit.unitId,
      availability: status?.availability ?? 'available',
      ...(status ? { since: status.since } : {}),
    },
    taskings,
  };
}

function finishedOf(unit: TaskedUnit, tasking: TaskingState, incidentClosedAt: string | undefined): string | undefined {
  if (unit.state === 'done') return unit.doneAt ?? tasking.closedAt;
  if (unit.state === 'declined') return unit.declinedAt ?? tasking.closedAt;
  return tasking.closedAt ?? incidentClosedAt;
}

function sinceOf(unit: TaskedUnit): string {
  switch (unit.state) {
    case 'assigned':
      return unit.assignedAt;
    case 'accepted':
      return unit.acceptedAt ?? unit.assignedAt;
    case 'declined':
      return unit.declinedAt ?? unit.assignedAt;
    case 'on-scene':
      return unit.onSceneAt ?? unit.assignedAt;
    case 'done':
      return unit.doneAt ?? unit.assignedAt;
  }
}
