/**
 * How the wall writes counts, durations and times. Pure, so it is tested without React; imports
 * are relative (not `@/`) so Vitest resolves them without an alias.
 */
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE, formatTime } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

/** "45 min", "2 h", "1 h 35 min". */
export function formatDuration(t: Translate, minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('wall.duration.minutes', { m });
  if (m === 0) return t('wall.duration.hours', { h });
  return t('wall.duration.hoursMinutes', { h, m });
}

/** "14:55 CL · 12:55 PE": both zones in the room's shorthand, for lists where space is short. */
export function formatCompactBothZones(at: Date | number | string, locale: Locale, t: Translate): string {
  return `${formatTime(at, ARICA_TIME_ZONE, locale)} ${t('wall.zone.cl')} · ${formatTime(
    at,
    TACNA_TIME_ZONE,
    locale,
  )} ${t('wall.zone.pe')}`;
}

/** "UTC−3": the zone's offset at that instant (Chile changes it twice a year, Peru never). */
export function utcOffsetLabel(at: Date | number | string, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace(/^GMT/, '') ?? '';
  return `UTC${offset.replace('-', '−')}`;
}
