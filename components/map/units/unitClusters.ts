/**
 * Units close together on screen drawn as one cluster with a count, so forty patrols around
 * Chacalluta read as "40" with their agencies instead of a pile of overlapping labels
 * (screenClusters.ts does the clustering). Pure, so the rules are unit-tested.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import type { UnitState } from '@/lib/projection/picture.ts';
import { clusterOnScreen } from '@/components/map/screenClusters.ts';

/** Units nearer than this on screen (in CSS px at 1080p, at the map's zoom) join one cluster. */
export const CLUSTER_RADIUS_PX = 48;

export interface UnitCluster {
  key: string;
  lat: number;
  lon: number;
  count: number;
  /** How many of its units each agency has, largest first. */
  agencies: { agency: Agency; count: number }[];
  /** Members whose position is older than the fade time. */
  fadedCount: number;
  expansionZoom: number;
}

export interface ClusteredUnits {
  /** Units drawn on their own, keyed as in the picture. */
  singles: Record<string, UnitState>;
  clusters: UnitCluster[];
}

export interface ClusterOptions {
  /** The radius in CSS px: larger when a room screen scales the map up. */
  radiusPx?: number;
  isFaded: (unit: UnitState) => boolean;
}

const AGENCY = 'a:';
const FADED = 'faded';

export function clusterUnits(
  units: Record<string, UnitState>,
  zoom: number,
  { radiusPx = CLUSTER_RADIUS_PX, isFaded }: ClusterOptions,
): ClusteredUnits {
  const items = Object.values(units).map((unit) => ({
    key: unit.key,
    lat: unit.position.lat,
    lon: unit.position.lon,
    counters: { [`${AGENCY}${unit.agency}`]: 1, [FADED]: isFaded(unit) ? 1 : 0 },
  }));
  const { singles, clusters } = clusterOnScreen(items, zoom, radiusPx);
  const single: Record<string, UnitState> = {};
  for (const key of singles) single[key] = units[key]!;
  return {
    singles: single,
    clusters: clusters.map(({ counters, ...cluster }) => ({
      ...cluster,
      agencies: Object.entries(counters)
        .filter(([name]) => name.startsWith(AGENCY))
        .map(([name, count]) => ({ agency: name.slice(AGENCY.length) as Agency, count }))
        .sort((a, b) => b.count - a.count || a.agency.localeCompare(b.agency)),
      fadedCount: counters[FADED] ?? 0,
    })),
  };
}
