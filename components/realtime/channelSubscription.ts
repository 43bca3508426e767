/**
 * Keeps one channel's picture current over the page's socket: subscribes on every (re)connect
 * with the last seq held, applies batches, resubscribes when a gap shows (a batch starting past
 * what we hold, or a heartbeat naming a later head), and tracks how fresh the data is.
 * Listeners are told at most once per animation frame, so a burst of batches renders once.
 *
 * With a PictureKeeper (the wall), the last picture kept is restored before the first subscribe
 * and its seq is the cursor, so a reload, even with no network, shows it at once, marked stale
 * since the server was last heard, and catches up with no gap. Once the server has answered, the
 * picture is kept again on every change (the keeper throttles).
 */
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventBatch, Heartbeat, ServerToClientEvents, Snapshot, TrainingClock } from '@/lib/contract/socket.ts';
import type { ClockState } from '@/lib/scenario/clock.ts';
import { ChannelFollower } from '@/lib/projection/channelFollower.ts';
import type { Picture } from '@/lib/projection/picture.ts';
import type { ConnectionState } from '@/components/shared/connectionState.ts';
import type { PictureKeeper } from '@/components/realtime/savedPicture.ts';

export type ConcordiaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ChannelView {
  picture: Picture;
  connection: ConnectionState;
  /** The server refused our credential: the session ended or expired. */
  signedOut: boolean;
  /** The server refused the subscription (e.g. an exercise that no longer exists). */
  error?: string;
  /** On an exercise channel: the last clock the server sent, and when (local epoch ms) it arrived. */
  exerciseClock?: { state: ClockState; receivedAt: number };
}

