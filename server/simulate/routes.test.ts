import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BORDER_EAST, BORDER_SCHEMATIC, PANAMERICANA, bearing, metresBetween, pointAlong, routeLength, ROUTES } from './routes.ts';

const geography = JSON.parse(readFileSync(new URL('../../public/geo/arica-tacna.geojson', import.meta.url), 'utf8')) as {
  features: Array<{ properties: { id: string }; geometry: { coordinates: number[][] } }>;
};
const line = (id: string) => geography.features.find((f) => f.properties.id === id)!.geometry.coordinates;

describe('simulator routes', () => {
  it('follow the base geography the map draws', () => {
    expect(BORDER_SCHEMATIC).toEqual(line('border-cl-pe-schematic'));
    expect(PANAMERICANA).toEqual(line('road-ruta-5'));
    expect(BORDER_EAST).toEqual(line('border-cl-pe').slice(0, BORDER_EAST.length));
  });

  it('measure distances and bearings plausibly', () => {
    // Arica to Tacna along Ruta 5 is about 55 km.
    expect(routeLength({ id: 'r', sector: '', points: PANAMERICANA }) / 1000).toBeGreaterThan(50);
    expect(routeLength({ id: 'r', sector: '', points: PANAMERICANA }) / 1000).toBeLessThan(60);
    expect(metresBetween([-70.3, -18.3], [-70.3, -18.31])).toBeCloseTo(1105, -1);
    expect(bearing([-70.3, -18.3], [-70.3, -18.2])).toBeCloseTo(0);
    expect(bearing([-70.3, -18.3], [-70.2, -18.3])).toBeCloseTo(90);
  });

  it('walks a route from one end to the other, clamped at both', () => {
    const route = ROUTES['panamericana-pe'];
    expect(pointAlong(route, -5)).toMatchObject({ lon: route.points[0][0], lat: route.points[0][1] });
    const end = route.points[route.points.length - 1];
    expect(pointAlong(route, routeLength(route) + 100)).toMatchObject({ lon: end[0], lat: end[1] });
  });
});
