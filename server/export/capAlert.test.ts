import { describe, expect, it } from 'vitest';
import { capDateTime } from './capAlert.ts';

describe('capDateTime', () => {
  it('keeps the sender’s offset, writes Z as +00:00 and drops fractions of a second', () => {
    expect(capDateTime('2025-12-01T14:55:00-05:00')).toBe('2025-12-01T14:55:00-05:00');
    expect(capDateTime('2025-12-01T14:55:00.250-03:00')).toBe('2025-12-01T14:55:00-03:00');
    expect(capDateTime('2025-12-01T19:55:00Z')).toBe('2025-12-01T19:55:00+00:00');
    expect(capDateTime('2025-12-31T23:30:00+05:30')).toBe('2025-12-31T23:30:00+05:30');
    expect(capDateTime('2026-01-01T00:10:00-0300')).toBe('2026-01-01T00:10:00-03:00');
  });
});
