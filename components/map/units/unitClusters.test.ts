import { describe, expect, it } from 'vitest';
import type { Agency } from '@/lib/contract/agencies.ts';
import type { UnitState } from '@/lib/projection/picture.ts';
import { clusterUnits } from '@/components/map/units/unitClusters.ts';
import { CLUSTER_UNTIL_ZOOM } from '@/components/map/screenClusters.ts';

function unit(key: string, agency: Agency, lat: number, lon: number, lastSeenAt = '2025-12-10T12:00:00.000Z'): UnitState {
  return { key, unitId: key.split('/')[1]!, agency, position: { lat, lon }, lastSeenAt };
}

const notFaded = { isFaded: () => false };
/** Forty units within ~1 km of Chacalluta, of three agencies, and one alone near Tacna. */
function busy(): Record<string, UnitState> {
  const agencies: Agency[] = ['carabineros', 'pdi', 'pnp'];
  const units: Record<string, UnitState> = {};
  for (let i = 0; i < 40; i++) {
    const u = unit(
      `${agencies[i % 3]}/U-${String(i).padStart(2, '0')}`,
      agencies[i % 3]!,
      -18.318 + (i % 7) * 0.001,
      -70.316 + Math.floor(i / 7) * 0.001,
    );
    units[u.key] = u;
  }
  const alone = unit('pnp/TACNA-1', 'pnp', -18.01, -70.25);
  units[alone.key] = alone;
  return units;
}

describe('clusterUnits', () => {
  it('draws a dense group as one cluster with its count and agencies, and a distant unit on its own', () => {
    const { singles, clusters } = clusterUnits(busy(), 10.5, notFaded);
    expect(Object.keys(singles)).toEqual(['pnp/TACNA-1']);
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(cluster!.count).toBe(40);
    expect(cluster!.agencies).toEqual([
      { agency: 'carabineros', count: 14 },
      { agency: 'pdi', count: 13 },
      { agency: 'pnp', count: 13 },
    ]);
    expect(cluster!.lat).toBeCloseTo(-18.315, 2);
    expect(cluster!.expansionZoom).toBeGreaterThan(10);
  });

  it('counts every unit once at every zoom, however clusters merge', () => {
    const units = busy();
    for (let zoom = 9; zoom <= CLUSTER_UNTIL_ZOOM; zoom++) {
      const { singles, clusters } = clusterUnits(units, zoom, notFaded);
      const inClusters = clusters.reduce((n, c) => n + c.count, 0);
      const byAgency = clusters.reduce((n, c) => n + c.agencies.reduce((m, a) => m + a.count, 0), 0);
      expect(inClusters + Object.keys(singles).length).toBe(41);
      expect(byAgency).toBe(inClusters);
    }
  });

  it('lets every unit stand alone once zoomed in far enough', () => {
    const { singles, clusters } = clusterUnits(busy(), CLUSTER_UNTIL_ZOOM, notFaded);
    expect(clusters).toEqual([]);
    expect(Object.keys(singles)).toHaveLength(41);
  });

  it('keys a cluster by its smallest member, so its marker survives members moving', () => {
    const units = busy();
    const before = clusterUnits(units, 10, notFaded).clusters[0]!.key;
    const moved = { ...units, 'pnp/U-02': { ...units['pnp/U-02']!, position: { lat: -18.3175, lon: -70.3155 } } };
    expect(clusterUnits(moved, 10, notFaded).clusters[0]!.key).toBe(before);
    expect(before).toBe('cluster:carabineros/U-00');
  });

  it('counts the members whose position is old', () => {
    const units = busy();
    const { clusters } = clusterUnits(units, 10, { isFaded: (u) => u.agency === 'pdi' });
    expect(clusters[0]!.fadedCount).toBe(13);
  });

  it('clusters nothing when there is nothing', () => {
    expect(clusterUnits({}, 10, notFaded)).toEqual({ singles: {}, clusters: [] });
  });
});
