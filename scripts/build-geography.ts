/**
 * Writes public/geo/arica-tacna.geojson, the offline base map of the wall (no tile server needed).
 *
 *   npx tsx scripts/build-geography.ts      (or: npm run geo)
 *
 * Where the data comes from:
 * - Countries and international borders: Natural Earth 1:10m admin-0 countries, as TopoJSON in the
 *   `world-atlas` 2.0.2 package (Natural Earth is public domain). Polygons are clipped to a box
 *   around the region and rounded to 1e-4° (~11 m; the source is quantised to ~400 m anyway).
 * - Everything else is placed by hand from docs/scenario-facts.md §2: the border complexes,
 *   Hito 1, the schematic Línea de la Concordia and the Panamericana. Those marked D there are
 *   derived, not surveyed (±1.5 km) and carry `approximate: true`. Verify them against OSM or
 *   imagery before trainers rely on them.
 *
 * One deliberate change to Natural Earth: at 1:10m its Chile–Peru line meets the coast ~2 km from
 * Hito 1 and passes ~500 m south of the Chacalluta complex, which would put a Chilean post in Peru
 * on the wall. West of the Panamericana crossing that line is therefore replaced by the schematic
 * line (Hito 1 → crossing), which joins the Natural Earth line at its first vertex east of it.
 *
 * The output is deterministic (same input, same bytes) so the committed file can be checked
 * against a fresh build (see build-geography.test.ts).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BORDER_POSTS } from '../lib/geo/borderPosts.ts';
import { PLACES, RUTA_5 as RUTA_5_POINTS, SCHEMATIC_BORDER as SCHEMATIC_BORDER_POINTS, type LatLonPoint } from '../lib/geo/places.ts';
import type { GeographyCollection, GeographyFeature, GeographyProperties } from '../components/map/layers/geographyProperties.ts';

// topojson-client ships a UMD bundle as `main`; require() loads it the same way under tsx and Vitest.
const require = createRequire(import.meta.url);
const topojson = require('topojson-client') as typeof import('topojson-client');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT_PATH = resolve(ROOT, 'public/geo/arica-tacna.geojson');

/** Countries are kept inside this box: wide enough for the wall's furthest zoom-out, small on disk. */
export const CLIP_BOX = { south: -24, west: -78, north: -10, east: -66 } as const;
/** Coordinates are rounded to this many decimals (1e-4° ≈ 11 m). */
const DECIMALS = 4;

const NATURAL_EARTH = 'Natural Earth 1:10m admin-0 (public domain), via world-atlas 2.0.2';
const FACTS = 'docs/scenario-facts.md §2';
const DERIVED = `${FACTS}, D: derived, ±1.5 km, not surveyed`;

/** Natural Earth countries by ISO 3166 numeric id (as world-atlas keys them). */
const COUNTRIES = [
  { numericId: '152', iso: 'cl', name: 'Chile' },
  { numericId: '604', iso: 'pe', name: 'Perú' },
  { numericId: '068', iso: 'bo', name: 'Bolivia' },
  { numericId: '032', iso: 'ar', name: 'Argentina' },
] as const;
type CountryIso = (typeof COUNTRIES)[number]['iso'];

/** [lon, lat] of the points in scenario-facts.md §2 (the table gives lat, lon). */
const at = (lat: number, lon: number): Position => [lon, lat];

const lonLat = (point: LatLonPoint): Position => [point.lon, point.lat];

const HITO_1 = lonLat(PLACES.hito1);
/** Where the Panamericana crosses the line, between the two complexes. */
const PANAMERICANA_CROSSING = lonLat(PLACES.crossing);
/** The treaty's 10 km arc from the Lluta rail bridge, drawn as a few straight pieces. */
const SCHEMATIC_BORDER: Position[] = SCHEMATIC_BORDER_POINTS.map(lonLat);
const ARICA = lonLat(PLACES.arica);
const TACNA = lonLat(PLACES.tacna);
const CHACALLUTA_POST = lonLat(PLACES.chacalluta);
const SANTA_ROSA_POST = lonLat(PLACES.santaRosa);
/** Ruta 5 (Chile) / Panamericana Sur (Peru): Arica north past the airport to both complexes, then Tacna. */
const RUTA_5: Position[] = RUTA_5_POINTS.map(lonLat);

// ---------------------------------------------------------------------------------------------
// Geometry helpers (plain lon/lat: the region is small and far from the poles and antimeridian)

