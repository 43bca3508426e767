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
  /** Set for channels whose log is kept by their owner (a training session), not read from the store. */
  owner?: ChannelOwner;
}

/**
 * The keeper of a channel that is not a plain projection of the store: a training session, whose
 * picture follows an exercise clock that can jump. It numbers the channel's events itself.
 */
export interface ChannelOwner {
  /** Events that Ingest committed to the store for this channel (injects): the owner numbers and sends them. */
  committed(events: readonly StoredEvent[]): void;
  /**
   * The events a reader may see with afterSeq < seq ≤ throughSeq, or null when the owner no longer
   * holds them (they came before its last reset): the client then gets a snapshot.
   */
  replay(afterSeq: number, throughSeq: number, scope: ReaderScope): StoredEvent[] | null;
}

export interface HubListener {
  batch(scope: ReaderScope, batch: EventBatch): void;
  heartbeat(scope: ReaderScope, beat: Heartbeat): void;
  /** Once per channel per flush, with every event sent (for metrics). */
  flushed?(channel: string, events: readonly StoredEvent[]): void;
  /** An owned channel was reset: every reader now holds this snapshot instead of what it had. */
  reset?(scope: ReaderScope, snapshot: Snapshot): void;
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

  /**
   * Opens a channel kept by its owner, starting from the owner's pictures at `seq`. Ingest's
   * commits for it go to the owner (`committed`), which sends events with `broadcast`.
   */
  openOwned(channel: string, owner: ChannelOwner, start: { seq: number; pictures: ReadonlyMap<ReaderScope, Picture> }): void {
    if (this.channels.has(channel)) throw new Error(`channel ${channel} is already open`);
    this.channels.set(channel, { through: start.seq, pictures: new Map(start.pictures), pending: [], owner });
  }

  /** Closes an owned channel (an exercise that ended): it takes no more traffic and is unknown from now on. */
  closeOwned(channel: string): void {
    if (!this.state(channel).owner) throw new Error(`channel ${channel} is not an owned channel`);
    this.channels.delete(channel);
  }

  ownerOf(channel: string): ChannelOwner | undefined {
    return this.channels.get(channel)?.owner;
  }

  /** Queues events an owner numbered (consecutive after what it sent before) for the next batch. */
  broadcast(channel: string, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    this.state(channel).pending.push(...events);
    this.flushTimer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /**
   * Replaces an owned channel's pictures with ones as of `seq` (higher than anything sent before)
   * and tells every listener, so each reader swaps its picture for the snapshot. Events still
   * waiting for the batch window are dropped: the snapshot already reflects what they meant.
   */
  reset(channel: string, seq: number, pictures: ReadonlyMap<ReaderScope, Picture>): void {
    const state = this.state(channel);
    if (!state.owner) throw new Error(`channel ${channel} has no owner to reset it`);
    if (seq <= state.through) throw new Error(`a reset must move ${channel} past seq ${state.through}`);
    state.pending = [];
    state.through = seq;
    state.pictures = new Map(pictures);
    for (const scope of READER_SCOPES) {
      const snapshot = this.snapshot(channel, scope);
      for (const listener of this.listeners) listener.reset?.(scope, snapshot);
    }
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

  /** Queues committed events for the next batch (an owned channel's owner decides when to send them). */
  publish(channel: string, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    const owner = this.state(channel).owner;
    if (owner) return owner.committed(events);
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
