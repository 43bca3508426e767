/**
 * One exercise: a scenario replayed on its own channel `training:<id>` by a clock the server
 * owns. The session keeps the channel's log itself (it is a function of the scenario, the
 * injects and the clock, so nothing but the clock needs storing) and numbers its events:
 *
 * - Playing: every tick releases the scenario events (and injects) whose occurredAt the clock has
 *   passed, in time order, with the next seqs.
 * - Seeking: the picture as of the instant is projected from every event up to it, numbered as if
 *   they had just been sent one by one (so their seqs are new and higher), and every screen gets it
 *   as one snapshot (`channel:reset`), not a flood of events.
 * - Injects arrive committed in the store through Ingest (durable like any event); they join the
 *   time line at their occurredAt and are sent when the clock reaches it (at once if it has).
 *
 * The pictures a screen builds from batches and the one a seek projects are the same because both
 * apply the same events in the same order: time order, scenario before injects at equal times.
 */
import type { RestoreNotice } from '../../lib/contract/training.ts';
import type { ConcordiaEvent, StoredEvent } from '../../lib/contract/events.ts';
import { READER_SCOPES, type ReaderScope } from '../../lib/contract/releasability.ts';
import { ExerciseClock, type ClockState } from '../../lib/scenario/clock.ts';
import type { Scenario } from '../../lib/scenario/scenarioFile.ts';
import { mergeByTime, numbered, Timeline, type TimedEvent } from '../../lib/scenario/timeline.ts';
import { applyEvents, emptyPicture, type Picture } from '../../lib/projection/picture.ts';
import { rebased, type Checkpoints } from '../../lib/scenario/checkpoints.ts';
import { visibleTo, type ChannelHub, type ChannelOwner } from '../realtime/channelHub.ts';

export interface SessionClocks {
  /** Monotonic milliseconds for the exercise clock (performance.now in production). */
  monotonic: () => number;
  /** Wall-clock epoch ms, for receivedAt and the clock's serverTime. */
  wall: () => number;
}

export interface SessionOptions {
  id: string;
  channel: string;
  scenario: Scenario;
  /** Parsed once per scenario and shared by its sessions. */
  timeline: Timeline;
  /** Pictures along the time line, so a seek projects only what follows the nearest one. */
  checkpoints?: Checkpoints;
  hub: ChannelHub;
  clocks: SessionClocks;
  createdAt: string;
  createdBy: string;
  /** Exercise time to start at (epoch ms). */
  at: number;
  speed: number;
  /** The highest seq that may already have been used on this channel (0 for a new session). */
  seqFloor: number;
  /** Injects already stored for this channel (a restored session). */
  injects?: readonly ConcordiaEvent[];
  /** The store seq of the last of `injects`. */
  injectsThrough?: number;
  /** Called before seqs beyond what was reserved are used, with the new highest seq. */
  reserveSeqs: (through: number) => void;
  /** Called when the clock changed in a way displays must hear about now. */
  clockChanged: (session: TrainingSession) => void;
  /**
   * Seqs skipped before a seek's snapshot (0 by default). Nodes that follow one shared clock
   * number the same events alike from the same epoch; the gap keeps a reset past anything a node
   * running slightly ahead has sent.
   */
  seekMargin?: number;
}

/** Where the channel's numbering last restarted: with the scenario and injects it fixes every seq since. */
export interface SessionEpoch {
  /** The head before the snapshot (the snapshot's seq follows from it and the time). */
  base: number;
  /** Exercise time of the snapshot. */
  at: number;
}

export class TrainingSession implements ChannelOwner {
  readonly id: string;
  readonly channel: string;
  readonly scenario: Scenario;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly clock: ExerciseClock;
  restored?: RestoreNotice;

