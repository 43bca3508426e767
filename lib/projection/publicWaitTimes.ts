/**
 * The public wait-time feed from a picture. The caller must pass the binational picture (the
 * `binational-only` reader scope); this function then copies only the fields the public may see,
 * field by field, so a field added to queue state later does not leak by default.
 */
import { BORDER_POSTS, BORDER_POST_IDS } from '../geo/borderPosts.ts';
import { QUEUE_DIRECTIONS } from '../contract/vocabulary.ts';
import type { WaitTime } from '../contract/waitTimes.ts';
import { queueKey, type Picture } from './picture.ts';

export function publicWaitTimes(picture: Pick<Picture, 'queues'>): WaitTime[] {
  const rows: WaitTime[] = [];
  for (const post of BORDER_POST_IDS) {
    for (const direction of QUEUE_DIRECTIONS) {
      const queue = picture.queues[queueKey(post, direction)];
      if (!queue) continue;
      const row: WaitTime = { post, postName: BORDER_POSTS[post].name, direction, waiting: queue.waiting, updatedAt: queue.updatedAt };
      if (queue.waitMinutes !== undefined) row.waitMinutes = queue.waitMinutes;
      rows.push(row);
    }
  }
  return rows;
}