type Box = { south: number; west: number; north: number; east: number };

const round = (v: number) => Number(v.toFixed(DECIMALS));
const roundPoint = (p: Position): Position => [round(p[0]), round(p[1])];
const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** Rounds and drops the repeated points that rounding creates. */
function roundLine(points: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of points.map(roundPoint)) if (out.length === 0 || !samePoint(out[out.length - 1], p)) out.push(p);
  return out;
}

/** Closed ring after rounding, or null when too little is left to enclose an area. */
function roundRing(ring: readonly Position[]): Position[] | null {
  const out = roundLine(ring);
  if (out.length > 1 && samePoint(out[0], out[out.length - 1])) out.pop();
  if (out.length < 3) return null;
  out.push(out[0]);
  return out;
}

/**
 * Sutherland–Hodgman clipping of one ring against the box. A concave country can come out with
 * zero-width slivers along the box edge; they lie at the edge of the data, far outside the view.
 */
function clipRing(ring: readonly Position[], box: Box): Position[] {
  const edges: Array<{ inside: (p: Position) => boolean; cut: (a: Position, b: Position) => Position }> = [
    { inside: (p) => p[0] >= box.west, cut: (a, b) => atLon(a, b, box.west) },
    { inside: (p) => p[0] <= box.east, cut: (a, b) => atLon(a, b, box.east) },
    { inside: (p) => p[1] >= box.south, cut: (a, b) => atLat(a, b, box.south) },
    { inside: (p) => p[1] <= box.north, cut: (a, b) => atLat(a, b, box.north) },
  ];
  let points = ring.slice(0, -1); // open ring
  for (const edge of edges) {
    const input = points;
    points = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i];
      const previous = input[(i + input.length - 1) % input.length];
      if (edge.inside(current)) {
        if (!edge.inside(previous)) points.push(edge.cut(previous, current));
        points.push(current);
      } else if (edge.inside(previous)) {
        points.push(edge.cut(previous, current));
      }
    }
    if (points.length === 0) break;
  }
  return points.length > 0 ? [...points, points[0]] : [];
}

function atLon(a: Position, b: Position, lon: number): Position {
  const t = (lon - a[0]) / (b[0] - a[0]);
  return [lon, a[1] + t * (b[1] - a[1])];
}

function atLat(a: Position, b: Position, lat: number): Position {
  const t = (lat - a[1]) / (b[1] - a[1]);
  return [a[0] + t * (b[0] - a[0]), lat];
}

/** Clips and rounds a (multi)polygon; null when nothing of it is inside the box. */
function clipPolygons(geometry: Polygon | MultiPolygon, box: Box): MultiPolygon | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept: Position[][][] = [];
  for (const polygon of polygons) {
    const rings = polygon.map((ring) => roundRing(clipRing(ring, box)));
    const [outer, ...holes] = rings;
    if (!outer) continue; // a hole cannot survive without its outer ring
    kept.push([outer, ...holes.filter((h): h is Position[] => h !== null)]);
  }
  return kept.length > 0 ? { type: 'MultiPolygon', coordinates: kept } : null;
}

/** Liang–Barsky clipping of each segment; consecutive kept pieces are joined into one line. */
function clipLines(lines: readonly Position[][], box: Box): Position[][] {
  const out: Position[][] = [];
  for (const line of lines) {
    let current: Position[] = [];
    for (let i = 1; i < line.length; i++) {
      const piece = clipSegment(line[i - 1], line[i], box);
      if (!piece) {
        if (current.length > 1) out.push(current);
        current = [];
        continue;
      }
      if (current.length === 0 || !samePoint(current[current.length - 1], piece[0])) {
        if (current.length > 1) out.push(current);
        current = [piece[0]];
      }
      current.push(piece[1]);
    }
    if (current.length > 1) out.push(current);
  }
  return out.map(roundLine).filter((l) => l.length > 1);
}

function clipSegment(a: Position, b: Position, box: Box): [Position, Position] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const checks: Array<[number, number]> = [
    [-dx, a[0] - box.west],
    [dx, box.east - a[0]],
    [-dy, a[1] - box.south],
    [dy, box.north - a[1]],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return null;
  }
  const point = (t: number): Position => (t === 0 ? a : t === 1 ? b : [a[0] + t * dx, a[1] + t * dy]);
  return [point(t0), point(t1)];
}

// ---------------------------------------------------------------------------------------------
// Features

