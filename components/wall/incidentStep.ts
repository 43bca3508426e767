/** Where an incident stands in the workflow, as the wall labels it: the projection's status. */
import type { IncidentState } from '@/lib/projection/picture.ts';

export type WallIncidentStep = IncidentState['status'];

export function incidentStep(incident: IncidentState): WallIncidentStep {
  return incident.status;
}
