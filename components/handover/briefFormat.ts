/**
 * How the handover brief writes times and statuses: every time in both clocks (Arica on
 * America/Santiago, Tacna on America/Lima), dates where they could be misread. Pure, tested without React.
 */
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE, formatDate, formatTime } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { Translate } from '@/lib/i18n/messages.ts';
import { UNIT_AVAILABILITIES, UNIT_STATUSES } from '@/lib/contract/vocabulary.ts';
import type { UnitStatus } from '@/lib/contract/events.ts';

export interface BothClocks {
  /** "lun 01 dic" in Arica. */
  date: string;
  arica: string;
  tacna: string;
  /** Tacna's date, when it is not Arica's (two hours behind, around midnight). */
  tacnaDate?: string;
}

export function bothClocks(at: string | number, locale: Locale): BothClocks {
  const date = formatDate(at, ARICA_TIME_ZONE, locale);
  const tacnaDate = formatDate(at, TACNA_TIME_ZONE, locale);
  return {
    date,
    arica: formatTime(at, ARICA_TIME_ZONE, locale),
    tacna: formatTime(at, TACNA_TIME_ZONE, locale),
    ...(tacnaDate !== date ? { tacnaDate } : {}),
  };
}

/** "lun 01 dic 14:55 Arica · 12:55 Tacna" (with Tacna's date when it differs). */
export function bothClocksText(at: string | number, locale: Locale, t: Translate): string {
  const c = bothClocks(at, locale);
  return `${c.date} ${c.arica} ${t('clock.arica')} · ${c.tacnaDate ? `${c.tacnaDate} ` : ''}${c.tacna} ${t('clock.tacna')}`;
}

const isUnitStatus = (status: string): status is UnitStatus => (UNIT_STATUSES as readonly string[]).includes(status);
type Availability = (typeof UNIT_AVAILABILITIES)[number];
const isAvailability = (status: string): status is Availability => (UNIT_AVAILABILITIES as readonly string[]).includes(status);

/** A unit status as the brief names it; statuses this build does not know are shown as sent. */
export function unitStatusLabel(status: string, t: Translate): string {
  if (isAvailability(status)) return t(`handover.availability.${status}`);
  if (isUnitStatus(status)) return t(`map.status.${status}`);
  if (status === 'unknown') return t('handover.status.unknown');
  return status;
}
