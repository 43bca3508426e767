/**
 * Live batches leave out unit positions that change nothing a reader can see: a position followed,
 * in the same batch and with no other event of that unit in between, by a later position of the
 * same unit that says at least as much. A wall following thousands of units reporting several
 * times a second then receives each unit's latest place per batch, not every step, and its
 * picture after the batch is exactly what applying every event would give (picture.ts: a
 * position replaces the unit's place, time, source and whichever of callsign, status and heading
 * it carries; positions are not in the feed). Replays and exports still carry every event.
 */
import type { StoredEvent } from '../contract/events.ts';
import { unitKey } from './picture.ts';

type Position = Extract<StoredEvent, { type: 'unit.position' }>;

/** True when applying `earlier` and then `later` leaves the unit as applying `later` alone would. */
function makesRedundant(later: Position, earlier: Position): boolean {
  return (
    Date.parse(later.occurredAt) >= Date.parse(earlier.occurredAt) &&
    (earlier.callsign === undefined || later.callsign !== undefined) &&
    (earlier.status === undefined || later.status !== undefined) &&
    (earlier.heading === undefined || later.heading !== undefined) &&
    (earlier.provenance?.source === undefined || later.provenance?.source !== undefined)
  );
}

/**
 * The events in order, without the unit positions a later one in the list makes redundant: the
 * same array when there are none (a batch is built once a flush for each scope, so no copy then).
 */
export function withoutSupersededPositions(events: StoredEvent[]): StoredEvent[] {
  // From the end: per unit, the nearest later position kept, while no other event of the unit intervenes.
  const nextPosition = new Map<string, Position | null>();
  const keep = new Array<boolean>(events.length).fill(true);
  let dropped = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event.type !== 'unit.position' && event.type !== 'patrol.report') continue;
    const key = unitKey(event.agency, event.unitId);
    if (event.type === 'patrol.report') {
      nextPosition.set(key, null);
      continue;
    }
    const later = nextPosition.get(key);
    if (later && makesRedundant(later, event)) {
      keep[i] = false;
      dropped++;
    } else {
      nextPosition.set(key, event);
    }
  }
  return dropped === 0 ? events : events.filter((_, i) => keep[i]);
}
