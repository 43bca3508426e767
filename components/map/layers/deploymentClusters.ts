/**
 * Deployments close together on screen summarised as one flag: how many, their personnel in all,
 * and the agencies sending them (an army column and two police reinforcements at one complex read
 * as one flag, not three stacked). Pure, so the rules are unit-tested; DeploymentMarkersLayer draws them.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import type { DeploymentState } from '@/lib/projection/picture.ts';
import { clusterOnScreen } from '@/components/map/screenClusters.ts';

/** Flags are about 6 rem wide at 1080p: nearer than this their flags cover each other. */
export const DEPLOYMENT_CLUSTER_RADIUS_PX = 64;

export interface DeploymentCluster {
  key: string;
  lat: number;
  lon: number;
  count: number;
  personnel: number;
  /** Each agency present, most personnel first. */
  agencies: Agency[];
  expansionZoom: number;
}

const AGENCY = 'a:';

export function clusterDeployments(
  deployments: readonly DeploymentState[],
  zoom: number,
  radiusPx = DEPLOYMENT_CLUSTER_RADIUS_PX,
): { singles: DeploymentState[]; clusters: DeploymentCluster[] } {
  const items = deployments.map((d) => ({
    key: d.key,
    lat: d.position.lat,
    lon: d.position.lon,
    counters: { personnel: d.personnel, [`${AGENCY}${d.agency}`]: d.personnel },
  }));
  const { singles, clusters } = clusterOnScreen(items, zoom, radiusPx);
  const alone = new Set(singles);
  return {
    singles: deployments.filter((d) => alone.has(d.key)),
    clusters: clusters.map(({ counters, ...cluster }) => ({
      ...cluster,
      personnel: counters.personnel ?? 0,
      agencies: Object.entries(counters)
        .filter(([name]) => name.startsWith(AGENCY))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name]) => name.slice(AGENCY.length) as Agency),
    })),
  };
}
