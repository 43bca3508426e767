/**
 * Local times as each side writes them. In the scenario's window (20 Nov – 20 Dec 2025) Chile
 * (America/Santiago) is on UTC−3 (summer time from 7 Sep 2025 to 5 Apr 2026) and Peru
 * (America/Lima) on UTC−5 all year: Arica is two hours ahead of Tacna. Each event is written with
 * the offset of the side that reports it.
 */
import { AGENCY_COUNTRY, type Agency } from '../../lib/contract/agencies.ts';

export type Side = 'CL' | 'PE';
export const OFFSET_MINUTES: Record<Side, number> = { CL: -180, PE: -300 };

const MINUTE = 60_000;

/** "2025-12-01T14:55" on a side's clock → epoch ms. */
export function local(side: Side, dateTime: string): number {
  const utc = Date.parse(`${dateTime.length === 16 ? `${dateTime}:00` : dateTime}Z`);
  if (Number.isNaN(utc)) throw new Error(`bad local time ${dateTime}`);
  return utc - OFFSET_MINUTES[side] * MINUTE;
}

/** Epoch ms → "2025-12-01T14:55:00-03:00" on a side's clock (whole seconds). */
export function isoOn(side: Side, at: number): string {
  const offset = OFFSET_MINUTES[side];
  const shifted = new Date(Math.floor(at / 1000) * 1000 + offset * MINUTE).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The side an agency reports from; the binational committee is placed per event. */
export function sideOf(agency: Agency): Side {
  return AGENCY_COUNTRY[agency] ?? 'PE';
}

/** "2025-12-01" for the local day of `at` on a side. */
export function localDay(side: Side, at: number): string {
  return isoOn(side, at).slice(0, 10);
}

/** Hour of day (0–23) on a side's clock. */
export function localHour(side: Side, at: number): number {
  return Number(isoOn(side, at).slice(11, 13));
}

/** "20251201T1455" for ids. */
export function stamp(side: Side, at: number): string {
  return isoOn(side, at).slice(0, 16).replace(/[-:]/g, '');
}
