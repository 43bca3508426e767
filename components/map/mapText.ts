/**
 * How the map writes counts and ages. Pure, so it is tested without React or Leaflet; imports are
 * relative (not `@/`) so Vitest resolves them without an alias.
 */
import { formatAge, formatCount } from '../../lib/i18n/format.ts';
import type { Locale } from '../../lib/i18n/locale.ts';
import type { MessageKey, MessageParams } from '../../lib/i18n/messages.ts';

/** The `t` of `useI18n()`, passed in so view helpers stay pure. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Message families with a `.one` and an `.other` form. */
export type CountFamily = 'map.people' | 'map.minors' | 'map.personnel';

/** "1 persona", "1.240 personas". */
export function countText(t: Translate, locale: Locale, n: number, family: CountFamily): string {
  return n === 1 ? t(`${family}.one`) : t(`${family}.other`, { n: formatCount(n, locale) });
}

/**
 * "ahora", "hace 3 min", "hace 2 h": rounded down to whole minutes, so a marker's label (and its
 * icon) changes at most once a minute however often the clock ticks.
 */
export function ageInMinutesText(ageMs: number, t: Translate, locale: Locale): string {
  if (ageMs < 60_000) return t('map.unit.now');
  return formatAge(Math.floor(ageMs / 60_000) * 60_000, locale);
}
