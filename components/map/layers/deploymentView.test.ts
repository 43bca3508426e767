import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/messages.ts';
import type { DeploymentState } from '@/lib/projection/picture.ts';
import { deploymentPopupSpec, describeDeployment } from '@/components/map/layers/deploymentView.ts';

const es = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('es', key, params);

describe('describeDeployment', () => {
  const deployment: DeploymentState = {
    key: 'ejercito-pe/D-1',
    deploymentId: 'D-1',
    agency: 'ejercito-pe',
    position: { lat: -18.3, lon: -70.3 },
    personnel: 1,
    text: 'Primer contingente',
    area: 'Hitos 1–14',
    updatedAt: '2025-11-30T12:00:00Z',
  };

  it('shows the personnel count, singular and plural', () => {
    expect(describeDeployment(deployment, es, 'es')).toMatchObject({ personnelNumber: '1', personnelText: '1 efectivo' });
    expect(describeDeployment({ ...deployment, personnel: 100 }, es, 'es').ariaLabel).toBe('Despliegue Ejército del Perú: 100 efectivos');
  });

  it('puts area and time in the popup', () => {
    const spec = deploymentPopupSpec(deployment, es, 'es');
    expect(spec.title).toBe('Despliegue Ejército del Perú');
    expect(spec.rows.map((r) => r.value)).toContain('Hitos 1–14');
  });
});
