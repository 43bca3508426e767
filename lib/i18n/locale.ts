export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** Spanish first: every user of the first deployment works in Spanish. */
export const DEFAULT_LOCALE: Locale = 'es';
export const LOCALE_COOKIE = 'concordia_locale';

export function toLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}
