import { describe, expect, it } from 'vitest';
import { AGENCIES } from '@/lib/contract/agencies.ts';
import { DISTINCT_AGENCIES, SHARED_LOOK_AGENCIES, agencyStyle } from '@/components/map/agencyStyle.ts';

describe('agencyStyle', () => {
  it('gives the field agencies different shapes as well as colours', () => {
    const shapes = DISTINCT_AGENCIES.map((a) => agencyStyle(a).shape);
    const colours = DISTINCT_AGENCIES.map((a) => agencyStyle(a).colour);
    expect(new Set(shapes).size).toBe(DISTINCT_AGENCIES.length);
    expect(new Set(colours).size).toBe(DISTINCT_AGENCIES.length);
    expect(shapes).toEqual(['circle', 'square', 'triangle', 'diamond']);
  });

  it('covers every agency, the rest with the shared hexagon', () => {
    expect([...DISTINCT_AGENCIES, ...SHARED_LOOK_AGENCIES].sort()).toEqual([...AGENCIES].sort());
    for (const agency of SHARED_LOOK_AGENCIES) expect(agencyStyle(agency).shape).toBe('hexagon');
  });
});
