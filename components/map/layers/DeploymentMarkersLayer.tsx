'use client';
/**
 * Deployments (troops, reinforcements) as flags with their personnel count. Deployments close
 * together on screen are summarised as one flag (deploymentClusters.ts); clicking it zooms in until
 * they stand apart.
 */
import { useMemo } from 'react';
import { useMap } from 'react-leaflet';
import { formatCount } from '@/lib/i18n/format.ts';
import type { Picture } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { clusterDeployments, DEPLOYMENT_CLUSTER_RADIUS_PX } from '@/components/map/layers/deploymentClusters.ts';
import { createDeploymentClusterIcon, createDeploymentIcon } from '@/components/map/layers/deploymentIcon.ts';
import { describeDeployment, deploymentPopupSpec } from '@/components/map/layers/deploymentView.ts';
import { MAP_PANES } from '@/components/map/mapPanes.ts';
import { createPopupContent } from '@/components/map/popupContent.ts';
import { useClusterView, zoomIntoCluster } from '@/components/map/useMapView.ts';
import { useSyncedMarkers, type MarkerSpec } from '@/components/map/useSyncedMarkers.ts';
import { countText } from '@/lib/i18n/countText.ts';

export function DeploymentMarkersLayer({ deployments }: { deployments: Picture['deployments'] }) {
  const map = useMap();
  const { t, locale } = useI18n();
  const { zoom, scale } = useClusterView();
  const { singles, clusters } = useMemo(
    () => clusterDeployments(Object.values(deployments), zoom, DEPLOYMENT_CLUSTER_RADIUS_PX * scale),
    [deployments, zoom, scale],
  );
  const specs = useMemo(() => {
    const alone = singles.map((deployment): MarkerSpec => {
      const view = describeDeployment(deployment, t, locale);
      const popup = deploymentPopupSpec(deployment, t, locale);
      return {
        key: deployment.key,
        lat: view.lat,
        lon: view.lon,
        iconKey: view.iconKey,
        createIcon: () => createDeploymentIcon(view),
        attributes: { 'data-deployment-key': deployment.key, 'aria-label': view.ariaLabel },
        popup: { key: JSON.stringify(popup), create: () => createPopupContent(popup) },
      };
    });
    const grouped = clusters.map((cluster): MarkerSpec => {
      const personnelNumber = formatCount(cluster.personnel, locale);
      const ariaLabel = t('map.deploymentCluster.label', {
        n: formatCount(cluster.count, locale),
        personnel: countText(t, locale, cluster.personnel, 'map.personnel'),
        agencies: cluster.agencies.map((agency) => t(`agency.${agency}`)).join(', '),
      });
      return {
        key: cluster.key,
        lat: cluster.lat,
        lon: cluster.lon,
        iconKey: JSON.stringify([personnelNumber, cluster.count, cluster.agencies, ariaLabel]),
        createIcon: () => createDeploymentClusterIcon(cluster, personnelNumber),
        attributes: { 'data-deployment-cluster': String(cluster.count), 'aria-label': ariaLabel, role: 'button' },
        onActivate: () => zoomIntoCluster(map, cluster),
      };
    });
    return [...alone, ...grouped];
  }, [singles, clusters, t, locale, map]);
  useSyncedMarkers(MAP_PANES.deployments, specs);
  return null;
}
