/**
 * Events on the exercise time line: kept sorted by occurredAt (ties in the order they were
 * added), so "everything up to an instant" is a prefix found by binary search. A session holds one
 * time line for the scenario and one for injects, and merges the two prefixes it needs.
 */
import type { ConcordiaEvent, StoredEvent } from '../contract/events.ts';
import type { Picture } from '../projection/picture.ts';

export interface TimedEvent {
  /** occurredAt as epoch ms. */
  at: number;
  event: ConcordiaEvent;
  /**
   * Exercise time at which the event entered the exercise, when later than `at` (an inject dated
   * before the moment it was sent). Becomes its receivedAt, so the feed marks it late as it would a
   * late report in live operations; scenario events arrive on time.
   */
  enteredAt?: number;
}

export class Timeline {
  private readonly items: TimedEvent[] = [];

  constructor(events: readonly ConcordiaEvent[] = []) {
    const timed = events.map((event, order) => ({ at: Date.parse(event.occurredAt), event, order }));
    // Stable: events at the same instant keep the order the scenario gives them.
    timed.sort((a, b) => a.at - b.at || a.order - b.order);
    this.items = timed.map(({ at, event }) => ({ at, event }));
  }

  get length(): number {
    return this.items.length;
  }

  at(index: number): TimedEvent {
    return this.items[index];
  }

  /** How many events happened at or before `t` (epoch ms): the length of the prefix up to t. */
  countThrough(t: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.items[mid].at <= t) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Adds an event after any already there at the same instant; returns it as placed. */
  insert(event: ConcordiaEvent, enteredAt?: number): TimedEvent {
    const at = Date.parse(event.occurredAt);
    const timed: TimedEvent = enteredAt !== undefined && enteredAt > at ? { at, event, enteredAt } : { at, event };
    this.items.splice(this.countThrough(at), 0, timed);
    return timed;
  }

  /** The events of [from, to) in time order. */
  slice(from: number, to: number): TimedEvent[] {
    return this.items.slice(from, to);
  }
}

/**
 * Two sorted runs merged by time; on equal times the first run (the scenario) comes first, so the
 * order is the same whether the events were released one tick at a time or all at once.
 */
export function mergeByTime(first: readonly TimedEvent[], second: readonly TimedEvent[]): TimedEvent[] {
  if (second.length === 0) return [...first];
  if (first.length === 0) return [...second];
  const merged: TimedEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    if (second[j].at < first[i].at) merged.push(second[j++]);
    else merged.push(first[i++]);
  }
  while (i < first.length) merged.push(first[i++]);
  while (j < second.length) merged.push(second[j++]);
  return merged;
}

/**
 * Gives events their place in a channel: consecutive seqs from `firstSeq`. On an exercise channel
 * receivedAt is exercise time (when the event reached the exercise), not the real time of sending:
 * a replayed scenario is not a stream of late reports.
 */
export function numbered(events: readonly TimedEvent[], channel: string, firstSeq: number): StoredEvent[] {
  return events.map(({ event, at, enteredAt }, i) => ({
    ...event,
    channel,
    seq: firstSeq + i,
    receivedAt: new Date(enteredAt ?? at).toISOString(),
  }));
}

/**
 * A picture without what depends on when and in which numbering the events reached the channel
 * (`seq`, and the feed's `seq`, `receivedAt`, `channel`): two pictures built from the same events
 * in the same order compare equal, whether they came as a snapshot or one batch at a time.
 */
export function comparablePicture(picture: Picture): Omit<Picture, 'seq'> {
  const { seq: _seq, feed, ...rest } = picture;
  return {
    ...rest,
    feed: feed.map(({ seq: _s, receivedAt: _r, channel: _c, ...event }) => event as StoredEvent),
  };
}
