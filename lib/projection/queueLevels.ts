/**
 * The alert level of each post and direction: the number waiting above which coordinators want to
 * be told. Until an admin configures levels (as events, with the coordinators' alerts), these
 * defaults apply. They are working figures for the Arica–Tacna complexes, not sourced limits:
 * in the November 2025 crisis groups of ~100–400 people formed at Santa Rosa
 * (docs/scenario-facts.md), and a few hundred people waiting is where a post is overwhelmed.
 */
import type { PostId, QueueDirection } from '../contract/events.ts';
import { queueKey, type Picture } from './picture.ts';

export interface QueueAlertLevel {
  /** People waiting at or above which the queue is at its alert level. */
  waiting: number;
}

export const DEFAULT_QUEUE_ALERT_LEVELS: Readonly<Record<string, QueueAlertLevel>> = {
  [queueKey('santa-rosa', 'to-peru')]: { waiting: 300 },
  [queueKey('santa-rosa', 'to-chile')]: { waiting: 300 },
  [queueKey('chacalluta', 'to-chile')]: { waiting: 300 },
  [queueKey('chacalluta', 'to-peru')]: { waiting: 300 },
};

/** The level in force for one queue (configured levels, when the picture carries them, win). */
export function queueAlertLevel(_picture: Picture, post: PostId, direction: QueueDirection): QueueAlertLevel | undefined {
  return DEFAULT_QUEUE_ALERT_LEVELS[queueKey(post, direction)];
}
