import { describe, expect, it } from 'vitest';
import {
  downloadName,
  periodFromAddress,
  handoverQueryString,
  instantToZoned,
  periodFor,
  periodProblem,
  shiftStart,
  zonedToInstant,
} from '@/components/handover/period.ts';

const HOUR = 3_600_000;
/** 1 Dec 2025, Arica on UTC−3 (summer time). */
const arica = (hhmm: string) => Date.parse(`2025-12-01T${hhmm}:00-03:00`);

describe('handover periods', () => {
  it('starts the current shift at the last 06:00 or 18:00 in Arica', () => {
    expect(shiftStart(arica('14:55'))).toBe(arica('06:00'));
    expect(shiftStart(arica('06:00'))).toBe(arica('06:00'));
    expect(shiftStart(arica('19:30'))).toBe(arica('18:00'));
    // 02:10 on the 1st belongs to the night shift that began at 18:00 on 30 Nov.
    expect(shiftStart(arica('02:10'))).toBe(Date.parse('2025-11-30T18:00:00-03:00'));
  });

  it('offers the last 12 h, the current shift and the one before it', () => {
    const now = arica('14:55');
    expect(periodFor('last12h', now)).toEqual({ from: now - 12 * HOUR, to: now });
    expect(periodFor('currentShift', now)).toEqual({ from: arica('06:00'), to: now });
    expect(periodFor('previousShift', now)).toEqual({ from: Date.parse('2025-11-30T18:00:00-03:00'), to: arica('06:00') });
  });

  it('reads and writes wall-clock times in Arica, and in Lima', () => {
    expect(zonedToInstant('2025-12-01T06:00')).toBe(arica('06:00'));
    expect(zonedToInstant('2025-12-01T06:00', 'America/Lima')).toBe(Date.parse('2025-12-01T06:00:00-05:00'));
    // Winter: Chile on UTC−4.
    expect(zonedToInstant('2025-07-01T06:00')).toBe(Date.parse('2025-07-01T06:00:00-04:00'));
    expect(instantToZoned(arica('14:55'))).toBe('2025-12-01T14:55');
    expect(zonedToInstant('yesterday')).toBeNull();
  });

  it('names what is wrong with a period typed in', () => {
    expect(periodProblem({ from: null, to: arica('06:00') })).toBe('handover.period.invalid');
    expect(periodProblem({ from: arica('18:00'), to: arica('06:00') })).toBe('handover.period.order');
    expect(periodProblem({ from: arica('06:00') - 49 * HOUR, to: arica('06:00') })).toBe('handover.period.tooLong');
    expect(periodProblem({ from: arica('06:00'), to: arica('18:00') })).toBeNull();
  });

  it('asks the API in UTC and names the download after the period in Arica time', () => {
    const period = { from: arica('06:00'), to: arica('18:00') };
    expect(handoverQueryString(period, 'live')).toBe('from=2025-12-01T09%3A00%3A00.000Z&to=2025-12-01T21%3A00%3A00.000Z');
    expect(handoverQueryString(period, 'training:abc')).toContain('channel=training%3Aabc');
    expect(downloadName(period)).toBe('concordia-relevo-2025-12-01T0600-1800.json');
  });

  it('opens on the period in the address, a preset, or the last 12 h', () => {
    const now = arica('14:55');
    expect(periodFromAddress({}, now)).toEqual({ period: { from: now - 12 * HOUR, to: now }, choice: 'last12h', given: false });
    expect(periodFromAddress({ period: 'currentShift' }, now)).toEqual({
      period: { from: arica('06:00'), to: now },
      choice: 'currentShift',
      given: false,
    });
    expect(periodFromAddress({ from: '2025-12-01T06:00:00-03:00', to: '2025-12-01T08:00:00-03:00' }, now)).toEqual({
      period: { from: arica('06:00'), to: arica('08:00') },
      choice: 'custom',
      given: true,
    });
    expect(periodFromAddress({ from: 'nonsense', to: '2025-12-01T08:00:00-03:00', period: 'bogus' }, now).choice).toBe('last12h');
  });
});