function feature(geometry: Geometry, properties: GeographyProperties): GeographyFeature {
  // Key order fixed here so the output is byte-for-byte stable.
  const { id, kind, name, approximate, source, role, postId } = properties;
  return {
    type: 'Feature',
    properties: { id, kind, name, approximate, source, ...(role ? { role } : {}), ...(postId ? { postId } : {}) },
    geometry,
  };
}

type CountriesObject = GeometryCollection<{ name: string }>;

function loadTopology(): Topology<{ countries: CountriesObject }> {
  const path = require.resolve('world-atlas/countries-10m.json');
  return JSON.parse(readFileSync(path, 'utf8'));
}

function countryFeatures(topology: Topology<{ countries: CountriesObject }>): GeographyFeature[] {
  const out: GeographyFeature[] = [];
  for (const country of COUNTRIES) {
    const object = topology.objects.countries.geometries.find((g) => g.id === country.numericId);
    if (!object) throw new Error(`Natural Earth has no country ${country.numericId} (${country.name})`);
    const converted = topojson.feature(topology, object);
    if (converted.type !== 'Feature') throw new Error(`${country.name} is a collection, expected one feature`);
    const geometry = converted.geometry;
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      throw new Error(`${country.name} is a ${geometry.type}, expected polygons`);
    }
    const clipped = clipPolygons(geometry, CLIP_BOX);
    if (!clipped) continue; // not within view: leave it out
    out.push(
      feature(clipped, { id: `country-${country.iso}`, kind: 'country', name: country.name, approximate: false, source: NATURAL_EARTH }),
    );
  }
  return out;
}

/** The land border between two countries, as Natural Earth draws it. */
function borderBetween(topology: Topology<{ countries: CountriesObject }>, a: CountryIso, b: CountryIso): Position[][] {
  const ids = new Set<string>([a, b].map((iso) => COUNTRIES.find((c) => c.iso === iso)!.numericId));
  const mesh: MultiLineString = topojson.mesh(
    topology,
    topology.objects.countries,
    (x, y) => x !== y && ids.has(String(x.id)) && ids.has(String(y.id)),
  );
  return mesh.coordinates;
}

function nameOf(iso: CountryIso): string {
  return COUNTRIES.find((c) => c.iso === iso)!.name;
}

/** Chile–Peru: Natural Earth east of the Panamericana, the schematic line west of it (see header). */
function chilePeruBorder(topology: Topology<{ countries: CountriesObject }>): GeographyFeature[] {
  const lines = borderBetween(topology, 'cl', 'pe');
  if (lines.length !== 1) throw new Error(`expected one Chile–Peru line, got ${lines.length}`);
  // Natural Earth draws it from the coast inland; keep what lies east of the crossing.
  const line = lines[0][0][0] < lines[0][lines[0].length - 1][0] ? lines[0] : [...lines[0]].reverse();
  const east = line.filter((p) => p[0] > PANAMERICANA_CROSSING[0]);
  if (east.length < 2) throw new Error('the Natural Earth Chile–Peru line has nothing east of the crossing');
  return [
    feature(
      { type: 'LineString', coordinates: roundLine(east) },
      {
        id: 'border-cl-pe',
        kind: 'border',
        name: 'Límite Chile–Perú',
        approximate: false,
        source: `${NATURAL_EARTH}; west of the Panamericana replaced by border-cl-pe-schematic`,
      },
    ),
    feature(
      { type: 'LineString', coordinates: roundLine([...SCHEMATIC_BORDER, east[0]]) },
      {
        id: 'border-cl-pe-schematic',
        kind: 'border',
        name: 'Línea de la Concordia, Hito 1 – Panamericana (esquemática)',
        approximate: true,
        source: `${DERIVED}; treaty arc from the Lluta rail bridge, joined to Natural Earth east of the road`,
      },
    ),
  ];
}

/** The other land borders, for orientation only (Bolivia's corner is at the edge of the region). */
function otherBorders(topology: Topology<{ countries: CountriesObject }>): GeographyFeature[] {
  const pairs: Array<[CountryIso, CountryIso]> = [
    ['pe', 'bo'],
    ['cl', 'bo'],
    ['cl', 'ar'],
    ['bo', 'ar'],
  ];
  const out: GeographyFeature[] = [];
  for (const [a, b] of pairs) {
    const lines = clipLines(borderBetween(topology, a, b), CLIP_BOX);
    if (lines.length === 0) continue;
    const geometry: LineString | MultiLineString =
      lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines };
    out.push(
      feature(geometry, {
        id: `border-${a}-${b}`,
        kind: 'border',
        name: `Límite ${nameOf(a)}–${nameOf(b)}`,
        approximate: false,
        source: NATURAL_EARTH,
      }),
    );
  }
  return out;
}

