/**
 * The shape of public/geo/arica-tacna.geojson, shared by the script that writes it
 * (scripts/build-geography.ts) and the layer that draws it (BaseGeographyLayer).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export const GEOGRAPHY_URL = '/geo/arica-tacna.geojson';

export const GEOGRAPHY_KINDS = ['country', 'border', 'road', 'place', 'landmark'] as const;
export type GeographyKind = (typeof GEOGRAPHY_KINDS)[number];

/**
 * What a point is, so the map can size its label: a city, a country or sea name (label only, no
 * dot), a border post (its label is drawn by PostMarkersLayer with the queue counts), or any other
 * landmark.
 */
export type PlaceRole = 'city' | 'country' | 'sea' | 'post' | 'airport' | 'boundary-marker';

export interface GeographyProperties {
  /** Stable id, e.g. "border-cl-pe" or "post-santa-rosa": tests and styles use it. */
  id: string;
  kind: GeographyKind;
  name: string;
  /** True for hand-placed positions or lines (D in scenario-facts.md): not for navigation. */
  approximate: boolean;
  /** Where the geometry comes from. */
  source: string;
  /** Points only. */
  role?: PlaceRole;
  /** Set on the two border complexes: the id in lib/geo/borderPosts.ts. */
  postId?: string;
}

export type GeographyFeature = Feature<Geometry, GeographyProperties>;
export type GeographyCollection = FeatureCollection<Geometry, GeographyProperties>;

/** Guards the fetched file: a broken or foreign file is ignored rather than drawn half. */
export function isGeographyCollection(value: unknown): value is GeographyCollection {
  if (typeof value !== 'object' || value === null) return false;
  const fc = value as { type?: unknown; features?: unknown };
  return (
    fc.type === 'FeatureCollection' &&
    Array.isArray(fc.features) &&
    fc.features.every((f) => hasGeographyProperties((f as { properties?: unknown })?.properties))
  );
}

export function hasGeographyProperties(value: unknown): value is GeographyProperties {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.id === 'string' &&
    (GEOGRAPHY_KINDS as readonly unknown[]).includes(p.kind) &&
    typeof p.name === 'string' &&
    typeof p.approximate === 'boolean' &&
    typeof p.source === 'string'
  );
}
