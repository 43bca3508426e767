/**
 * The channels the server serves: for each, the seq it has published through and the picture as
 * each reader scope sees it. Stored events are published here after they commit; the hub
 * coalesces what arrives within a short window into one batch per channel and scope, so each
 * batch is filtered and serialised once however many screens receive it.
 */
import { READER_SCOPES, isVisibleTo, audienceOf, type ReaderScope } from '../../lib/contract/releasability.ts';
import type { StoredEvent } from '../../lib/contract/events.ts';
import type { EventBatch, Heartbeat, Snapshot } from '../../lib/contract/socket.ts';
import { HEARTBEAT_INTERVAL_MS } from '../../lib/contract/socket.ts';
import { advanceTo, applyEvents, emptyPicture, type Picture } from '../../lib/projection/picture.ts';
import type { EventStore } from '../store/eventStore.ts';

/** How long events wait to be sent together: short enough to stay far inside the 1 s promise. */
export const BROADCAST_WINDOW_MS = 25;
const REPLAY_PAGE = 5_000;

interface ChannelState {
  through: number;
  pictures: Map<ReaderScope, Picture>;
  pending: StoredEvent[];
}

export interface HubListener {
  batch(scope: ReaderScope, batch: EventBatch): void;
  heartbeat(scope: ReaderScope, beat: Heartbeat): void;
  /** Once per channel per flush, with every event sent (for metrics). */
  flushed?(channel: string, events: readonly StoredEvent[]): void;
}

export class ChannelHub {
  private readonly channels = new Map<string, ChannelState>();
  private readonly listeners = new Set<HubListener>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly heartbeatTimer: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly windowMs = BROADCAST_WINDOW_MS,
  ) {
    this.heartbeatTimer = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
    this.heartbeatTimer.unref();
  }

  /** Loads a channel's pictures from the store. Call before the channel takes traffic. */
  async open(channel: string): Promise<void> {
    if (this.channels.has(channel)) return;
    const pictures = new Map<ReaderScope, Picture>(READER_SCOPES.map((s) => [s, emptyPicture()]));
    let through = 0;
    for (;;) {
      const page = await this.store.read(channel, { afterSeq: through, limit: REPLAY_PAGE });
      if (page.length === 0) break;
      for (const scope of READER_SCOPES) {
        pictures.set(scope, applyEvents(pictures.get(scope)!, visibleTo(page, scope)));
      }
      through = page[page.length - 1].seq;
    }
    for (const scope of READER_SCOPES) pictures.set(scope, advanceTo(pictures.get(scope)!, through));
    this.channels.set(channel, { through, pictures, pending: [] });
  }

  has(channel: string): boolean {
    return this.channels.has(channel);
  }

  /** The last seq sent to subscribers: replays stop here, live batches start after it. */
  through(channel: string): number {
    return this.state(channel).through;
  }

  snapshot(channel: string, scope: ReaderScope): Snapshot {
    const state = this.state(channel);
    return { channel, seq: state.through, picture: state.pictures.get(scope)! };
  }

  listen(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues committed events for the next batch. */
  publish(channel: string, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    this.state(channel).pending.push(...events);
    this.flushTimer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Sends every pending batch now. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const [channel, state] of this.channels) {
      if (state.pending.length === 0) continue;
      const events = state.pending.sort((a, b) => a.seq - b.seq);
      state.pending = [];
      const after = state.through;
      const through = events[events.length - 1].seq;
      state.through = through;
      for (const listener of this.listeners) listener.flushed?.(channel, events);
      for (const scope of READER_SCOPES) {
        const visible = visibleTo(events, scope);
        state.pictures.set(scope, advanceTo(applyEvents(state.pictures.get(scope)!, visible), through));
        const batch: EventBatch = { channel, after, through, events: visible };
        for (const listener of this.listeners) listener.batch(scope, batch);
      }
    }
  }

  private beat(): void {
    const serverTime = new Date().toISOString();
    for (const [channel, state] of this.channels) {
      for (const scope of READER_SCOPES) {
        for (const listener of this.listeners) {
          listener.heartbeat(scope, { channel, through: state.through, serverTime });
        }
      }
    }
  }

  close(): void {
    this.flush();
    clearInterval(this.heartbeatTimer);
  }

  private state(channel: string): ChannelState {
    const state = this.channels.get(channel);
    if (!state) throw new Error(`channel ${channel} is not open`);
    return state;
  }
}

export function visibleTo(events: readonly StoredEvent[], scope: ReaderScope): StoredEvent[] {
  return events.filter((e) => isVisibleTo(audienceOf(e), scope));
}
