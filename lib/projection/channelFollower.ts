/**
 * Follows one channel from the client side: holds the picture and the seq it reflects, applies
 * batches in order, and says when something was missed so the caller can resubscribe from `seq`.
 * Pure (no socket, no clock), shared by the browser and the tests.
 */
import type { EventBatch, Snapshot } from '../contract/socket.ts';
import type { StoredEvent } from '../contract/events.ts';
import { advanceTo, applyEvents, emptyPicture, type Picture } from './picture.ts';

export type BatchOutcome = 'applied' | 'ignored' | 'gap';

export class ChannelFollower {
  private applied: Picture = emptyPicture();
  /**
   * Events received but not yet applied, and the seq they (or the picture) reach. A busy channel
   * sends many batches between two frames; applying them together when the picture is next read
   * copies the picture's collections once instead of once per batch.
   */
  private pending: StoredEvent[] = [];
  private heldThrough = 0;
  /** True once a snapshot or replay has given this follower a starting point. */
  started = false;

  constructor(readonly channel: string) {}

  /** The picture through `seq`, with every batch received so far applied. */
  get picture(): Picture {
    if (this.pending.length > 0 || this.applied.seq < this.heldThrough) {
      this.applied = advanceTo(applyEvents(this.applied, this.pending), this.heldThrough);
      this.pending = [];
    }
    return this.applied;
  }

  get seq(): number {
    return this.heldThrough;
  }

  /** The `afterSeq` to subscribe with: undefined asks for a snapshot. */
  resumeFrom(): number | undefined {
    return this.started ? this.seq : undefined;
  }

  reset(snapshot: Snapshot): void {
    this.applied = advanceTo(snapshot.picture, snapshot.seq);
    this.pending = [];
    this.heldThrough = this.applied.seq;
    this.started = true;
  }

  /**
   * A batch covering (after, through]. Already held: ignored. Starting beyond what we hold: a gap,
   * nothing applied. Otherwise the events we lack are taken (and applied when the picture is read).
   */
  receive(batch: EventBatch): BatchOutcome {
    if (batch.channel !== this.channel || batch.through <= this.seq) return 'ignored';
    if (batch.after > this.seq) return 'gap';
    const held = this.heldThrough;
    for (const event of batch.events) if (event.seq > held) this.pending.push(event);
    this.heldThrough = batch.through;
    this.started = true;
    return 'applied';
  }

  /** A heartbeat naming a head beyond what we hold means a batch went missing. */
  isBehind(through: number): boolean {
    return through > this.seq;
  }
}
