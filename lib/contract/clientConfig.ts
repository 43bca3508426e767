/**
 * Reads GET /api/client-config without zod, for the wall's bundle (first-load JS budget). It
 * accepts exactly what `clientConfigSchema` (http.ts) accepts and returns what that schema would;
 * clientConfig.test.ts holds the two together so they cannot drift.
 */
import type { ClientConfig } from './http.ts';
import type { RegionBounds } from '../geo/region.ts';

const BOUNDS_KEYS = ['south', 'west', 'north', 'east'] as const;

/** The reply as `clientConfigSchema` parses it, or null when it does not match. */
export function readClientConfig(value: unknown): ClientConfig | null {
  if (!isRecord(value)) return null;
  const { unitFadeMinutes, feedKeepMinutes, tileUrl, maxTextLength, maxBatchSize } = value;
  const bounds = readBounds(value.bounds);
  if (!isPositive(unitFadeMinutes) || !isPositive(feedKeepMinutes)) return null;
  if (tileUrl !== null && (typeof tileUrl !== 'string' || tileUrl.length === 0)) return null;
  if (!bounds || !isCount(maxTextLength) || !isCount(maxBatchSize)) return null;
  return { unitFadeMinutes, feedKeepMinutes, tileUrl, bounds, maxTextLength, maxBatchSize };
}

function readBounds(value: unknown): RegionBounds | null {
  if (!isRecord(value) || Object.keys(value).some((key) => !(BOUNDS_KEYS as readonly string[]).includes(key))) return null;
  const { south, west, north, east } = value;
  if (!isBetween(south, 90) || !isBetween(north, 90) || !isBetween(west, 180) || !isBetween(east, 180)) return null;
  return south < north && west < east ? { south, west, north, east } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** A whole number of at least 1 (zod's `z.int().min(1)`: a safe integer). */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function isBetween(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= -limit && value <= limit;
}
