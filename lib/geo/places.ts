/**
 * Named places of the operating area, from docs/scenario-facts.md §2: the one copy the
 * geography builder, the scenario generator, the simulator and the training console read. Most
 * points are derived there ("D", ±1.5 km, not surveyed); the border posts live in borderPosts.ts.
 * Plain numbers (no zod), so any bundle may import it.
 */
import { BORDER_POSTS } from './borderPosts.ts';

/** A point in WGS84 decimal degrees. */
export interface LatLonPoint {
  lat: number;
  lon: number;
}

const p = (lat: number, lon: number): LatLonPoint => ({ lat, lon });

export const PLACES = {
  santaRosa: p(BORDER_POSTS['santa-rosa'].lat, BORDER_POSTS['santa-rosa'].lon),
  chacalluta: p(BORDER_POSTS.chacalluta.lat, BORDER_POSTS.chacalluta.lon),
  /** Where the Panamericana crosses the line, between the two complexes. */
  crossing: p(-18.3151, -70.315),
  /** The roadside strip between the complexes, on the Chilean side of the line. */
  strip: p(-18.3163, -70.3154),
  hito1: p(-18.3505, -70.3771),
  arica: p(-18.4833, -70.3333),
  tacna: p(-18.0139, -70.2511),
  /** Fuerte Arica is not located in the sheet: placed near Tacna's centre (synthetic). */
  fuerteArica: p(-18.0085, -70.2445),
  airport: p(-18.3486, -70.3386),
} as const satisfies Record<string, LatLonPoint>;

/** The treaty's 10 km arc from Hito 1 on the coast to the crossing, drawn as a few straight pieces. */
export const SCHEMATIC_BORDER: readonly LatLonPoint[] = [
  PLACES.hito1,
  p(-18.3374, -70.3647),
  p(-18.3269, -70.3498),
  p(-18.3193, -70.333),
  PLACES.crossing,
];

/** Ruta 5 (Chile) / Panamericana Sur (Peru): Arica north past the airport to both complexes, then Tacna. */
export const RUTA_5: readonly LatLonPoint[] = [
  PLACES.arica,
  p(-18.41, -70.31),
  p(-18.35, -70.32),
  PLACES.chacalluta,
  PLACES.santaRosa,
  PLACES.tacna,
];
