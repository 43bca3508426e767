import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/messages.ts';
import type { IncidentState } from '@/lib/projection/picture.ts';
import { describeIncident, incidentPopupSpec } from '@/components/map/layers/incidentView.ts';

const es = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('es', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);

const incident: IncidentState = {
  incidentId: 'I-1',
  agency: 'pnp',
  kind: 'crossing',
  severity: 'high',
  text: 'Grupo cruza hacia Santa Rosa',
  position: { lat: -18.313, lon: -70.314 },
  people: 47,
  minors: 9,
  openedAt: '2025-12-01T17:55:00Z',
  updatedAt: '2025-12-01T17:55:00Z',
  provenance: { source: 'scenario:dec-2025', synthetic: true },
  status: 'reported',
  originator: 'pnp',
  impact: 'high',
  releasability: 'binational',
  history: [],
};

describe('describeIncident', () => {
  it('names the kind and counts, and draws high and critical large', () => {
    const view = describeIncident(incident, es, 'es');
    expect(view).toMatchObject({ kindText: 'Cruce irregular', countsText: '47 personas · 9 menores', large: true });
    expect(describeIncident({ ...incident, severity: 'medium' }, es, 'es').large).toBe(false);
    expect(describeIncident(incident, en, 'en').ariaLabel).toBe('Incident: Irregular crossing, high severity');
  });

  it('leaves the counts empty when none were reported', () => {
    expect(describeIncident({ ...incident, people: undefined, minors: undefined }, es, 'es').countsText).toBe('');
  });

  it('marks synthetic incidents in the popup', () => {
    const spec = incidentPopupSpec(incident, es, 'es');
    expect(spec.banner).toMatch(/SIMULADO/);
    expect(spec.text).toBe(incident.text);
  });
});
