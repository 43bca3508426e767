/**
 * Where an incident stands in the workflow, as the wall labels it (reported, validated, assigned,
 * on scene…). The status comes with the workflow projection (branch `workflow`); until it lands an
 * open incident reads as reported. The one place the wall reads it from.
 */
import type { IncidentState } from '@/lib/projection/picture.ts';

export type WallIncidentStep = 'reported' | 'validated' | 'returned' | 'assigned' | 'on-scene' | 'closed';

export function incidentStep(incident: IncidentState): WallIncidentStep {
  return incident.closedAt ? 'closed' : 'reported';
}
