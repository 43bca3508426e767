/**
 * The alerts a wall shows, read from the picture's alert projection (zod-free, like the rest of
 * the wall): open means raised and not yet acknowledged on any screen.
 */
import type { Picture } from '@/lib/projection/picture.ts';
import { alertAbout, openAlerts as openAlertStates, type AlertAbout } from '@/lib/projection/workflowSelectors.ts';

export interface WallAlert {
  alertId: string;
  /** queue-level, incident-severity, tasking-overdue, unit-silent */
  kind: string;
  raisedAt: string;
  text: string;
  /** Which queue, incident or unit: the raiser sends no text, so this is how the band names it. */
  about: AlertAbout;
}

export function openAlerts(picture: Picture): WallAlert[] {
  return openAlertStates(picture).map((a) => ({
    alertId: a.alertId,
    kind: a.kind,
    raisedAt: a.raisedAt,
    text: a.text ?? '',
    about: alertAbout(picture, a),
  }));
}
