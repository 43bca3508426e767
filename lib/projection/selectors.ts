/** Read-only views over a Picture. `now` is always passed in, so these stay pure. */
import { SEVERITIES } from '../contract/vocabulary.ts';
import type { IncidentState, Picture, QueueState, UnitState } from './picture.ts';

/** Minutes without a report after which a unit fades on the map (configurable per deployment). */
export const DEFAULT_UNIT_FADE_MINUTES = 15;
/** Minutes a field report, incident or bulletin stays on the wall's feed however busy it gets. */
export const DEFAULT_FEED_KEEP_MINUTES = 30;

export function unitAgeMs(unit: UnitState, now: number): number {
  return Math.max(0, now - Date.parse(unit.lastSeenAt));
}

export function isUnitFaded(unit: UnitState, now: number, fadeMinutes = DEFAULT_UNIT_FADE_MINUTES): boolean {
  return unitAgeMs(unit, now) > fadeMinutes * 60_000;
}

/** Open incidents, most severe first, then newest first. */
export function openIncidents(picture: Picture): IncidentState[] {
  const rank = (i: IncidentState) => SEVERITIES.indexOf(i.severity);
  return Object.values(picture.incidents)
    .filter((i) => !i.closedAt)
    .sort((a, b) => rank(b) - rank(a) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

export type Trend = 'rising' | 'falling' | 'steady';

/** A change smaller than this share of the queue (or 5 people) reads as steady. */
const TREND_THRESHOLD = 0.1;
const TREND_WINDOW_MS = 60 * 60_000; // compare with about an hour earlier

/** Whether the queue grew or shrank over roughly the last hour of its history. */
export function queueTrend(queue: QueueState): Trend {
  const { history } = queue;
  if (history.length < 2) return 'steady';
  const latest = history[history.length - 1];
  const target = Date.parse(latest.at) - TREND_WINDOW_MS;
  let earlier = history[0];
  for (const point of history) {
    if (Date.parse(point.at) <= target) earlier = point;
    else break;
  }
  const delta = latest.waiting - earlier.waiting;
  const threshold = Math.max(5, earlier.waiting * TREND_THRESHOLD);
  if (delta > threshold) return 'rising';
  if (delta < -threshold) return 'falling';
  return 'steady';
}

export function unitList(picture: Picture): UnitState[] {
  return Object.values(picture.units);
}
