/**
 * Synthetic queues at the two posts where people wait: Santa Rosa toward Peru (Chile's exit and
 * Peru's entry are checked there together) and Chacalluta toward Chile. A small queue model per
 * post: arrivals through the day (calibrated so exits to Peru total 5,000–7,000 a local day, as
 * SERMIG and La Tercera reported for Nov–Dec 2025, and stay under the 7,500/day record of Sept
 * 2022), booths that serve a fixed rate, and on the crisis days a group of migrants waiting for
 * Migraciones who are mostly refused. A count every 20 minutes, which keeps each card fresh on the
 * wall (it calls a count older than 30 minutes old).
 */
import type { EventInput } from '../../lib/contract/events.ts';
import { isoOn, local, localDay, localHour, stamp } from './localTime.ts';
import type { Random } from './random.ts';
import { SCENARIO_SOURCE } from './sourced.ts';

export const QUEUE_INTERVAL_MIN = 20;
const SLOT_MS = QUEUE_INTERVAL_MIN * 60_000;
const SLOTS_PER_HOUR = 60 / QUEUE_INTERVAL_MIN;

/** Share of a day's exits to Peru by Chilean hour: shoppers and workers cross in the morning. */
const EXIT_PROFILE = [
  0.8, 0.6, 0.5, 0.5, 0.7, 1.4, 3.0, 5.0, 6.5, 7.2, 7.4, 7.0, 6.4, 6.0, 6.2, 6.6, 7.0, 6.8, 5.6, 4.2, 3.0, 2.2, 1.6, 1.1,
];
/** Entries to Chile peak in the afternoon and evening, when the same people come back. */
const ENTRY_PROFILE = [
  0.9, 0.6, 0.5, 0.5, 0.6, 0.9, 1.6, 2.6, 3.6, 4.4, 5.0, 5.6, 6.2, 6.8, 7.2, 7.6, 7.8, 7.8, 7.4, 6.6, 5.2, 3.8, 2.4, 1.4,
];

/** People one booth serves per minute, and booths open by day (06–22 h) and by night. */
const SERVE_PER_BOOTH_MIN = 0.8;
const BOOTHS = { 'santa-rosa': { day: 8, night: 4 }, chacalluta: { day: 7, night: 4 } } as const;

export const EXITS_MIN = 5_000;
export const EXITS_MAX = 7_000;

export interface QueueModelResult {
  events: EventInput[];
  exitsToPeruPerDay: Record<string, number>;
  entriesToChilePerDay: Record<string, number>;
}

/** Day-level volumes: weekday pattern, the rush before the emergency, election day, Christmas. */
function dailyExits(day: string, random: Random): number {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  const base = [5_700, 5_600, 5_400, 5_500, 5_800, 6_400, 6_200][weekday];
  let uplift = 0;
  if (day >= '2025-11-25' && day <= '2025-11-28')
    uplift = 500; // leaving before the emergency
  else if (day >= '2025-11-29' && day <= '2025-12-01') uplift = 300;
  else if (day >= '2025-12-04' && day <= '2025-12-12') uplift = -200; // the quiet days after
  if (day === '2025-12-14') uplift = -400; // Chile votes
  if (day >= '2025-12-18') uplift += 400; // Christmas travel starts
  return Math.round(Math.min(EXITS_MAX, Math.max(EXITS_MIN, base + uplift + random.gauss() * 150)));
}

