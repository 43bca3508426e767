import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '@/lib/i18n/messages.ts';
import { formatCompactBothZones, formatDuration, utcOffsetLabel } from '@/components/shared/wallFormat.ts';
import { countText } from '@/lib/i18n/countText.ts';

const es: Translate = (key, params) => translate('es', key, params);
const en: Translate = (key, params) => translate('en', key, params);
// 17:55 UTC on 1 Dec 2025: 14:55 in Arica (UTC−3, summer time), 12:55 in Tacna (UTC−5).
const AT = Date.UTC(2025, 11, 1, 17, 55);

describe('countText', () => {
  it('uses the singular for one and grouped digits for many', () => {
    expect(countText(es, 'es', 1, 'wall.people')).toBe('1 persona');
    expect(countText(es, 'es', 1240, 'wall.people')).toBe('1.240 personas');
    expect(countText(en, 'en', 1240, 'wall.people')).toBe('1,240 people');
    expect(countText(es, 'es', 0, 'wall.minors')).toBe('0 menores');
  });
});

describe('formatDuration', () => {
  it('writes minutes, hours, or both', () => {
    expect(formatDuration(es, 45)).toBe('45 min');
    expect(formatDuration(es, 120)).toBe('2 h');
    expect(formatDuration(es, 95)).toBe('1 h 35 min');
    expect(formatDuration(es, -3)).toBe('0 min');
  });
});

describe('formatCompactBothZones', () => {
  it('gives Arica and Tacna time with country codes', () => {
    expect(formatCompactBothZones(AT, 'es', es)).toBe('14:55 CL · 12:55 PE');
  });
});

describe('utcOffsetLabel', () => {
  it('follows Chile summer time and Peru standard time', () => {
    expect(utcOffsetLabel(AT, 'America/Santiago')).toBe('UTC−3');
    expect(utcOffsetLabel(AT, 'America/Lima')).toBe('UTC−5');
    expect(utcOffsetLabel(Date.UTC(2025, 6, 1, 12), 'America/Santiago')).toBe('UTC−4');
  });
});
