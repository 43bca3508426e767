import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '@/lib/i18n/messages.ts';
import { bothClocks, bothClocksText, unitStatusLabel } from '@/components/handover/briefFormat.ts';

const es: Translate = (key, params) => translate('es', key, params);
const en: Translate = (key, params) => translate('en', key, params);

describe('handover brief formats', () => {
  it('writes every time in both clocks, two hours apart in December', () => {
    expect(bothClocksText('2025-12-01T17:55:00Z', 'es', es)).toBe('lun, 01 dic 14:55 Arica · 12:55 Tacna');
    expect(bothClocksText('2025-12-01T17:55:00Z', 'en', en)).toBe('Mon 01 Dec 14:55 Arica · 12:55 Tacna');
  });

  it('adds Tacna’s date when it is still the day before', () => {
    expect(bothClocks('2025-12-02T04:30:00Z', 'es')).toEqual({
      date: 'mar, 02 dic',
      arica: '01:30',
      tacna: '23:30',
      tacnaDate: 'lun, 01 dic',
    });
  });

  it('names unit statuses in the viewer’s language', () => {
    expect(unitStatusLabel('patrolling', es)).toBe('Patrullando');
    expect(unitStatusLabel('unknown', en)).toBe('No status');
    expect(unitStatusLabel('en-route', en)).toBe('En route');
    expect(unitStatusLabel('hovering', en)).toBe('hovering'); // a status this build does not know, shown as sent
  });
});
