/**
 * Where simulated units drive: the Chile–Peru border line and the Panamericana (Ruta 5), built
 * from the places the base geography is built from (lib/geo/places.ts) plus the first stretch of
 * the Natural Earth border; routes.test.ts checks they still match public/geo/arica-tacna.geojson.
 * Positions are approximate, like the geography they come from.
 */
import { RUTA_5, SCHEMATIC_BORDER, type LatLonPoint } from '../../lib/geo/places.ts';

/** [longitude, latitude], as in GeoJSON. */
export type LonLat = readonly [number, number];

const lonLat = (point: LatLonPoint): LonLat => [point.lon, point.lat];

/** The first stretch of `border-cl-pe` (Natural Earth), east of the schematic line into the hills. */
const NATURAL_EARTH_JOIN: LonLat = [-70.2097, -18.3306];
export const BORDER_EAST: readonly LonLat[] = [
  NATURAL_EARTH_JOIN,
  [-70.1593, -18.3256],
  [-70.1341, -18.3188],
  [-70.0621, -18.28],
  [-70.0405, -18.2732],
  [-70.0117, -18.2732],
];

/** `border-cl-pe-schematic`: Hito 1 on the coast to the complexes and on to the Natural Earth border. */
export const BORDER_SCHEMATIC: readonly LonLat[] = [...SCHEMATIC_BORDER.map(lonLat), NATURAL_EARTH_JOIN];

/** `road-ruta-5`: Arica, Chacalluta, Santa Rosa, Tacna. */
export const PANAMERICANA: readonly LonLat[] = RUTA_5.map(lonLat);

/** Which side of the border a route keeps to, so each country's units stay on its own ground. */
export type Side = 'CL' | 'PE';

export interface Route {
  id: string;
  /** Spoken name, for reports: "sector Hito 1". */
  sector: string;
  points: readonly LonLat[];
}

/**
 * The border lines, moved about 400 m to one side: Chile lies south of the line here and Peru
 * north, so a latitude shift is enough at this scale.
 */
const SIDE_SHIFT_DEG = 0.0036;
const shifted = (points: readonly LonLat[], side: Side): LonLat[] =>
  points.map(([lon, lat]) => [lon, lat + (side === 'CL' ? -SIDE_SHIFT_DEG : SIDE_SHIFT_DEG)] as const);

export const ROUTES = {
  'panamericana-cl': { id: 'panamericana-cl', sector: 'Panamericana, Arica–Chacalluta', points: PANAMERICANA.slice(0, 4) },
  'panamericana-pe': { id: 'panamericana-pe', sector: 'Panamericana, Santa Rosa–Tacna', points: PANAMERICANA.slice(4) },
  'chacalluta-approach': { id: 'chacalluta-approach', sector: 'acceso a Chacalluta', points: PANAMERICANA.slice(2, 4) },
  'border-west-cl': { id: 'border-west-cl', sector: 'Hito 1–Chacalluta', points: shifted(BORDER_SCHEMATIC.slice(0, 5), 'CL') },
  'border-west-pe': { id: 'border-west-pe', sector: 'Hito 1–Santa Rosa', points: shifted(BORDER_SCHEMATIC.slice(0, 5), 'PE') },
  'border-east-cl': { id: 'border-east-cl', sector: 'línea fronteriza este', points: shifted([BORDER_SCHEMATIC[4], ...BORDER_EAST], 'CL') },
  'border-east-pe': { id: 'border-east-pe', sector: 'línea fronteriza este', points: shifted([BORDER_SCHEMATIC[4], ...BORDER_EAST], 'PE') },
} satisfies Record<string, Route>;
export type RouteId = keyof typeof ROUTES;

/** Approximate metres between two nearby points (equirectangular: ample at a few km). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const latRad = (((a[1] + b[1]) / 2) * Math.PI) / 180;
  const dx = (b[0] - a[0]) * Math.cos(latRad) * 111_320;
  const dy = (b[1] - a[1]) * 110_540;
  return Math.hypot(dx, dy);
}

export function routeLength(route: Route): number {
  let total = 0;
  for (let i = 1; i < route.points.length; i++) total += metresBetween(route.points[i - 1], route.points[i]);
  return total;
}

/** The point `distance` metres along the route (clamped to its ends) and the heading there. */
export function pointAlong(route: Route, distance: number): { lon: number; lat: number; heading: number } {
  let left = Math.max(0, distance);
  for (let i = 1; i < route.points.length; i++) {
    const a = route.points[i - 1];
    const b = route.points[i];
    const length = metresBetween(a, b);
    if (left <= length || i === route.points.length - 1) {
      const f = length === 0 ? 0 : Math.min(1, left / length);
      return { lon: a[0] + (b[0] - a[0]) * f, lat: a[1] + (b[1] - a[1]) * f, heading: bearing(a, b) };
    }
    left -= length;
  }
  const [lon, lat] = route.points[0];
  return { lon, lat, heading: 0 };
}

/** Degrees clockwise from north, from a to b. */
export function bearing(a: LonLat, b: LonLat): number {
  const latRad = (((a[1] + b[1]) / 2) * Math.PI) / 180;
  const dx = (b[0] - a[0]) * Math.cos(latRad);
  const dy = b[1] - a[1];
  const degrees = (Math.atan2(dx, dy) * 180) / Math.PI;
  return (degrees + 360) % 360;
}
