/**
 * The alerts a wall shows, read from the picture's alert projection (zod-free, like the rest of
 * the wall): open means raised and not yet acknowledged on any screen.
 */
import type { Picture } from '@/lib/projection/picture.ts';
import { openAlerts as openAlertStates } from '@/lib/projection/workflowSelectors.ts';

export interface WallAlert {
  alertId: string;
  /** queue-level, incident-severity, tasking-overdue, unit-silent */
  kind: string;
  raisedAt: string;
  text: string;
}

export function openAlerts(picture: Picture): WallAlert[] {
  return openAlertStates(picture).map((a) => ({ alertId: a.alertId, kind: a.kind, raisedAt: a.raisedAt, text: a.text ?? '' }));
}
