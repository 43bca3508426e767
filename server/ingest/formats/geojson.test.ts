import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseGeoJson } from './geojson.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const context = { source: 'carabineros-geojson' };

describe('GeoJSON normaliser', () => {
  it('takes properties as event fields and the Point as position ([lon, lat]), null geometry for events without one', () => {
    const expected = JSON.parse(fixture('carabineros-units.json'));
    const items = normaliseGeoJson(fixture('carabineros-units.geojson'), context);
    expect(items.map((i) => ('event' in i ? i.event : i))).toEqual(expected);
    expect(items.map((i) => i.line)).toEqual([4, 11, 18, 26]);
  });

  it('reports each bad feature at the line it starts', () => {
    const items = normaliseGeoJson(fixture('carabineros-bad.geojson'), context);
    expect(items.map((i) => [i.line, 'event' in i ? 'ok' : i.problems.map((p) => p.field)])).toEqual([
      [4, 'ok'],
      [6, ['geometry']],
      [8, 'ok'], // swapped coordinates: refused later by the contract's schema, as geometry.coordinates[1]
      [10, ['properties']],
      [11, ['type']],
      [12, 'ok'], // an unknown property: refused later by the schema
      [14, 'ok'],
    ]);
  });

  it('refuses malformed JSON naming the line, and anything but a FeatureCollection', () => {
    expect(() => normaliseGeoJson('{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",}\n]}', context)).toThrow(
      /malformed JSON at line 3/,
    );
    expect(() => normaliseGeoJson('{"type": "Feature", "geometry": null, "properties": {}}', context)).toThrow(/FeatureCollection/);
    expect(() => normaliseGeoJson('', context)).toThrow(/malformed JSON/);
  });
});
