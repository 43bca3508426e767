/**
 * The operating area and the map's first view, apart from region.ts (which holds the bounds'
 * schema) so a wall's bundle can use them without zod.
 */
/** A latitude/longitude box in WGS84 decimal degrees (region.ts's RegionBounds, whose schema is checked against it). */
export interface LatLonBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/**
 * The Arica–Tacna operating area: from south of Arica to north of Tacna city, from the coast to
 * Palca in the Andes (the districts of Peru's Dec 2025 emergency decree). Reports outside it are
 * far more likely to be a swapped lat/lon or a GPS glitch than a real position.
 */
export const ARICA_TACNA_BOUNDS: LatLonBox = {
  south: -18.8,
  west: -71.0,
  north: -17.4,
  east: -69.4,
};

/**
 * The map's first view on a 1920×1080 wall: the border line from Hito 1 to the complexes as large
 * as possible while Arica and Tacna city stay on screen (zoom 11.5 ≈ 51 m a pixel here).
 */
export const INITIAL_VIEW = { center: { lat: -18.25, lon: -70.29 }, zoom: 11.5 } as const;

/**
 * What a wall frames when nobody has touched it: Arica and Tacna, both border complexes, Hito 1 and
 * both country names (the map fits this box to whatever screen it is on, 1280×720 to 4K).
 */
export const WHOLE_AREA_FRAME: LatLonBox = {
  south: -18.52,
  west: -70.5,
  north: -17.99,
  east: -70.05,
};

export function isInside(bounds: LatLonBox, lat: number, lon: number): boolean {
  return lat >= bounds.south && lat <= bounds.north && lon >= bounds.west && lon <= bounds.east;
}
