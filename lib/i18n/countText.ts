import { formatCount } from './format.ts';
import type { Locale } from './locale.ts';
import type { CountFamily, Translate } from './messages.ts';

/** "1 persona", "1.240 personas": the family's `.one` form for exactly one, else `.other` with the number. */
export function countText(t: Translate, locale: Locale, n: number, family: CountFamily): string {
  return n === 1 ? t(`${family}.one`) : t(`${family}.other`, { n: formatCount(n, locale) });
}
