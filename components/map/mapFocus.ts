/**
 * A wall opened on one spot instead of the whole area: `/wall?focus=chacalluta` (a post, zoomed to
 * its complex) or `/wall?focus=-18.33,-70.33,15` (latitude, longitude, optional zoom). For a desk
 * screen kept on one complex, a link from a report, and tests that look at one item up close. The map
 * still returns to the whole area a few minutes after it was last touched. Pure, so it is tested.
 */
import { BORDER_POSTS } from '@/lib/geo/borderPosts.ts';
import { ARICA_TACNA_BOUNDS, isInside } from '@/lib/geo/operatingArea.ts';

export const FOCUS_PARAM = 'focus';
/** Close enough to tell a complex's lanes apart; past the map's last clustering zoom. */
const POST_ZOOM = 15;
const MIN_ZOOM = 9;
const MAX_ZOOM = 15;

export interface MapFocus {
  lat: number;
  lon: number;
  zoom: number;
}

export function focusFromQuery(search: string): MapFocus | null {
  const value = new URLSearchParams(search).get(FOCUS_PARAM)?.trim();
  if (!value) return null;
  const post = (BORDER_POSTS as Record<string, { lat: number; lon: number } | undefined>)[value];
  if (post) return { lat: post.lat, lon: post.lon, zoom: POST_ZOOM };
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length < 2 || parts.length > 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lat, lon, zoom = POST_ZOOM] = parts as [number, number, number?];
  if (!isInside(ARICA_TACNA_BOUNDS, lat, lon)) return null;
  return { lat, lon, zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) };
}
