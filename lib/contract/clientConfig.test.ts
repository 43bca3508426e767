import { describe, expect, it } from 'vitest';
import { readClientConfig } from './clientConfig.ts';
import { clientConfigSchema, type ClientConfig } from './http.ts';

const VALID: ClientConfig = {
  unitFadeMinutes: 30,
  feedKeepMinutes: 120,
  tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
  bounds: { south: -18.6, west: -70.6, north: -17.4, east: -69.5 },
  maxTextLength: 2000,
  maxBatchSize: 500,
};

/** Each top-level and bounds field replaced by values on and beyond the schema's edges. */
const REPLACEMENTS: Record<string, unknown[]> = {
  unitFadeMinutes: [1, 0.5, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, '30', null, undefined],
  feedKeepMinutes: [1, 0, -5, '120', null, undefined],
  tileUrl: [null, '', 'x', 3, undefined],
  maxTextLength: [1, 0, 1.5, -1, 2 ** 53, '2000', null, undefined],
  maxBatchSize: [1, 0, 2.5, null, undefined],
  bounds: [null, [], 'bounds', {}, { ...VALID.bounds, extra: 1 }, undefined],
  'bounds.south': [-90, -91, -17.4, -17.3, Number.NaN, '1', undefined],
  'bounds.north': [90, 91, -18.6, '1', undefined],
  'bounds.west': [-180, -181, -69.5, null, undefined],
  'bounds.east': [180, 181, -70.6, undefined],
};

function variants(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [
    ['valid', VALID],
    ['null', null],
    ['array', [VALID]],
    ['string', JSON.stringify(VALID)],
    ['extra top-level key', { ...VALID, secret: 'x' }],
    ['no tile server', { ...VALID, tileUrl: null }],
  ];
  for (const [path, values] of Object.entries(REPLACEMENTS)) {
    const [outer, inner] = path.split('.');
    for (const value of values) {
      const copy: Record<string, unknown> = { ...VALID, bounds: { ...VALID.bounds } };
      if (inner) (copy[outer] as Record<string, unknown>)[inner] = value;
      else copy[outer] = value;
      out.push([`${path} = ${String(value)}`, JSON.parse(JSON.stringify(copy, (_k, v: unknown) => (v === undefined ? null : v)))]);
      out.push([`${path} = ${String(value)} (raw)`, copy]);
    }
  }
  return out;
}

describe('readClientConfig, the wall’s zod-free reader', () => {
  it.each(variants())('agrees with clientConfigSchema: %s', (_name, value) => {
    const parsed = clientConfigSchema.safeParse(value);
    expect(readClientConfig(value)).toEqual(parsed.success ? parsed.data : null);
  });

  it('accepts the valid reply and drops keys the contract does not name', () => {
    expect(readClientConfig({ ...VALID, secret: 'x' })).toEqual(VALID);
  });

  it('refuses bounds turned inside out', () => {
    expect(readClientConfig({ ...VALID, bounds: { ...VALID.bounds, south: VALID.bounds.north } })).toBeNull();
  });
});
