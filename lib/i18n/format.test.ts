import { describe, expect, it } from 'vitest';
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE, formatAge, formatBothZones, formatTime } from './format.ts';
import { translate } from './messages.ts';

describe('time formats', () => {
  // The 1 Dec 2025 crossing was reported at 14:55 in Chile, 12:55 in Peru.
  const crossing = '2025-12-01T17:55:00Z';

  it('shows Arica two hours ahead of Tacna in December', () => {
    expect(formatTime(crossing, ARICA_TIME_ZONE, 'es')).toBe('14:55');
    expect(formatTime(crossing, TACNA_TIME_ZONE, 'es')).toBe('12:55');
    expect(formatBothZones(crossing, 'en')).toBe('14:55 Arica · 12:55 Tacna');
  });

  it('says how old something is in words, in both languages', () => {
    expect(formatAge(42_000, 'es')).toBe('hace 42 s');
    expect(formatAge(5 * 60_000, 'es')).toBe('hace 5 min');
    expect(formatAge(3 * 3_600_000, 'en')).toBe('3 h ago');
  });

  it('fills placeholders and falls back to Spanish', () => {
    expect(translate('en', 'age.minutes', { n: 7 })).toBe('7 min ago');
  });
});
