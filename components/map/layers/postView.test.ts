import { describe, expect, it } from 'vitest';
import { BORDER_POSTS } from '@/lib/geo/borderPosts.ts';
import { translate } from '@/lib/i18n/messages.ts';
import type { QueueState } from '@/lib/projection/picture.ts';
import { NO_QUEUE_DATA, describePost } from '@/components/map/layers/postView.ts';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('es', key, params);

const queue: QueueState = {
  key: 'santa-rosa/to-peru',
  post: 'santa-rosa',
  direction: 'to-peru',
  agency: 'pdi',
  waiting: 1240,
  updatedAt: '2025-12-01T12:00:00Z',
  history: [],
};

describe('describePost', () => {
  it('shows the waiting count per direction, keyed like picture.queues', () => {
    const view = describePost(BORDER_POSTS['santa-rosa'], { [queue.key]: queue }, t, 'es');
    expect(view.rows.map((r) => [r.key, r.countText])).toEqual([
      ['santa-rosa/to-peru', '1.240'],
      ['santa-rosa/to-chile', NO_QUEUE_DATA],
    ]);
    expect(view.ariaLabel).toBe('Complejo Fronterizo Santa Rosa. hacia Perú: 1.240; hacia Chile: sin datos');
  });

  it('changes its iconKey only when a shown number changes', () => {
    const before = describePost(BORDER_POSTS['santa-rosa'], { [queue.key]: queue }, t, 'es');
    const sameCount = describePost(BORDER_POSTS['santa-rosa'], { [queue.key]: { ...queue, updatedAt: '2025-12-01T12:05:00Z' } }, t, 'es');
    const newCount = describePost(BORDER_POSTS['santa-rosa'], { [queue.key]: { ...queue, waiting: 1250 } }, t, 'es');
    expect(sameCount.iconKey).toBe(before.iconKey);
    expect(newCount.iconKey).not.toBe(before.iconKey);
  });

  it('points the two cards away from each other', () => {
    expect(describePost(BORDER_POSTS['santa-rosa'], {}, t, 'es').placement).not.toBe(
      describePost(BORDER_POSTS.chacalluta, {}, t, 'es').placement,
    );
  });
});
