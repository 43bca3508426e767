/**
 * How the map writes counts and ages. Pure, so it is tested without React or Leaflet; imports are
 * relative (not `@/`) so Vitest resolves them without an alias.
 */
import { formatAge } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

/**
 * "ahora", "hace 3 min", "hace 2 h": rounded down to whole minutes, so a marker's label (and its
 * icon) changes at most once a minute however often the clock ticks.
 */
export function ageInMinutesText(ageMs: number, t: Translate, locale: Locale): string {
  if (ageMs < 60_000) return t('map.unit.now');
  return formatAge(Math.floor(ageMs / 60_000) * 60_000, locale);
}
