/**
 * Follows one channel from the client side: holds the picture and the seq it reflects, applies
 * batches in order, and says when something was missed so the caller can resubscribe from `seq`.
 * Pure (no socket, no clock), shared by the browser and the tests.
 */
import type { EventBatch, Snapshot } from '../contract/socket.ts';
import { advanceTo, applyEvents, emptyPicture, type Picture } from './picture.ts';

export type BatchOutcome = 'applied' | 'ignored' | 'gap';

export class ChannelFollower {
  picture: Picture = emptyPicture();
  /** True once a snapshot or replay has given this follower a starting point. */
  started = false;

  constructor(readonly channel: string) {}

  get seq(): number {
    return this.picture.seq;
  }

  /** The `afterSeq` to subscribe with: undefined asks for a snapshot. */
  resumeFrom(): number | undefined {
    return this.started ? this.seq : undefined;
  }

  reset(snapshot: Snapshot): void {
    this.picture = advanceTo(snapshot.picture, snapshot.seq);
    this.started = true;
  }

  /**
   * A batch covering (after, through]. Already held: ignored. Starting beyond what we hold: a gap,
   * nothing applied. Otherwise the events we lack are applied.
   */
  receive(batch: EventBatch): BatchOutcome {
    if (batch.channel !== this.channel || batch.through <= this.seq) return 'ignored';
    if (batch.after > this.seq) return 'gap';
    this.picture = advanceTo(applyEvents(this.picture, batch.events), batch.through);
    this.started = true;
    return 'applied';
  }

  /** A heartbeat naming a head beyond what we hold means a batch went missing. */
  isBehind(through: number): boolean {
    return through > this.seq;
  }
}
