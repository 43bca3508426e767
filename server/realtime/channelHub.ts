/**
 * The channels the server serves: for each, the seq it has published through and the picture as
 * each reader scope sees it. Stored events are published here after they commit; the hub
 * coalesces what arrives within a short window into one batch per channel and scope, so each
 * batch is filtered and serialised once however many screens receive it.
 *
 * Under a flood (thousands of units reporting several times a second) the window grows, up to
 * MAX_BROADCAST_WINDOW_MS, and batches leave out positions a later one of the same unit makes
 * redundant (lib/projection/supersededPositions.ts): a wall then receives each unit's latest place
 * a few times a second instead of every step, which no browser on a modest machine could parse
 * and draw. The window shrinks back as the flood passes.
 */
import { READER_SCOPES, isVisibleTo, audienceOf, type ReaderScope } from '../../lib/contract/releasability.ts';
import type { StoredEvent } from '../../lib/contract/events.ts';
import type { EventBatch, Heartbeat, Snapshot } from '../../lib/contract/socket.ts';
import { HEARTBEAT_INTERVAL_MS } from '../../lib/contract/heartbeat.ts';
import { advanceTo, applyEvents, emptyPicture, type Picture } from '../../lib/projection/picture.ts';
import { withoutSupersededPositions } from '../../lib/projection/supersededPositions.ts';
import type { EventStore } from '../store/eventStore.ts';

/** How long events wait to be sent together: short enough to stay far inside the 1 s promise. */
export const BROADCAST_WINDOW_MS = 25;
/** The longest the window grows to under a flood: still inside the 1 s promise. */
export const MAX_BROADCAST_WINDOW_MS = 400;
/**
 * Events a second beyond which the window doubles (at or below it, it halves): about what a
 * wall's browser on a modest machine parses and draws while staying smooth (bench/map.ts: 5,000
 * units at 2 Hz, 10,000 positions/s, ran at 52 fps). The rate is smoothed over about a second,
 * so one large request after a quiet spell is not a flood.
 */
const FLOOD_EVENTS_PER_SECOND = 8_000;
const RATE_SMOOTHING_MS = 1_000;
const REPLAY_PAGE = 5_000;
/**
 * Sent events a scope's picture may lag by before it is brought up to date anyway, one scope per
 * flush. Every scope sees nearly the same events, so they cross together: at 20,000, all three
 * were caught up in one flush, some 60,000 positions applied at once (5,000 take 4–11 ms here),
 * every 40 s at 500 events/s. Fan-out windows at 1,000 dashboards showed event-loop stalls of
 * 211–283 ms before this change and at most 122 ms after; 5,000 a piece is a few ms per flush.
 */
export const MAX_UNAPPLIED_EVENTS = 5_000;

const noneUnapplied = () => new Map<ReaderScope, StoredEvent[]>(READER_SCOPES.map((scope) => [scope, []]));

