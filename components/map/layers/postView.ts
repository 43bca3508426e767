/**
 * What a border-post marker says: the post's name and, per direction, how many people wait.
 * Pure (see unitView.ts).
 */
import type { QueueDirection } from '@/lib/contract/events.ts';
import { QUEUE_DIRECTIONS } from '@/lib/contract/vocabulary.ts';
import type { BorderPost, BorderPostId } from '@/lib/geo/borderPosts.ts';
import { formatCount } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import { queueKey, type Picture } from '@/lib/projection/picture.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

/** Written when a post has not reported a queue: a dash reads as "nothing known", unlike 0. */
export const NO_QUEUE_DATA = '—';

/**
 * Which side of its position the post's card is drawn on. The two complexes are ~500 m apart, the
 * same few pixels at the wall's zoom, so their cards point away from each other: Santa Rosa
 * (Peru, north) up-left, Chacalluta (Chile, south) down-right, each tied to its point by a line.
 */
export type CardPlacement = 'north-west' | 'south-east';
export const POST_CARD_PLACEMENT: Record<BorderPostId, CardPlacement> = {
  'santa-rosa': 'north-west',
  chacalluta: 'south-east',
};

export interface PostQueueRow {
  /** `${post}/${direction}`, as in picture.queues. */
  key: string;
  direction: QueueDirection;
  directionText: string;
  /** "1.240", or "—" without data. */
  countText: string;
  hasData: boolean;
}

export interface PostView {
  id: BorderPostId;
  lat: number;
  lon: number;
  name: string;
  approximate: boolean;
  placement: CardPlacement;
  rows: PostQueueRow[];
  ariaLabel: string;
  iconKey: string;
}

export function describePost(post: BorderPost, queues: Picture['queues'], t: Translate, locale: Locale): PostView {
  const rows = QUEUE_DIRECTIONS.map((direction): PostQueueRow => {
    const key = queueKey(post.id, direction);
    const queue = queues[key];
    return {
      key,
      direction,
      directionText: t(`direction.${direction}`),
      countText: queue ? formatCount(queue.waiting, locale) : NO_QUEUE_DATA,
      hasData: queue !== undefined,
    };
  });
  const name = t(`post.${post.id}`);
  const spoken = rows.map((r) =>
    t('map.post.queue', { direction: r.directionText, count: r.hasData ? r.countText : t('map.post.noData') }),
  );
  const ariaLabel = `${post.name}. ${spoken.join('; ')}`;
  return {
    id: post.id,
    lat: post.lat,
    lon: post.lon,
    name,
    approximate: post.approximate,
    placement: POST_CARD_PLACEMENT[post.id],
    rows,
    ariaLabel,
    iconKey: JSON.stringify([name, rows.map((r) => [r.directionText, r.countText]), ariaLabel]),
  };
}
