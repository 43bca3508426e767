'use client';
/** The two border complexes, each with the people waiting per direction in large digits. */
import { useMemo } from 'react';
import { BORDER_POSTS } from '@/lib/geo/borderPosts.ts';
import type { Picture } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { MAP_PANES } from '@/components/map/mapPanes.ts';
import { createPostIcon } from '@/components/map/layers/postIcon.ts';
import { describePost } from '@/components/map/layers/postView.ts';
import { useSyncedMarkers, type MarkerSpec } from '@/components/map/useSyncedMarkers.ts';

export function PostMarkersLayer({ queues }: { queues: Picture['queues'] }) {
  const { t, locale } = useI18n();
  const specs = useMemo(
    () =>
      Object.values(BORDER_POSTS).map((post): MarkerSpec => {
        const view = describePost(post, queues, t, locale);
        return {
          key: post.id,
          lat: view.lat,
          lon: view.lon,
          iconKey: view.iconKey,
          createIcon: () => createPostIcon(view),
          attributes: { 'data-post': post.id, role: 'img', 'aria-label': view.ariaLabel },
        };
      }),
    [queues, t, locale],
  );
  useSyncedMarkers(MAP_PANES.posts, specs);
  return null;
}
