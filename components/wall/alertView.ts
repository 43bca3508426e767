/**
 * The alerts a wall shows, read from the picture (zod-free, like the rest of the wall).
 *
 * The alert projection comes with the workflow contract (lib/projection, branch `workflow`):
 * until it lands no alert is open, and this is the one place to read it from once it does.
 */
import type { Picture } from '@/lib/projection/picture.ts';

export interface WallAlert {
  alertId: string;
  /** queue-level, incident-severe, tasking-overdue, unit-silent */
  kind: string;
  raisedAt: string;
  text: string;
}

export function openAlerts(picture: Picture): WallAlert[] {
  void picture;
  return [];
}
