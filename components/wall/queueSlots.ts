/**
 * Which queue cards the wall shows and in what order: every border post × direction, those with
 * data first (each in its fixed place), then the empty ones, which are drawn slim.
 */
import type { PostId, QueueDirection } from '../../lib/contract/events.ts';
import { QUEUE_DIRECTIONS } from '../../lib/contract/vocabulary.ts';
import { BORDER_POST_IDS } from '../../lib/geo/borderPosts.ts';
import { queueKey, type Picture, type QueueState } from '../../lib/projection/picture.ts';

/** Queue counts arrive every few minutes; after this long the number no longer describes the queue. */
export const QUEUE_OLD_AFTER_MS = 30 * 60_000;
/** The sparkline shows this much history (the projection keeps 12 h). */
export const SPARKLINE_HOURS = 6;

export interface QueueSlot {
  key: string;
  post: PostId;
  direction: QueueDirection;
  queue?: QueueState;
}

export function queueSlots(picture: Picture): QueueSlot[] {
  const all: QueueSlot[] = BORDER_POST_IDS.flatMap((post) =>
    QUEUE_DIRECTIONS.map((direction) => {
      const key = queueKey(post, direction);
      return { key, post, direction, queue: picture.queues[key] };
    }),
  );
  return [...all.filter((s) => s.queue), ...all.filter((s) => !s.queue)];
}

export function isQueueOld(queue: QueueState, now: number): boolean {
  return now - Date.parse(queue.updatedAt) > QUEUE_OLD_AFTER_MS;
}

/**
 * The sparkline's window: the last SPARKLINE_HOURS up to now (so a queue that stopped reporting
 * leaves the right edge empty), or up to its newest point when now is not known yet.
 */
export function sparklineWindow(queue: QueueState, now: number | undefined): { from: number; to: number } {
  const newest = Date.parse(queue.history.at(-1)?.at ?? queue.updatedAt);
  const to = Math.max(now ?? newest, newest);
  return { from: to - SPARKLINE_HOURS * 3_600_000, to };
}
