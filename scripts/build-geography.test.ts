import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BORDER_POSTS } from '../lib/geo/borderPosts.ts';
import { ARICA_TACNA_BOUNDS, isInside } from '../lib/geo/operatingArea.ts';
import { GEOGRAPHY_KINDS, type GeographyCollection, type GeographyFeature } from '../components/map/layers/geographyProperties.ts';
import { OUTPUT_PATH, buildGeography, serialize } from './build-geography.ts';

const committed = readFileSync(OUTPUT_PATH, 'utf8');
const collection = JSON.parse(committed) as GeographyCollection;
const byId = (id: string): GeographyFeature | undefined => collection.features.find((f) => f.properties.id === id);

describe('public/geo/arica-tacna.geojson', () => {
  it('is what the script builds now (run `npm run geo` after changing either)', () => {
    expect(serialize(buildGeography())).toBe(committed);
  });

  it('stays small enough to load quickly on the wall', () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(600 * 1024);
  });

  it('gives every feature kind, name, approximate and source', () => {
    for (const f of collection.features) {
      expect(GEOGRAPHY_KINDS).toContain(f.properties.kind);
      expect(typeof f.properties.name).toBe('string');
      expect(f.properties.name.length).toBeGreaterThan(0);
      expect(typeof f.properties.approximate).toBe('boolean');
      expect(typeof f.properties.source).toBe('string');
      expect(f.properties.source.length).toBeGreaterThan(0);
    }
    const ids = collection.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has Chile and Peru as land', () => {
    for (const id of ['country-cl', 'country-pe']) {
      expect(byId(id)?.properties.kind).toBe('country');
      expect(byId(id)?.geometry.type).toBe('MultiPolygon');
    }
  });

  it('has the Chile–Peru border, with its hand-drawn coastal part marked approximate', () => {
    const border = byId('border-cl-pe');
    const schematic = byId('border-cl-pe-schematic');
    expect(border?.properties).toMatchObject({ kind: 'border', approximate: false });
    expect(schematic?.properties).toMatchObject({ kind: 'border', approximate: true });
    expect(border?.geometry.type).toBe('LineString');
    // The schematic part starts at Hito 1 and ends where the Natural Earth part begins.
    if (schematic?.geometry.type !== 'LineString' || border?.geometry.type !== 'LineString') throw new Error('lines expected');
    expect(schematic.geometry.coordinates[0]).toEqual([-70.3771, -18.3505]);
    expect(schematic.geometry.coordinates.at(-1)).toEqual(border.geometry.coordinates[0]);
  });

  it('has both border complexes at the positions the rest of the app uses, marked approximate', () => {
    for (const post of Object.values(BORDER_POSTS)) {
      const f = byId(`post-${post.id}`);
      expect(f?.properties).toMatchObject({ kind: 'landmark', approximate: true, postId: post.id, name: post.name });
      expect(f?.geometry).toEqual({ type: 'Point', coordinates: [post.lon, post.lat] });
    }
  });

  it('has the Panamericana from Arica through both complexes to Tacna', () => {
    const road = byId('road-ruta-5');
    expect(road?.properties).toMatchObject({ kind: 'road', approximate: true });
    if (road?.geometry.type !== 'LineString') throw new Error('line expected');
    const points = road.geometry.coordinates.map(([lon, lat]) => `${lat},${lon}`);
    expect(points[0]).toBe('-18.4833,-70.3333');
    expect(points.at(-1)).toBe('-18.0139,-70.2511');
    expect(points).toContain(`${BORDER_POSTS.chacalluta.lat},${BORDER_POSTS.chacalluta.lon}`);
    expect(points).toContain(`${BORDER_POSTS['santa-rosa'].lat},${BORDER_POSTS['santa-rosa'].lon}`);
  });

  it('has the places and landmarks of the scenario inside the operating area', () => {
    for (const id of ['place-arica', 'place-tacna', 'landmark-hito-1', 'landmark-airport-chacalluta']) {
      const f = byId(id);
      if (f?.geometry.type !== 'Point') throw new Error(`${id} should be a point`);
      const [lon, lat] = f.geometry.coordinates;
      expect(isInside(ARICA_TACNA_BOUNDS, lat, lon)).toBe(true);
    }
    expect(byId('landmark-hito-1')?.properties.approximate).toBe(true);
  });

  it('rounds every coordinate to 1e-4°', () => {
    const numbers = committed.match(/-?\d+\.\d+/g) ?? [];
    for (const n of numbers) expect(n.split('.')[1].length).toBeLessThanOrEqual(4);
  });
});
