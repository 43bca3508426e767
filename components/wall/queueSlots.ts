/**
 * Which queue cards the wall shows and in what order: every border post × direction, those with
 * data first (each in its fixed place), then the empty ones, which are drawn slim.
 */
import type { PostId, QueueDirection } from '@/lib/contract/events.ts';
import { QUEUE_DIRECTIONS } from '@/lib/contract/vocabulary.ts';
import { BORDER_POST_IDS } from '@/lib/geo/borderPosts.ts';
import { queueKey, type Picture, type QueueState } from '@/lib/projection/picture.ts';

/** Queue counts arrive every few minutes; after this long the number no longer describes the queue. */
export const QUEUE_OLD_AFTER_MS = 30 * 60_000;
/** The longest history a sparkline shows (the projection keeps 12 h). */
export const SPARKLINE_HOURS = 6;
/**
 * The spans a sparkline's time axis may take, shortest first. The window is the shortest that
 * holds the data, so half an hour of counts fills the chart instead of its right-most sliver.
 */
export const SPARKLINE_SPANS_MINUTES = [30, 60, 120, 180, 360] as const;

export interface QueueSlot {
  key: string;
  post: PostId;
  direction: QueueDirection;
  queue?: QueueState;
}

/**
 * With `dataFirst` (the default) posts with data come first; without it every slot keeps its
 * fixed place, so a tile never moves on a wall as counts start and stop arriving.
 */
export function queueSlots(picture: Picture, { dataFirst = true }: { dataFirst?: boolean } = {}): QueueSlot[] {
  const all: QueueSlot[] = BORDER_POST_IDS.flatMap((post) =>
    QUEUE_DIRECTIONS.map((direction) => {
      const key = queueKey(post, direction);
      return { key, post, direction, queue: picture.queues[key] };
    }),
  );
  return dataFirst ? [...all.filter((s) => s.queue), ...all.filter((s) => !s.queue)] : all;
}

export function isQueueOld(queue: QueueState, now: number): boolean {
  return now - Date.parse(queue.updatedAt) > QUEUE_OLD_AFTER_MS;
}

/**
 * The sparkline's window: ends now (so a queue that stopped reporting leaves the right edge
 * empty), or at its newest point when now is not known yet; starts one span earlier, the shortest
 * span that holds the oldest point kept, at most SPARKLINE_HOURS.
 */
export function sparklineWindow(queue: QueueState, now: number | undefined): { from: number; to: number; spanMinutes: number } {
  const newest = Date.parse(queue.history.at(-1)?.at ?? queue.updatedAt);
  const oldest = Date.parse(queue.history[0]?.at ?? queue.updatedAt);
  const to = Math.max(now ?? newest, newest);
  const heldMinutes = (to - oldest) / 60_000;
  const spanMinutes = SPARKLINE_SPANS_MINUTES.find((span) => span >= heldMinutes) ?? SPARKLINE_HOURS * 60;
  return { from: to - spanMinutes * 60_000, to, spanMinutes };
}