  private readonly scenarioLine: Timeline;
  private readonly injects = new Timeline();
  /** Injects not yet sent, in time order. */
  private upcoming: TimedEvent[] = [];
  /** How many of the scenario's events (a prefix in time order) are on the channel. */
  private releasedScenario = 0;
  private head: number;
  private resetSeq: number;
  /** Events sent since the last reset, for replays to screens that reconnect. */
  private log: StoredEvent[] = [];
  private ended = false;
  private opened = false;
  private currentEpoch: SessionEpoch;
  /** Store seqs of injects held beyond `injectsThrough` (each inject is taken once). */
  private readonly injectSeqs = new Set<number>();
  /** Every inject with store seq up to here is held (the store numbers a channel from 1 without gaps). */
  injectsThrough: number;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.channel = options.channel;
    this.scenario = options.scenario;
    this.createdAt = options.createdAt;
    this.createdBy = options.createdBy;
    this.scenarioLine = options.timeline;
    const range = { start: Date.parse(options.scenario.start), end: Date.parse(options.scenario.end) };
    this.clock = new ExerciseClock(range, options.clocks.monotonic, options.at);
    this.clock.setSpeed(options.speed);
    for (const inject of options.injects ?? []) this.injects.insert(inject);
    this.head = options.seqFloor;
    this.resetSeq = options.seqFloor;
    this.currentEpoch = { base: options.seqFloor, at: this.clock.time() };
    this.injectsThrough = options.injectsThrough ?? 0;
  }

  get epoch(): SessionEpoch {
    return this.currentEpoch;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /**
   * Sets the clock to the shared clock's state without a reset (another node owns the clock, or
   * this one takes it over): events the new time has reached are released by the tick, with the
   * seqs every node gives them.
   */
  adopt(state: { at: number; speed: number; playing: boolean; ended: boolean }): void {
    // Stopped first, so the time set is the time held (a playing clock would run on in between).
    this.clock.pause();
    if (this.clock.speed !== state.speed) this.clock.setSpeed(state.speed);
    this.clock.seek(state.at);
    if (state.playing) this.clock.play();
    this.ended = state.ended;
    this.tick();
  }

  /** Takes the shared epoch as this session's (right after open() numbered from its base). */
  rebaseEpoch(epoch: SessionEpoch): void {
    this.currentEpoch = epoch;
  }

  /** Resets to the shared clock's epoch (another node sought): the same snapshot seq as there. */
  rebase(epoch: SessionEpoch): void {
    // Ahead of the shared numbering by more than the margin (not expected): number past what was
    // sent here; a screen moving to another node then gets a snapshot instead of a replay.
    this.seekTo(epoch.at, Math.max(epoch.base, this.head));
    this.currentEpoch = epoch;
  }

  /** Opens the channel on the hub with the picture as of the clock's time. */
  open(): void {
    const { seq, pictures } = this.picturesAt(this.clock.time());
    this.options.hub.openOwned(this.channel, this, { seq, pictures });
    this.opened = true;
  }

  /** The highest seq used on the channel. */
  get seq(): number {
    return this.head;
  }

  state(): ClockState {
    return {
      playing: this.clock.isPlaying,
      speed: this.clock.speed,
      exerciseTime: this.clock.time(),
      serverTime: this.options.clocks.wall(),
      start: this.clock.range.start,
      end: this.clock.range.end,
      ended: this.ended,
    };
  }

  play(): void {
    if (this.clock.atEnd()) return;
    this.ended = false;
    this.clock.play();
    this.options.clockChanged(this);
  }

  pause(): void {
    this.clock.pause();
    this.tick();
    this.options.clockChanged(this);
  }

  setSpeed(speed: number): void {
    this.tick();
    this.clock.setSpeed(speed);
    this.options.clockChanged(this);
  }

  /** Jumps to an instant (clamped to the scenario) and resets every screen to the picture there. */
  seek(at: number): void {
    this.seekTo(at, this.head + (this.options.seekMargin ?? 0));
  }

  private seekTo(at: number, base: number): void {
    this.clock.seek(at);
    this.ended = false;
    this.head = base;
    this.currentEpoch = { base, at: this.clock.time() };
    const { seq, pictures } = this.picturesAt(this.clock.time());
    this.options.hub.reset(this.channel, seq, pictures);
    this.log = [];
    this.options.clockChanged(this);
  }

  /** Sends whatever the clock has reached; stops at the end of the scenario. */
  tick(): void {
    if (!this.opened) return;
    const t = this.clock.time();
    const through = this.scenarioLine.countThrough(t);
    const fromScenario = this.scenarioLine.slice(this.releasedScenario, through);
    this.releasedScenario = through;
    let due = 0;
    while (due < this.upcoming.length && this.upcoming[due].at <= t) due++;
    const fromInjects = this.upcoming.splice(0, due);
    this.send(mergeByTime(fromScenario, fromInjects));
    if (this.clock.isPlaying && this.clock.atEnd()) {
      this.clock.pause();
      this.ended = true;
      this.options.clockChanged(this);
    }
  }

  /** Injects committed to the store for this channel: sent now if the clock has passed them. */
  committed(events: readonly StoredEvent[]): void {
    const now = this.clock.time();
    const dueNow: TimedEvent[] = [];
    for (const stored of events) {
      // Read again from the store (another node's inject, a poll): already here.
      if (stored.seq <= this.injectsThrough || this.injectSeqs.has(stored.seq)) continue;
      this.injectSeqs.add(stored.seq);
      while (this.injectSeqs.delete(this.injectsThrough + 1)) this.injectsThrough++;
      const { channel: _c, seq: _s, receivedAt: _r, ...event } = stored;
      const timed = this.injects.insert(event as ConcordiaEvent, now);
      if (timed.at <= now) dueNow.push(timed);
      else this.upcoming.splice(countThrough(this.upcoming, timed.at), 0, timed);
    }
    this.send(dueNow);
  }

  /**
   * Everything the exercise has shown as of its clock, in time order, as `scope` may see it: the
   * handover brief's reading of an exercise (server/handover). Seqs count from 1 in that order.
   */
  history(scope: ReaderScope): StoredEvent[] {
    const t = this.clock.time();
    const shown = mergeByTime(
      this.scenarioLine.slice(0, this.scenarioLine.countThrough(t)),
      this.injects.slice(0, this.injects.countThrough(t)),
    );
    return visibleTo(numbered(shown, this.channel, 1), scope);
  }

  replay(afterSeq: number, throughSeq: number, scope: ReaderScope): StoredEvent[] | null {
    if (afterSeq < this.resetSeq) return null;
    return visibleTo(
      this.log.filter((e) => e.seq > afterSeq && e.seq <= throughSeq),
      scope,
    );
  }

  private send(events: readonly TimedEvent[]): void {
    if (events.length === 0) return;
    const first = this.head + 1;
    this.options.reserveSeqs(this.head + events.length);
    const stored = numbered(events, this.channel, first);
    this.head += events.length;
    for (const event of stored) this.log.push(event);
    this.options.hub.broadcast(this.channel, stored);
  }

  /**
   * The picture as of `t` for each reader scope, numbered after everything sent so far: the events
   * take the next seqs and the snapshot's seq is past them (at least one past the old head, so it
   * is new even when nothing happened before t).
   */
  private picturesAt(t: number): { seq: number; pictures: Map<ReaderScope, Picture> } {
    this.releasedScenario = this.scenarioLine.countThrough(t);
    const injectCount = this.injects.countThrough(t);
    this.upcoming = this.injects.slice(injectCount, this.injects.length);
    // Start from the nearest checkpoint that holds scenario events only (no inject inside it).
    const firstInject = injectCount > 0 ? this.injects.at(0).at : Number.POSITIVE_INFINITY;
    const from = this.options.checkpoints?.best(this.releasedScenario, firstInject);
    const k = from?.count ?? 0;
    const rest = mergeByTime(this.scenarioLine.slice(k, this.releasedScenario), this.injects.slice(0, injectCount));
    const seq = this.head + Math.max(1, k + rest.length);
    this.options.reserveSeqs(seq);
    const base = from ? rebased(from.picture, this.channel, this.head) : emptyPicture();
    const stored = numbered(rest, this.channel, this.head + k + 1);
    this.head = seq;
    this.resetSeq = seq;
    return { seq, pictures: picturesByScope(base, stored, seq) };
  }
}

/**
 * `base` (binational only, so the same for every reader) plus `stored`: projected once when every
 * event is binational (the scenario's case), once per reader scope otherwise.
 */
export function picturesByScope(base: Picture, stored: readonly StoredEvent[], seq: number): Map<ReaderScope, Picture> {
  const at = (picture: Picture): Picture => ({ ...picture, seq });
  const pictures = new Map<ReaderScope, Picture>();
  if (stored.every((e) => e.releasability === 'binational')) {
    const shared = at(applyEvents(base, stored));
    for (const scope of READER_SCOPES) pictures.set(scope, shared);
    return pictures;
  }
  for (const scope of READER_SCOPES) pictures.set(scope, at(applyEvents(base, visibleTo(stored, scope))));
  return pictures;
}

function countThrough(items: readonly TimedEvent[], at: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].at <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}