/** Splits a day's total over its slots by profile and jitter, in whole people that add up exactly. */
function spread(total: number, profile: number[], random: Random): number[] {
  const weights: number[] = [];
  for (let h = 0; h < 24; h++) for (let s = 0; s < SLOTS_PER_HOUR; s++) weights.push(profile[h] * Math.max(0.5, 1 + 0.1 * random.gauss()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (missing-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

const capacityPerSlot = (post: keyof typeof BOOTHS, hour: number) =>
  (hour >= 6 && hour < 22 ? BOOTHS[post].day : BOOTHS[post].night) * SERVE_PER_BOOTH_MIN * QUEUE_INTERVAL_MIN;

/**
 * Migrants waiting at Santa Rosa for Migraciones Perú, by Peruvian time: a few each day of the
 * lead-in; on 28 Nov a crowd from before dawn until the 08:00 opening, refused through the morning
 * and gone after the road is cleared; a few until the line empties on 2 Dec; none after.
 */
function migrantsWaiting(at: number, random: Random): { waiting: number; refusedPerSlot: number } {
  const day = localDay('PE', at);
  const hour = localHour('PE', at) + Number(isoOn('PE', at).slice(14, 16)) / 60;
  if (day === '2025-11-28') {
    if (hour >= 3 && hour < 8) return { waiting: Math.round(40 + (hour - 3) * 45 + random.int(0, 10)), refusedPerSlot: 0 };
    if (hour >= 8 && hour < 10.5)
      return { waiting: Math.round(265 - (hour - 8) * 40 + random.int(0, 10)), refusedPerSlot: random.int(15, 25) };
    if (hour >= 10.5 && hour < 15) return { waiting: random.int(90, 110), refusedPerSlot: random.int(2, 6) };
    return { waiting: hour >= 15 ? random.int(0, 8) : 20, refusedPerSlot: 0 };
  }
  const daytime = hour >= 7 && hour < 19;
  if (day >= '2025-11-20' && day <= '2025-11-27')
    return daytime ? { waiting: random.int(15, 60), refusedPerSlot: random.int(0, 4) } : { waiting: random.int(0, 15), refusedPerSlot: 0 };
  if (day >= '2025-11-29' && day <= '2025-12-01')
    return daytime ? { waiting: random.int(10, 40), refusedPerSlot: random.int(0, 3) } : { waiting: random.int(0, 10), refusedPerSlot: 0 };
  return { waiting: daytime ? random.int(0, 4) : 0, refusedPerSlot: random.int(0, 10) === 0 ? 1 : 0 };
}

export function queueEvents(range: { start: number; end: number }, random: Random): QueueModelResult {
  const events: EventInput[] = [];
  const exitsToPeruPerDay: Record<string, number> = {};
  const entriesToChilePerDay: Record<string, number> = {};
  const exitRandom = random.fork('exits');
  const entryRandom = random.fork('entries');
  const migrantRandom = random.fork('migrants');

  let exitQueue = 40;
  let entryQueue = 25;
  let exitSlots: number[] = [];
  let entrySlots: number[] = [];
  let currentDay = '';
  for (let at = range.start; at < range.end; at += SLOT_MS) {
    const day = localDay('CL', at);
    const hour = localHour('CL', at);
    if (day !== currentDay) {
      currentDay = day;
      const exits = dailyExits(day, exitRandom);
      const entries = Math.round(exits * (0.86 + 0.06 * entryRandom.next()));
      exitsToPeruPerDay[day] = exits;
      entriesToChilePerDay[day] = entries;
      exitSlots = spread(exits, EXIT_PROFILE, exitRandom);
      entrySlots = spread(entries, ENTRY_PROFILE, entryRandom);
    }
    const slot = Math.floor((at - local('CL', `${day}T00:00`)) / SLOT_MS);
    const exitCapacity = capacityPerSlot('santa-rosa', hour);
    const entryCapacity = capacityPerSlot('chacalluta', hour);
    exitQueue = Math.max(0, exitQueue + exitSlots[slot] - exitCapacity);
    entryQueue = Math.max(0, entryQueue + entrySlots[slot] - entryCapacity);

    const migrants = migrantsWaiting(at, migrantRandom);
    const exitWaiting = Math.round(exitQueue) + migrants.waiting;
    events.push({
      id: `syn-q-sr-${stamp('PE', at)}`,
      type: 'queue.update',
      agency: 'migraciones-pe',
      occurredAt: isoOn('PE', at),
      post: 'santa-rosa',
      direction: 'to-peru',
      waiting: exitWaiting,
      waitMinutes: Math.round(exitQueue / (exitCapacity / QUEUE_INTERVAL_MIN)),
      refused: migrants.refusedPerSlot + (exitRandom.int(0, 5) === 0 ? 1 : 0),
      minors: Math.min(exitWaiting, Math.round(exitQueue * 0.06 + migrants.waiting * 0.2)),
      provenance: { source: SCENARIO_SOURCE, synthetic: true },
    });
    const entryWaiting = Math.round(entryQueue);
    events.push({
      id: `syn-q-ch-${stamp('CL', at)}`,
      type: 'queue.update',
      agency: 'pdi',
      occurredAt: isoOn('CL', at),
      post: 'chacalluta',
      direction: 'to-chile',
      waiting: entryWaiting,
      waitMinutes: Math.round(entryQueue / (entryCapacity / QUEUE_INTERVAL_MIN)),
      refused: entryRandom.int(0, 7) === 0 ? 1 : 0,
      minors: Math.round(entryWaiting * 0.07),
      provenance: { source: SCENARIO_SOURCE, synthetic: true },
    });
  }
  return { events, exitsToPeruPerDay, entriesToChilePerDay };
}
