import { describe, expect, it } from 'vitest';
import { audienceOf, isVisibleTo, scopeOf } from './releasability.ts';

describe('releasability', () => {
  it('lets both countries see binational events', () => {
    const audience = audienceOf({ agency: 'carabineros', releasability: 'binational' });
    expect(isVisibleTo(audience, 'CL')).toBe(true);
    expect(isVisibleTo(audience, 'PE')).toBe(true);
    expect(isVisibleTo(audience, 'binational-only')).toBe(true);
  });

  it('keeps a national Carabineros event in Chile and a national PNP event in Peru', () => {
    const chilean = audienceOf({ agency: 'carabineros', releasability: 'national' });
    expect(isVisibleTo(chilean, scopeOf('pdi'))).toBe(true);
    expect(isVisibleTo(chilean, scopeOf('pnp'))).toBe(false);
    expect(isVisibleTo(chilean, scopeOf('comite-binacional'))).toBe(false);
    const peruvian = audienceOf({ agency: 'pnp', releasability: 'national' });
    expect(isVisibleTo(peruvian, scopeOf('ejercito-pe'))).toBe(true);
    expect(isVisibleTo(peruvian, scopeOf('carabineros'))).toBe(false);
  });
});
