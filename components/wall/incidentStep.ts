/**
 * Where an incident stands in the workflow, as the wall labels it: the projection's status, and
 * within it what the tasked unit last answered. From across the room "Asignado" alone would not
 * show that the unit accepted and is on its way, or that it finished and the incident waits to be
 * closed; every step a coordinator or officer takes shows on the wall.
 */
import type { MessageKey } from '@/lib/i18n/messages.ts';
import type { IncidentState } from '@/lib/projection/picture.ts';

export type WallIncidentStep = IncidentState['status'] | 'en-route' | 'declined' | 'done';

export function incidentStep(incident: IncidentState): WallIncidentStep {
  // The last tasking step: a new assignment after a decline is "Asignado" again.
  const answer = incident.history.findLast((step) => step.type === 'tasking.answer' || step.type === 'tasking.assigned')?.answer;
  if (incident.status === 'assigned' && answer === 'accept') return 'en-route';
  if (incident.status === 'assigned' && answer === 'decline') return 'declined';
  if (incident.status === 'on-scene' && answer === 'done') return 'done';
  return incident.status;
}

/** The label of a step: the desk's word for a status, the wall's own for what a unit answered. */
export function incidentStepKey(step: WallIncidentStep): MessageKey {
  return step === 'en-route' || step === 'declined' || step === 'done' ? `wall.step.${step}` : `desk.status.${step}`;
}
