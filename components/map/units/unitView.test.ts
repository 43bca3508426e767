import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/messages.ts';
import type { UnitState } from '@/lib/projection/picture.ts';
import { describeUnit, unitPopupSpec } from '@/components/map/units/unitView.ts';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('es', key, params);
const seen = Date.parse('2025-12-01T17:55:00Z'); // 14:55 Arica, 12:55 Tacna
const unit: UnitState = {
  key: 'carabineros/M-1',
  unitId: 'M-1',
  agency: 'carabineros',
  callsign: 'Móvil 1',
  position: { lat: -18.33, lon: -70.33 },
  lastSeenAt: new Date(seen).toISOString(),
};

describe('describeUnit', () => {
  it('labels a unit with its callsign, agency and age in minutes', () => {
    const view = describeUnit(unit, seen + 3 * 60_000 + 20_000, 15, t, 'es');
    expect(view).toMatchObject({ label: 'Móvil 1', ageText: 'hace 3 min', faded: false, ariaLabel: 'Carabineros Móvil 1' });
  });

  it('falls back to the unit id when there is no callsign', () => {
    const view = describeUnit({ ...unit, callsign: undefined }, seen, 15, t, 'es');
    expect(view.label).toBe('M-1');
    expect(view.ageText).toBe('ahora');
  });

  it('fades a unit past fadeMinutes and says how old its last report is', () => {
    const view = describeUnit(unit, seen + 23 * 60_000, 15, t, 'es');
    expect(view.faded).toBe(true);
    expect(view.ageText).toBe('último reporte hace 23 min');
  });

  it('keeps the same iconKey within a minute, so the icon is not redrawn every second', () => {
    const a = describeUnit(unit, seen + 61_000, 15, t, 'es');
    const b = describeUnit(unit, seen + 119_000, 15, t, 'es');
    const c = describeUnit(unit, seen + 121_000, 15, t, 'es');
    expect(a.iconKey).toBe(b.iconKey);
    expect(c.iconKey).not.toBe(b.iconKey);
  });

  it('does not change the iconKey when only the position moves', () => {
    const moved = { ...unit, position: { lat: -18.3, lon: -70.3 } };
    expect(describeUnit(moved, seen, 15, t, 'es').iconKey).toBe(describeUnit(unit, seen, 15, t, 'es').iconKey);
  });
});

describe('unitPopupSpec', () => {
  it('gives agency, callsign, status, both zones and the report text as plain strings', () => {
    const reported: UnitState = {
      ...unit,
      status: 'patrolling',
      lastReport: { text: '<img src=x onerror=alert(1)> sin novedad', at: unit.lastSeenAt, people: 3 },
    };
    const spec = unitPopupSpec(reported, seen + 60_000, t, 'es');
    const rows = Object.fromEntries(spec.rows.map((r) => [r.label, r.value]));
    expect(rows['Institución']).toBe('Carabineros');
    expect(rows['Indicativo']).toBe('Móvil 1');
    expect(rows['Estado']).toBe('Patrullando');
    expect(rows['Última posición']).toBe('14:55 Arica · 12:55 Tacna (hace 1 min)');
    expect(rows['Último informe']).toBe('14:55 Arica · 12:55 Tacna · 3 personas');
    // Kept verbatim: createPopupContent puts it in with textContent, so it stays text.
    expect(spec.text).toBe('<img src=x onerror=alert(1)> sin novedad');
  });
});
