/**
 * The events of a channel in a range, a page at a time, for streaming out: by seq
 * (`afterSeq < seq ≤ throughSeq`) and, within that, by when they happened
 * (`from ≤ occurredAt < to`). Only events the reader's audiences may see are read, exactly as
 * GET /api/events reads them.
 *
 * The EventStore reads by seq, so a time range is a filter over the seq range: an export of one
 * afternoon reads the channel through, one page in memory at a time.
 */
import type { StoredEvent } from '../../lib/contract/events.ts';
import type { Audience } from '../../lib/contract/releasability.ts';
import type { EventStore } from '../store/eventStore.ts';

export const EXPORT_PAGE_SIZE = 1_000;

export interface EventRange {
  channel: string;
  afterSeq: number;
  throughSeq: number;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  audiences: readonly Audience[];
}

export async function* eventsInRange(store: EventStore, range: EventRange, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<StoredEvent> {
  let after = range.afterSeq;
  while (after < range.throughSeq) {
    const page = await store.read(range.channel, {
      afterSeq: after,
      throughSeq: range.throughSeq,
      limit: pageSize,
      audiences: range.audiences,
    });
    if (page.length === 0) return;
    for (const event of page) {
      const at = Date.parse(event.occurredAt);
      if (range.from !== undefined && at < range.from) continue;
      if (range.to !== undefined && at >= range.to) continue;
      yield event;
    }
    after = page[page.length - 1].seq;
  }
}
