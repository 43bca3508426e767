/**
 * Pictures of a scenario's time line kept every N events, so a seek projects only the events
 * after the nearest one instead of everything from the start (a seek to the last day of a 20,000-
 * event scenario goes from hundreds of ms to a few). Built once per scenario and shared by its
 * sessions: pictures are never mutated (applyEvents copies what it changes).
 *
 * A checkpoint is numbered 1..k in an empty channel; `rebased` moves it to where a session's
 * numbering starts, and its seq-bearing parts (the picture's seq and the feed) follow.
 */
import type { StoredEvent } from '../contract/events.ts';
import { applyEvents, emptyPicture, type Picture } from '../projection/picture.ts';
import { numbered, type Timeline } from './timeline.ts';

export const CHECKPOINT_EVERY = 1_000;

export class Checkpoints {
  /** pictures[i]: the picture after the first (i + 1) × every events. */
  private readonly pictures: Picture[] = [];

  constructor(
    private readonly timeline: Timeline,
    readonly every = CHECKPOINT_EVERY,
  ) {
    let picture = emptyPicture();
    for (let k = every; k <= timeline.length; k += every) {
      const chunk = numbered(timeline.slice(k - every, k), '', k - every + 1);
      // A checkpoint stands for every reader only while all it holds is binational.
      if (chunk.some((e) => e.releasability !== 'binational')) break;
      picture = applyEvents(picture, chunk);
      this.pictures.push(picture);
    }
  }

  get count(): number {
    return this.pictures.length;
  }

  /**
   * The checkpoint holding the most events, at most `count` of them, whose last event happened
   * at or before `notAfter` (the first inject's time: injects must not fall inside it).
   */
  best(count: number, notAfter = Number.POSITIVE_INFINITY): { count: number; picture: Picture } | undefined {
    for (let i = Math.min(Math.floor(count / this.every), this.pictures.length) - 1; i >= 0; i--) {
      const k = (i + 1) * this.every;
      if (this.timeline.at(k - 1).at <= notAfter) return { count: k, picture: this.pictures[i] };
    }
    return undefined;
  }
}

/** A checkpoint as if its events had been numbered from `offset + 1` on `channel`. */
export function rebased(picture: Picture, channel: string, offset: number): Picture {
  return {
    ...picture,
    seq: picture.seq + offset,
    feed: picture.feed.map((event): StoredEvent => ({ ...event, channel, seq: event.seq + offset })),
  };
}
