import { describe, expect, it } from 'vitest';
import { agencyStyle } from '@/components/map/agencyStyle.ts';
import { parseCssVar } from '@/components/map/cssColour.ts';

describe('parseCssVar', () => {
  it('splits a theme variable from its fallback', () => {
    expect(parseCssVar('var(--color-pdi, #4c8dff)')).toEqual({ variable: '--color-pdi', fallback: '#4c8dff' });
  });

  it('keeps a fallback that has commas of its own', () => {
    expect(parseCssVar('var(--shade, rgba(10, 14, 22, 0.6))')).toEqual({ variable: '--shade', fallback: 'rgba(10, 14, 22, 0.6)' });
  });

  it('passes a plain colour through', () => {
    expect(parseCssVar('#0b0f17')).toEqual({ fallback: '#0b0f17' });
  });

  it('reads every agency colour as a variable with a hex fallback', () => {
    for (const agency of ['carabineros', 'pdi', 'pnp', 'ejercito-pe', 'sermig'] as const) {
      expect(parseCssVar(agencyStyle(agency).colour).fallback).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});