function handPlacedFeatures(): GeographyFeature[] {
  const point = (coordinates: Position): Geometry => ({ type: 'Point', coordinates: roundPoint(coordinates) });
  return [
    feature(
      { type: 'LineString', coordinates: roundLine(RUTA_5) },
      {
        id: 'road-ruta-5',
        kind: 'road',
        name: 'Ruta 5 / Panamericana Sur',
        approximate: true,
        source: `${DERIVED}; Arica–Tacna 58 km by road, drawn as straight pieces between known points`,
      },
    ),
    feature(point(ARICA), {
      id: 'place-arica',
      kind: 'place',
      name: 'Arica',
      approximate: false,
      source: `${FACTS} (city centre, coarse)`,
      role: 'city',
    }),
    feature(point(TACNA), {
      id: 'place-tacna',
      kind: 'place',
      name: 'Tacna',
      approximate: false,
      source: `${FACTS} (Arco Parabólico)`,
      role: 'city',
    }),
    // Label anchors, chosen so both names sit on their side of the line inside the whole-area
    // framing (lib/geo/operatingArea.ts WHOLE_AREA_FRAME), between Arica and Tacna.
    feature(point(at(-18.08, -70.42)), {
      id: 'label-pe',
      kind: 'place',
      name: 'PERÚ',
      approximate: false,
      source: 'label position',
      role: 'country',
    }),
    feature(point(at(-18.25, -70.1)), {
      id: 'label-cl',
      kind: 'place',
      name: 'CHILE',
      approximate: false,
      source: 'label position',
      role: 'country',
    }),
    feature(point(at(-17.75, -69.1)), {
      id: 'label-bo',
      kind: 'place',
      name: 'BOLIVIA',
      approximate: false,
      source: 'label position',
      role: 'country',
    }),
    feature(point(at(-18.3, -70.75)), {
      id: 'label-pacific',
      kind: 'place',
      name: 'Océano Pacífico',
      approximate: false,
      source: 'label position',
      role: 'sea',
    }),
    feature(point(HITO_1), {
      id: 'landmark-hito-1',
      kind: 'landmark',
      name: 'Hito 1',
      approximate: true,
      source: DERIVED,
      role: 'boundary-marker',
    }),
    feature(point(CHACALLUTA_POST), {
      id: 'post-chacalluta',
      kind: 'landmark',
      name: BORDER_POSTS.chacalluta.name,
      approximate: true,
      source: `${DERIVED} (lib/geo/borderPosts.ts)`,
      role: 'post',
      postId: 'chacalluta',
    }),
    feature(point(SANTA_ROSA_POST), {
      id: 'post-santa-rosa',
      kind: 'landmark',
      name: BORDER_POSTS['santa-rosa'].name,
      approximate: true,
      source: `${DERIVED} (lib/geo/borderPosts.ts)`,
      role: 'post',
      postId: 'santa-rosa',
    }),
    feature(point(lonLat(PLACES.airport)), {
      id: 'landmark-airport-chacalluta',
      kind: 'landmark',
      name: 'Aeropuerto Chacalluta (ARI)',
      approximate: false,
      source: `${FACTS} (AIP Chile, aerodrome reference point)`,
      role: 'airport',
    }),
  ];
}

/** The whole collection, in drawing order: land, borders, road, then points. */
export function buildGeography(): GeographyCollection {
  const topology = loadTopology();
  const [road, ...points] = handPlacedFeatures();
  return {
    type: 'FeatureCollection',
    features: [...countryFeatures(topology), ...otherBorders(topology), ...chilePeruBorder(topology), road, ...points],
  };
}

/** One feature per line: small diffs when a point moves, and still valid JSON. */
export function serialize(collection: GeographyCollection): string {
  const lines = collection.features.map((f: Feature) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

function main(): void {
  const text = serialize(buildGeography());
  mkdirSync(dirname(OUTPUT_PATH), { recursive: true });
  writeFileSync(OUTPUT_PATH, text);
  console.log(`wrote ${OUTPUT_PATH} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
