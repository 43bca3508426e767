/**
 * Things close together on screen drawn as one cluster with a count: supercluster, in the map's own
 * pixels at its zoom, over the whole world (so panning costs nothing). Each item brings counters
 * (its agency, whether it is faded, its severity…) that a cluster sums over its members. Zoomed in
 * far enough, everything stands alone again. Pure (no DOM, no Leaflet), so it is unit-tested.
 */
import Supercluster from 'supercluster';

/** From this zoom on (a few hundred metres across the screen) nothing is clustered. */
export const CLUSTER_UNTIL_ZOOM = 15;

export interface ClusterItem {
  key: string;
  lat: number;
  lon: number;
  /** Summed over a cluster's members, e.g. { 'a:pnp': 1, faded: 1 }. */
  counters: Record<string, number>;
}

export interface ScreenCluster {
  /** Stable while the cluster holds its first member (the smallest key), so its marker is kept. */
  key: string;
  lat: number;
  lon: number;
  count: number;
  counters: Record<string, number>;
  /** The zoom at which the cluster splits apart (a click zooms there). */
  expansionZoom: number;
}

/**
 * Flat on purpose: supercluster copies a cluster's properties shallowly when it merges clusters at a
 * lower zoom, so a nested counters object would be shared, and counted twice.
 */
type Props = { firstKey: string } & Record<`c:${string}`, number>;
const COUNTER = 'c:';

/** The whole world, in supercluster's [west, south, east, north]. */
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

export function clusterOnScreen(
  items: readonly ClusterItem[],
  zoom: number,
  radiusPx: number,
): { singles: string[]; clusters: ScreenCluster[] } {
  const index = new Supercluster<Props, Props>({
    // Leaflet's tiles are 256 px: with that extent the radius is in the map's own pixels.
    extent: 256,
    radius: radiusPx,
    maxZoom: CLUSTER_UNTIL_ZOOM - 1,
    minPoints: 2,
    map: (p) => ({ ...p }),
    reduce: (into, from) => {
      if (from.firstKey < into.firstKey) into.firstKey = from.firstKey;
      for (const name of Object.keys(from) as (keyof Props)[]) {
        if (name !== 'firstKey') into[name] = (into[name] ?? 0) + from[name];
      }
    },
  });
  index.load(
    items.map((item) => {
      const props = { firstKey: item.key } as Props;
      for (const [name, n] of Object.entries(item.counters)) props[`${COUNTER}${name}`] = n;
      return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [item.lon, item.lat] }, properties: props };
    }),
  );

  const singles: string[] = [];
  const clusters: ScreenCluster[] = [];
  for (const feature of index.getClusters(WORLD, Math.floor(zoom))) {
    const [lon, lat] = feature.geometry.coordinates as [number, number];
    const props = feature.properties;
    if (!('cluster' in props)) {
      singles.push(props.firstKey);
      continue;
    }
    const counters: Record<string, number> = {};
    for (const [name, n] of Object.entries(props)) if (name.startsWith(COUNTER)) counters[name.slice(COUNTER.length)] = n as number;
    clusters.push({
      key: `cluster:${props.firstKey}`,
      lat,
      lon,
      count: props.point_count,
      counters,
      expansionZoom: Math.min(index.getClusterExpansionZoom(props.cluster_id), CLUSTER_UNTIL_ZOOM),
    });
  }
  return { singles, clusters };
}
