'use client';
/**
 * Clusters of units (unitClusters.ts) as markers: a count in the agencies' colours. Clicking or
 * pressing Enter on one zooms in until it splits, so a coordinator at a desk can untangle a crowded
 * post; the wall itself returns to its framing later (useMapFraming).
 */
import { useMemo } from 'react';
import { useMap } from 'react-leaflet';
import { formatCount } from '@/lib/i18n/format.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { createClusterIcon } from '@/components/map/clusterIcon.ts';
import { MAP_PANES } from '@/components/map/mapPanes.ts';
import type { UnitCluster } from '@/components/map/units/unitClusters.ts';
import { zoomIntoCluster } from '@/components/map/useMapView.ts';
import { useSyncedMarkers, type MarkerSpec } from '@/components/map/useSyncedMarkers.ts';

export function UnitClusterMarkersLayer({ clusters }: { clusters: readonly UnitCluster[] }) {
  const map = useMap();
  const { t, locale } = useI18n();
  const specs = useMemo(
    () =>
      clusters.map((cluster): MarkerSpec => {
        const countText = formatCount(cluster.count, locale);
        const agencies = cluster.agencies.map(({ agency, count }) => `${formatCount(count, locale)} ${t(`agency.${agency}`)}`).join(', ');
        const faded = cluster.fadedCount > 0 ? ` (${t('map.cluster.faded', { n: formatCount(cluster.fadedCount, locale) })})` : '';
        const ariaLabel = `${t('map.cluster.label', { n: countText, agencies })}${faded}`;
        return {
          key: cluster.key,
          lat: cluster.lat,
          lon: cluster.lon,
          iconKey: JSON.stringify([countText, cluster.agencies, cluster.fadedCount === cluster.count, ariaLabel]),
          createIcon: () => createClusterIcon(cluster, countText),
          attributes: {
            'data-unit-cluster': String(cluster.count),
            'data-cluster-key': cluster.key,
            'aria-label': ariaLabel,
            role: 'button',
          },
          onActivate: () => zoomIntoCluster(map, cluster),
        };
      }),
    [clusters, t, locale, map],
  );
  useSyncedMarkers(MAP_PANES.units, specs);
  return null;
}
