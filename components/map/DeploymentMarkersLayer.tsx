'use client';
/** Deployments (troops, reinforcements) as flags with their personnel count. */
import { useMemo } from 'react';
import type { Picture } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { createDeploymentIcon } from './deploymentIcon.ts';
import { describeDeployment, deploymentPopupSpec } from './deploymentView.ts';
import { MAP_PANES } from './mapPanes.ts';
import { createPopupContent } from './popupContent.ts';
import { useSyncedMarkers, type MarkerSpec } from './useSyncedMarkers.ts';

export function DeploymentMarkersLayer({ deployments }: { deployments: Picture['deployments'] }) {
  const { t, locale } = useI18n();
  const specs = useMemo(
    () =>
      Object.values(deployments).map((deployment): MarkerSpec => {
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
      }),
    [deployments, t, locale],
  );
  useSyncedMarkers(MAP_PANES.deployments, specs);
  return null;
}
