import { describe, expect, it } from 'vitest';
import type { Agency } from '@/lib/contract/agencies.ts';
import type { DeploymentState } from '@/lib/projection/picture.ts';
import { clusterDeployments } from '@/components/map/layers/deploymentClusters.ts';

function deployment(key: string, agency: Agency, personnel: number, lat: number, lon: number): DeploymentState {
  return { key, deploymentId: key, agency, personnel, position: { lat, lon }, text: '', updatedAt: '2025-12-10T12:00:00.000Z' };
}

describe('clusterDeployments', () => {
  const atChacalluta = [
    deployment('ejercito-pe/D-1', 'ejercito-pe', 150, -18.318, -70.316),
    deployment('pnp/D-2', 'pnp', 40, -18.319, -70.315),
    deployment('carabineros/D-3', 'carabineros', 60, -18.317, -70.317),
  ];

  it('summarises deployments at one complex as one flag: how many, their personnel and agencies', () => {
    const { singles, clusters } = clusterDeployments([...atChacalluta, deployment('pnp/D-4', 'pnp', 30, -18.01, -70.25)], 10.5);
    expect(singles.map((d) => d.key)).toEqual(['pnp/D-4']);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ count: 3, personnel: 250, agencies: ['ejercito-pe', 'carabineros', 'pnp'] });
  });

  it('shows each on its own when zoomed in', () => {
    expect(clusterDeployments(atChacalluta, 15).clusters).toEqual([]);
  });
});
