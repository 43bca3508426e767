/**
 * Where things happen, from docs/scenario-facts.md §2. Most points are derived there ("D",
 * ±1.5 km, not surveyed); the hitos between Hito 1 and Hito 14 and the patrol tracks are placed
 * schematically here, so every one of them is synthetic and says so in the scenario's notes.
 */
import type { Position } from '../../lib/contract/events.ts';
import { PLACES, RUTA_5 as RUTA_5_ALL, SCHEMATIC_BORDER } from '../../lib/geo/places.ts';

export type LatLon = Position;
const p = (lat: number, lon: number): LatLon => ({ lat, lon });

/** The Línea de la Concordia from Hito 1 to the crossing and on east (schematic, sheet §2). */
export const BORDER_LINE: LatLon[] = [...SCHEMATIC_BORDER, p(-18.3306, -70.2097)];

/** Ruta 5 / Panamericana Sur from Arica to Santa Rosa (sheet §2, derived). */
export const RUTA_5: LatLon[] = RUTA_5_ALL.slice(0, RUTA_5_ALL.indexOf(PLACES.santaRosa) + 1);

/** Panamericana Sur from Santa Rosa toward Tacna, the first few km (Army teams deployed beside it). */
export const PANAMERICANA_PE: LatLon[] = [PLACES.santaRosa, PLACES.tacna];

const M_PER_DEG_LAT = 110_540;
const mPerDegLon = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

export function distanceM(a: LatLon, b: LatLon): number {
  const dy = (b.lat - a.lat) * M_PER_DEG_LAT;
  const dx = (b.lon - a.lon) * mPerDegLon((a.lat + b.lat) / 2);
  return Math.hypot(dx, dy);
}

export function lengthM(line: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += distanceM(line[i - 1], line[i]);
  return total;
}

/** The point `d` metres along a line, and the heading there (degrees clockwise from north). */
export function along(line: readonly LatLon[], d: number): { position: LatLon; heading: number } {
  let rest = Math.max(0, d);
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    const seg = distanceM(a, b);
    if (rest <= seg || i === line.length - 1) {
      const f = seg === 0 ? 0 : Math.min(1, rest / seg);
      return { position: p(a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f), heading: bearing(a, b) };
    }
    rest -= seg;
  }
  return { position: line[0], heading: 0 };
}

export function bearing(a: LatLon, b: LatLon): number {
  const dy = (b.lat - a.lat) * M_PER_DEG_LAT;
  const dx = (b.lon - a.lon) * mPerDegLon((a.lat + b.lat) / 2);
  return (Math.atan2(dx, dy) * 180) / Math.PI + (dx < 0 ? 360 : 0);
}

/** Moves a point `meters` toward a bearing. */
export function offset(point: LatLon, meters: number, bearingDeg: number): LatLon {
  const r = (bearingDeg * Math.PI) / 180;
  return p(point.lat + (Math.cos(r) * meters) / M_PER_DEG_LAT, point.lon + (Math.sin(r) * meters) / mPerDegLon(point.lat));
}

/**
 * A track parallel to a line, `meters` to one side: left is north-west of the border (Peru),
 * right south-east (Chile). Each vertex moves along the mean normal of its segments.
 */
export function parallel(line: readonly LatLon[], meters: number, side: 'left' | 'right'): LatLon[] {
  return line.map((point, i) => {
    const before = line[Math.max(0, i - 1)];
    const after = line[Math.min(line.length - 1, i + 1)];
    const heading = bearing(before === point ? point : before, after === point ? point : after);
    return offset(point, meters, heading + (side === 'left' ? -90 : 90));
  });
}

/** The part of a line between two distances along it. */
export function section(line: readonly LatLon[], from: number, to: number, steps = 8): LatLon[] {
  const points: LatLon[] = [];
  for (let i = 0; i <= steps; i++) points.push(along(line, from + ((to - from) * i) / steps).position);
  return points;
}

/** Hitos 1–14, evenly spaced along the schematic line (synthetic: the sheet locates Hito 1 only). */
export const HITO_COUNT = 14;
const BORDER_LENGTH = lengthM(BORDER_LINE);
export const hitoDistance = (n: number) => ((n - 1) / (HITO_COUNT - 1)) * BORDER_LENGTH;
export const hito = (n: number): LatLon => along(BORDER_LINE, hitoDistance(n)).position;

export function nearestHito(point: LatLon): number {
  let best = 1;
  for (let n = 2; n <= HITO_COUNT; n++) if (distanceM(point, hito(n)) < distanceM(point, hito(best))) best = n;
  return best;
}

export function rounded(point: LatLon): LatLon {
  return p(Math.round(point.lat * 1e5) / 1e5, Math.round(point.lon * 1e5) / 1e5);
}
