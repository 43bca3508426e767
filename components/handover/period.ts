/**
 * The periods a coordinator picks a handover brief for: the last 12 h, the current shift, the shift
 * before it, or any span typed in Arica time. Shifts change at 06:00 and 18:00 in Arica (the joint
 * patrols' "inicio 06:00, relevo 18:00"). Pure, so it is tested without a browser.
 */
import { HANDOVER_DEFAULT_HOURS, HANDOVER_MAX_HOURS } from '@/lib/contract/http.ts';
import { ARICA_TIME_ZONE } from '@/lib/i18n/format.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Hours (Arica time) at which shifts change; a shift lasts until the next one. */
export const SHIFT_CHANGE_HOURS = [6, 18] as const;
export const SHIFT_HOURS = 12;

export interface Period {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export type PeriodChoice = 'last12h' | 'currentShift' | 'previousShift' | 'custom';

/** The wall-clock fields of an instant in a time zone. */
function zonedParts(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Minutes the zone is ahead of UTC at an instant (−180 for Arica in summer). */
export function zoneOffsetMinutes(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / MINUTE_MS);
}

/** The instant a wall-clock time ("2025-12-01T06:00") names in a zone, or null when it is not one. */
export function zonedToInstant(local: string, timeZone: string = ARICA_TIME_ZONE): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(naive)) return null;
  // Twice, so an instant near a change of offset settles on the offset in force at it.
  let at = naive - zoneOffsetMinutes(naive, timeZone) * MINUTE_MS;
  at = naive - zoneOffsetMinutes(at, timeZone) * MINUTE_MS;
  return at;
}

/** The wall-clock time of an instant in a zone, as a datetime-local input holds it. */
export function instantToZoned(at: number, timeZone: string = ARICA_TIME_ZONE): string {
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** When the shift running at `now` began: the latest 06:00 or 18:00 in Arica at or before it. */
export function shiftStart(now: number): number {
  const p = zonedParts(now, ARICA_TIME_ZONE);
  const hoursIn = (p.hour - SHIFT_CHANGE_HOURS[0] + 24) % SHIFT_HOURS;
  const start = now - hoursIn * HOUR_MS - p.minute * MINUTE_MS - p.second * 1000 - (now % 1000);
  return start;
}

export function periodFor(choice: Exclude<PeriodChoice, 'custom'>, now: number): Period {
  switch (choice) {
    case 'last12h':
      return { from: now - HANDOVER_DEFAULT_HOURS * HOUR_MS, to: now };
    case 'currentShift':
      return { from: shiftStart(now), to: now };
    case 'previousShift': {
      const start = shiftStart(now);
      return { from: start - SHIFT_HOURS * HOUR_MS, to: start };
    }
  }
}

export type PeriodProblem = 'handover.period.invalid' | 'handover.period.order' | 'handover.period.tooLong';

/** Why a period cannot be asked for, as the message key to show, or null when it can. */
export function periodProblem(period: { from: number | null; to: number | null }): PeriodProblem | null {
  if (period.from === null || period.to === null) return 'handover.period.invalid';
  if (!(period.from < period.to)) return 'handover.period.order';
  if (period.to - period.from > HANDOVER_MAX_HOURS * HOUR_MS) return 'handover.period.tooLong';
  return null;
}

/** The API query for a period: instants in UTC, the channel when it is not live. */
export function handoverQueryString(period: Period, channel: string): string {
  const params = new URLSearchParams({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() });
  if (channel !== 'live') params.set('channel', channel);
  return params.toString();
}

/** A file name for the JSON download: concordia-relevo-2025-12-01T0600-1800.json (Arica time). */
export function downloadName(period: Period): string {
  const start = instantToZoned(period.from).replace(':', '');
  const end = instantToZoned(period.to).slice(11).replace(':', '');
  return `concordia-relevo-${start}-${end}.json`;
}

const isPreset = (value: string | undefined): value is Exclude<PeriodChoice, 'custom'> =>
  value === 'last12h' || value === 'currentShift' || value === 'previousShift';

/**
 * The period a page opens on from its address: `from` and `to` (ISO 8601) when both parse, else
 * the preset named by `period`, else the last 12 h. `given`: the address named the period itself.
 */
export function periodFromAddress(
  address: { from?: string; to?: string; period?: string },
  now: number,
): { period: Period; choice: PeriodChoice; given: boolean } {
  const from = Date.parse(address.from ?? '');
  const to = Date.parse(address.to ?? '');
  const preset = isPreset(address.period) ? address.period : undefined;
  if (Number.isFinite(from) && Number.isFinite(to)) return { period: { from, to }, choice: preset ?? 'custom', given: true };
  return { period: periodFor(preset ?? 'last12h', now), choice: preset ?? 'last12h', given: false };
}
