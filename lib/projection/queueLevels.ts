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
  waiting?: number;
  /** Minutes of waiting at or above which the queue is at its alert level. */
  waitMinutes?: number;
}

export const DEFAULT_QUEUE_ALERT_LEVELS: Readonly<Record<string, QueueAlertLevel>> = {
  [queueKey('santa-rosa', 'to-peru')]: { waiting: 300 },
  [queueKey('santa-rosa', 'to-chile')]: { waiting: 300 },
  [queueKey('chacalluta', 'to-chile')]: { waiting: 300 },
  [queueKey('chacalluta', 'to-peru')]: { waiting: 300 },
};

/** The level in force for one queue: the one an admin configured (queue.levels), else the default. */
export function queueAlertLevel(
  picture: Pick<Picture, 'queueLevels'>,
  post: PostId,
  direction: QueueDirection,
): QueueAlertLevel | undefined {
  const key = queueKey(post, direction);
  const configured = picture.queueLevels?.[key];
  if (configured) return { waiting: configured.waiting, waitMinutes: configured.waitMinutes };
  return DEFAULT_QUEUE_ALERT_LEVELS[key];
}

/** Whether a queue is at or above its level (by people waiting or by minutes of waiting). */
export function isAtQueueLevel(level: QueueAlertLevel | undefined, queue: { waiting: number; waitMinutes?: number }): boolean {
  if (!level) return false;
  if (level.waiting !== undefined && queue.waiting >= level.waiting) return true;
  return level.waitMinutes !== undefined && queue.waitMinutes !== undefined && queue.waitMinutes >= level.waitMinutes;
}
