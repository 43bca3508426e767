/**
 * Times as people at the border read them. Arica runs on America/Santiago (UTC−3 in summer),
 * Tacna on America/Lima (UTC−5, no DST): two hours apart in December, so every time that matters
 * is shown in both.
 */
import type { Locale } from './locale.ts';
import { translate } from './messages.ts';

export const ARICA_TIME_ZONE = 'America/Santiago';
export const TACNA_TIME_ZONE = 'America/Lima';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'es' ? 'es-CL' : 'en-GB', { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "14:55" (24-hour, as both police forces write it). */
export function formatTime(at: Date | number | string, timeZone: string, locale: Locale, seconds = false): string {
  return formatter(locale, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(new Date(at));
}

/** "lun 01 dic" */
export function formatDate(at: Date | number | string, timeZone: string, locale: Locale): string {
  return formatter(locale, timeZone, { weekday: 'short', day: '2-digit', month: 'short' }).format(new Date(at));
}

/** "14:55 Arica · 12:55 Tacna" */
export function formatBothZones(at: Date | number | string, locale: Locale): string {
  return `${formatTime(at, ARICA_TIME_ZONE, locale)} ${translate(locale, 'clock.arica')} · ${formatTime(
    at,
    TACNA_TIME_ZONE,
    locale,
  )} ${translate(locale, 'clock.tacna')}`;
}

/** "hace 5 min": how old something is, in the largest unit that fits. */
export function formatAge(ms: number, locale: Locale): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return translate(locale, 'age.seconds', { n: s });
  if (s < 3600) return translate(locale, 'age.minutes', { n: Math.floor(s / 60) });
  if (s < 86_400) return translate(locale, 'age.hours', { n: Math.floor(s / 3600) });
  return translate(locale, 'age.days', { n: Math.floor(s / 86_400) });
}

export function formatCount(n: number, locale: Locale): string {
  return n.toLocaleString(locale === 'es' ? 'es-CL' : 'en-GB');
}