/** How long to wait for a subscribe acknowledgement before trying again. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;

export class ChannelSubscription {
  private readonly follower: ChannelFollower;
  private view: ChannelView;
  private readonly listeners = new Set<() => void>();
  private subscribing = false;
  private frame: number | null = null;
  private lastHeardAt: number | undefined;
  /** Settles once the kept picture (if any) is in the follower: the first subscribe waits for it. */
  private readonly restored: Promise<void>;
  /** True once the server answered a subscribe: only then is the picture worth keeping again. */
  private confirmed = false;

  constructor(
    private readonly socket: ConcordiaSocket,
    readonly channel: string,
    private readonly keeper?: PictureKeeper,
  ) {
    this.follower = new ChannelFollower(channel);
    this.view = { picture: this.follower.picture, connection: { status: 'connecting' }, signedOut: false };
    this.restored = keeper ? keeper.restore().then(this.onRestored, () => undefined) : Promise.resolve();
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect);
    socket.on('connect_error', this.onConnectError);
    socket.on('events:appended', this.onBatch);
    socket.on('channel:heartbeat', this.onHeartbeat);
    socket.on('session:ended', this.onSessionEnded);
    socket.on('channel:reset', this.onReset);
    socket.on('training:clock', this.onClock);
    if (socket.connected) void this.subscribe();
  }

  getView = (): ChannelView => this.view;

  onChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Writes the picture kept, now (the page is being hidden). */
  flush(): void {
    this.keeper?.flush();
  }

  dispose(): void {
    this.keeper?.flush();
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('connect_error', this.onConnectError);
    this.socket.off('events:appended', this.onBatch);
    this.socket.off('channel:heartbeat', this.onHeartbeat);
    this.socket.off('session:ended', this.onSessionEnded);
    this.socket.off('channel:reset', this.onReset);
    this.socket.off('training:clock', this.onClock);
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.socket.connected) this.socket.emit('channel:unsubscribe', { channel: this.channel }, () => {});
  }

  private async subscribe(): Promise<void> {
    if (this.subscribing) return;
    this.subscribing = true;
    try {
      await this.restored;
      const ack = await this.socket
        .timeout(SUBSCRIBE_TIMEOUT_MS)
        .emitWithAck('channel:subscribe', { channel: this.channel, afterSeq: this.follower.resumeFrom() });
      if (!ack.ok) {
        this.keeper?.forget(); // e.g. an exercise that no longer exists: nothing to come back to
        this.update({ error: ack.error });
        return;
      }
      if (ack.mode === 'snapshot') this.follower.reset(ack.snapshot);
      this.heard();
      this.confirmed = true;
      this.update({ connection: { status: 'live', lastHeardAt: this.lastHeardAt }, error: undefined });
      this.keep();
    } catch {
      // No answer in time: the next heartbeat or reconnect tries again.
    } finally {
      this.subscribing = false;
    }
  }

  /**
   * The kept picture, unless the server got here first. It dates from when the server was last
   * heard, and says so until the server answers: it is stale, never live.
   */
  private readonly onRestored = (saved: Awaited<ReturnType<PictureKeeper['restore']>>) => {
    if (!saved || this.follower.started) return;
    this.follower.reset({ channel: this.channel, seq: saved.picture.seq, picture: saved.picture });
    this.lastHeardAt = saved.lastHeardAt;
    const { status } = this.view.connection;
    const since = { staleSince: saved.lastHeardAt, lastHeardAt: saved.lastHeardAt };
    this.update({ connection: { status: status === 'live' ? 'connecting' : status, ...since } });
  };

  private readonly onConnect = () => {
    this.update({ connection: { ...this.view.connection, status: 'connecting' } });
    void this.subscribe();
  };

  private readonly onDisconnect = () => {
    this.keeper?.flush(); // the link dropped: what we hold now is what a reload must show
    this.update({ connection: { status: 'offline', staleSince: this.lastHeardAt ?? Date.now(), lastHeardAt: this.lastHeardAt } });
  };

  private readonly onConnectError = (error: Error) => {
    if (error.message === 'unauthorized') {
      this.keeper?.forget();
      this.update({ signedOut: true });
    }
    if (this.view.connection.status !== 'offline') this.onDisconnect();
  };

  private readonly onBatch = (batch: EventBatch) => {
    if (batch.channel !== this.channel) return;
    const outcome = this.follower.receive(batch);
    this.heard();
    if (outcome === 'gap') void this.subscribe();
    else if (outcome === 'applied') this.changed();
  };

  private readonly onHeartbeat = (beat: Heartbeat) => {
    if (beat.channel !== this.channel) return;
    this.heard();
    if (this.follower.isBehind(beat.through)) void this.subscribe();
    this.changed();
  };

  /** An exercise jumped in time: the snapshot replaces everything held. */
  private readonly onReset = (snapshot: Snapshot) => {
    if (snapshot.channel !== this.channel) return;
    this.follower.reset(snapshot);
    this.heard();
    this.changed();
  };

  private readonly onClock = (clock: TrainingClock) => {
    if (clock.channel !== this.channel) return;
    this.heard();
    this.update({
      exerciseClock: { state: clock.state, receivedAt: Date.now() },
      // The trainer ended the exercise: say so rather than wait to call the data stale.
      ...(clock.closed ? { error: `exercise ${clock.sessionId} ended` } : {}),
    });
    if (clock.closed) this.keeper?.forget();
  };

  private readonly onSessionEnded = () => {
    this.keeper?.forget(); // the next person at this screen must not see this one's picture
    this.update({ signedOut: true });
  };

  private heard(): void {
    this.lastHeardAt = Date.now();
  }

  /** Publishes the follower's picture and freshness, once per frame. */
  private changed(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      const connection: ConnectionState =
        this.view.connection.status === 'live' ? { status: 'live', lastHeardAt: this.lastHeardAt } : this.view.connection;
      this.update({ picture: this.follower.picture, connection });
      this.keep();
    });
  }

  private keep(): void {
    if (this.keeper && this.confirmed && this.lastHeardAt !== undefined) this.keeper.keep(this.follower.picture, this.lastHeardAt);
  }

  private update(patch: Partial<ChannelView>): void {
    this.view = { ...this.view, picture: this.follower.picture, ...patch };
    for (const listener of this.listeners) listener();
  }
}
