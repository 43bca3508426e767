import { describe, expect, it } from 'vitest';
import { isGeographyCollection } from '@/components/map/layers/geographyProperties.ts';

const point = (properties: unknown) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [-70.3, -18.3] } });
const valid = { id: 'place-arica', kind: 'place', name: 'Arica', approximate: false, source: 'test' };

describe('isGeographyCollection', () => {
  it('accepts a collection whose features all carry the properties the map needs', () => {
    expect(isGeographyCollection({ type: 'FeatureCollection', features: [point(valid)] })).toBe(true);
  });

  it('rejects anything else, so a wrong file is not drawn half', () => {
    expect(isGeographyCollection(null)).toBe(false);
    expect(isGeographyCollection({ type: 'FeatureCollection', features: [point({ ...valid, kind: 'river' })] })).toBe(false);
    expect(isGeographyCollection({ type: 'FeatureCollection', features: [point({ ...valid, approximate: 'yes' })] })).toBe(false);
    expect(isGeographyCollection({ type: 'Feature', properties: valid })).toBe(false);
  });
});