interface ChannelState {
  through: number;
  /** Each scope's picture, as of `through` once `unapplied` is applied to it. */
  pictures: Map<ReaderScope, Picture>;
  /**
   * Events sent but not yet applied to the pictures, per scope. Applying each batch as it went
   * out copied every collection of the picture (thousands of units) for each scope, forty times a
   * second; pictures are only read for snapshots, so they are brought up to date then, or once
   * enough has piled up.
   */
  unapplied: Map<ReaderScope, StoredEvent[]>;
  pending: StoredEvent[];
  /**
   * The highest seq queued or sent. With several nodes writing one channel, events reach the hub
   * from local commits and from the store (woken by another node) in any order; only the next seq
   * after this is queued, so each event goes out once and in order.
   */
  queued: number;
  /** The read from the store in progress, if any: reads of a channel run one after another. */
  catchingUp?: Promise<void>;
  /** A wake-up arrived during a read: read again when it ends. */
  wokenDuringCatchUp?: boolean;
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
  /** The current batching window: baseWindowMs, or longer while a flood lasts. */
  private windowMs: number;
  private lastFlushAt = performance.now();
  /** Events a second published lately (exponentially smoothed). */
  private eventsPerSecond = 0;
  private readonly heartbeatTimer: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly baseWindowMs = BROADCAST_WINDOW_MS,
    private readonly maxUnappliedEvents = MAX_UNAPPLIED_EVENTS,
  ) {
    this.windowMs = baseWindowMs;
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
    this.channels.set(channel, { through, pictures, unapplied: noneUnapplied(), pending: [], queued: through });
  }

  /**
   * Opens a channel kept by its owner, starting from the owner's pictures at `seq`. Ingest's
   * commits for it go to the owner (`committed`), which sends events with `broadcast`.
   */
  openOwned(channel: string, owner: ChannelOwner, start: { seq: number; pictures: ReadonlyMap<ReaderScope, Picture> }): void {
    if (this.channels.has(channel)) throw new Error(`channel ${channel} is already open`);
    this.channels.set(channel, {
      through: start.seq,
      pictures: new Map(start.pictures),
      unapplied: noneUnapplied(),
      pending: [],
      queued: start.seq,
      owner,
    });
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
    const state = this.state(channel);
    state.pending.push(...events);
    state.queued = Math.max(state.queued, events[events.length - 1].seq);
    this.scheduleFlush();
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
    state.queued = seq;
    state.pictures = new Map(pictures);
    state.unapplied = noneUnapplied();
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
    return { channel, seq: state.through, picture: this.pictureOf(state, scope) };
  }

  /** The scope's picture through the channel's `through`, with what was sent since applied. */
  private pictureOf(state: ChannelState, scope: ReaderScope): Picture {
    const unapplied = state.unapplied.get(scope)!;
    const current = state.pictures.get(scope)!;
    if (unapplied.length === 0 && current.seq === state.through) return current;
    const picture = advanceTo(applyEvents(current, unapplied), state.through);
    state.pictures.set(scope, picture);
    state.unapplied.set(scope, []);
    return picture;
  }

  listen(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Queues committed events for the next batch (an owned channel's owner decides when to send
   * them). Events already queued are dropped; events that do not follow on from what was queued
   * (another node committed the seqs between) wait while the gap is read from the store.
   */
  publish(channel: string, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    const state = this.state(channel);
    if (state.owner) return state.owner.committed(events);
    const fresh = events.filter((e) => e.seq > state.queued);
    if (fresh.length === 0) return;
    if (!state.catchingUp && followsOn(fresh, state.queued)) return this.enqueue(state, fresh);
    void this.catchUp(channel, state, fresh);
  }

  /**
   * Another node appended to `channel` through `seq` (or, without `seq`, may have): reads what
   * this hub has not queued yet from the store. A wake-up is only a hint; it is safe to lose one
   * or to receive it twice.
   */
  wake(channel: string, seq?: number): void {
    const state = this.channels.get(channel);
    if (!state || state.owner) return;
    if (seq !== undefined && seq <= state.queued) return;
    void this.catchUp(channel, state);
  }

  /** Wakes every store-backed channel: after a lost notification, and on the periodic poll. */
  wakeAll(): void {
    for (const channel of this.channels.keys()) this.wake(channel);
  }

  /** Resolves when no read from the store is in progress for the channel (tests). */
  async settled(channel: string): Promise<void> {
    while (this.state(channel).catchingUp) await this.state(channel).catchingUp;
  }

  private enqueue(state: ChannelState, events: readonly StoredEvent[]): void {
    for (const event of events) state.pending.push(event);
    state.queued = events[events.length - 1].seq;
    this.scheduleFlush();
  }

  /**
   * Reads the channel after `queued` from the store, page by page, and queues it; `hint` holds
   * committed events a caller already has, queued after the read for stores that lag behind their
   * own appends (test doubles). A failed read is left to the next wake-up or poll: the events are
   * in the store and will be read then.
   */
  private catchUp(channel: string, state: ChannelState, hint: readonly StoredEvent[] = []): Promise<void> {
    if (state.catchingUp) {
      state.wokenDuringCatchUp = true;
      return state.catchingUp.then(() => this.publishHint(channel, state, hint));
    }
    const run = async () => {
      do {
        state.wokenDuringCatchUp = false;
        for (;;) {
          const page = await this.store.read(channel, { afterSeq: state.queued, limit: REPLAY_PAGE });
          if (this.channels.get(channel) !== state) return;
          const fresh = page.filter((e) => e.seq > state.queued);
          if (fresh.length === 0) break;
          this.enqueue(state, fresh);
          if (page.length < REPLAY_PAGE) break;
        }
      } while (state.wokenDuringCatchUp);
    };
    state.catchingUp = run()
      .catch(() => {})
      .finally(() => {
        state.catchingUp = undefined;
        this.publishHint(channel, state, hint);
      });
    return state.catchingUp;
  }

  private publishHint(channel: string, state: ChannelState, hint: readonly StoredEvent[]): void {
    if (this.channels.get(channel) !== state || state.catchingUp) return;
    const fresh = hint.filter((e) => e.seq > state.queued);
    if (fresh.length) this.enqueue(state, fresh);
  }

  /**
   * At most one flush per window, counted from the start of the last one: after a quiet spell the
   * first events go out on the next turn of the loop (with whatever else arrives in that turn),
   * and otherwise they wait only what is left of the window, so a trickle of events is not delayed
   * for nothing. Under steady traffic every batch still waits about the window, as before
   * (fan-out bench: at 2,000 dashboards and 25 events/s the wait was a quarter of the 100 ms budget).
   * Counting from the end of the last flush, as this did, made events 40 ms apart wait a whole
   * extra window at 1,000 dashboards, where writing a batch to every socket takes ~15 ms
   * (bench/fanout.ts at 25 ev/s: p50 32–41 ms against the bare server's 9).
   */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    const sinceLastFlush = performance.now() - this.lastFlushAt;
    this.flushTimer = setTimeout(() => this.flush(), Math.max(0, this.windowMs - sinceLastFlush));
  }

  /** Sends every pending batch now. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const startedAt = performance.now();
    let flushed = 0;
    for (const [channel, state] of this.channels) {
      if (state.pending.length === 0) continue;
      const events = state.pending.sort((a, b) => a.seq - b.seq);
      state.pending = [];
      flushed += events.length;
      const after = state.through;
      const through = events[events.length - 1].seq;
      state.through = through;
      for (const listener of this.listeners) listener.flushed?.(channel, events);
      // Usually every scope may see every event: thin that list once, not once per scope.
      let allThinned: StoredEvent[] | undefined;
      for (const scope of READER_SCOPES) {
        const visible = visibleTo(events, scope);
        const unapplied = state.unapplied.get(scope)!;
        for (const event of visible) unapplied.push(event);
        const sent =
          visible.length === events.length ? (allThinned ??= withoutSupersededPositions(events)) : withoutSupersededPositions(visible);
        const batch: EventBatch = { channel, after, through, events: sent };
        for (const listener of this.listeners) listener.batch(scope, batch);
      }
      this.catchUpOneScope(state);
    }
    this.adaptWindow(flushed, startedAt);
  }

  /** Brings the scope lagging furthest up to date, if it lags by maxUnappliedEvents or more. */
  private catchUpOneScope(state: ChannelState): void {
    let furthest: ReaderScope | undefined;
    let lag = this.maxUnappliedEvents - 1;
    for (const [scope, unapplied] of state.unapplied) {
      if (unapplied.length > lag) {
        furthest = scope;
        lag = unapplied.length;
      }
    }
    if (furthest) this.pictureOf(state, furthest);
  }

  /** The batching window for the next flush: the base one, or longer while the smoothed event rate is a flood. */
  get currentWindowMs(): number {
    return this.windowMs;
  }

  private adaptWindow(flushed: number, startedAt: number): void {
    const elapsed = Math.max(startedAt - this.lastFlushAt, this.windowMs);
    this.lastFlushAt = startedAt;
    const weight = 1 - Math.exp(-elapsed / RATE_SMOOTHING_MS);
    this.eventsPerSecond += weight * ((flushed * 1000) / elapsed - this.eventsPerSecond);
    if (this.eventsPerSecond > FLOOD_EVENTS_PER_SECOND)
      this.windowMs = Math.min(Math.max(MAX_BROADCAST_WINDOW_MS, this.baseWindowMs), this.windowMs * 2);
    else this.windowMs = Math.max(this.baseWindowMs, this.windowMs / 2);
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

/** Whether events are the consecutive seqs right after `queued`. */
function followsOn(events: readonly StoredEvent[], queued: number): boolean {
  return events.every((e, i) => e.seq === queued + 1 + i);
}

export function visibleTo(events: readonly StoredEvent[], scope: ReaderScope): StoredEvent[] {
  return events.filter((e) => isVisibleTo(audienceOf(e), scope));
}
