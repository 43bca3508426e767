/**
 * The exercises this server runs: creating them, finding them, driving their clocks, and keeping
 * them across restarts. One timer ticks every playing session (a release every TICK_MS of real
 * time, however fast the exercise runs), one sends every session's clock to its screens each
 * second, and the sessions file is rewritten on every control action and every few seconds while
 * a session plays.
 *
 * A restart keeps each session (its scenario, clock time, speed and injects) but leaves it paused
 * where it was last saved, and says so: up to PROGRESS_SAVE_MS of real time played before the
 * restart may be lost, and nobody is there to watch it play on by itself.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { trainingChannel } from '../../lib/contract/channelNames.ts';
import type { ConcordiaEvent } from '../../lib/contract/events.ts';
import type { TrainingClock } from '../../lib/contract/socket.ts';
import type { ClockState } from '../../lib/scenario/clock.ts';
import type { ControlCommand } from '../../lib/scenario/control.ts';
import { Timeline } from '../../lib/scenario/timeline.ts';
import { Checkpoints } from '../../lib/scenario/checkpoints.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { ScenarioCatalog } from './scenarioCatalog.ts';
import type { SessionPersistence, SessionRecord } from './sessionFile.ts';
import { leaseName, type SharedRecord, type SharedSessions } from './sharedSessions.ts';
import type { Lease } from '../cluster/lease.ts';
import { isTrainingChannel } from '../../lib/contract/channelNames.ts';
import { TrainingSession, type SessionClocks } from './trainingSession.ts';
import type { SessionView } from '../../lib/contract/training.ts';

/** Real time between releases: at 3600× one tick is six exercise minutes. */
export const TICK_MS = 100;
/** Real time between clock broadcasts (and on every control action). */
export const CLOCK_BROADCAST_MS = 1_000;
/** Real time between saves of a playing session's clock. */
export const PROGRESS_SAVE_MS = 5_000;
/** Seqs reserved in the sessions file at a time, so saving is rare while seqs stay safe across restarts. */
export const SEQ_RESERVATION = 10_000;
/** More sessions than this at once is a mistake, and each holds a scenario's worth of memory. */
export const MAX_SESSIONS = 20;
const STORE_PAGE = 5_000;
/** Shared sessions: how often each node reads the shared clocks (and the owner writes its progress). */
export const SHARED_SYNC_MS = 500;
/** A playing clock nobody moved for this long had no owner (every node was down): it comes back paused. */
export const STALE_CLOCK_MS = 15_000;
/** Real ms a follower's clock may differ from the shared clock before it is set again. */
const DRIFT_MS = 50;
/** Seqs skipped at a seek on shared sessions (see SessionOptions.seekMargin). */
const SHARED_SEEK_MARGIN = 1_000;

export type ControlOutcome = { ok: true; clock: ClockState } | { ok: false; field: string; message: string };

export interface TrainingDeps {
  hub: ChannelHub;
  store: EventStore;
  catalog: ScenarioCatalog;
  persistence: SessionPersistence;
  log: Logger;
  broadcastClock: (clock: TrainingClock) => void;
  clocks?: SessionClocks;
  /**
   * Sessions on PostgreSQL, shared by every node: each node runs every session's channel from the
   * shared clock, the session's lease holder writes the clock's progress. Replaces `persistence`.
   */
  shared?: SharedSessions;
}

/** A node's hold on one shared session. */
interface SharedState {
  lease: Lease;
  /** The clock change (rev) this node's session follows. */
  rev: number;
}

const REAL_CLOCKS: SessionClocks = { monotonic: () => performance.now(), wall: () => Date.now() };

export class TrainingSessions {
  private readonly sessions = new Map<string, TrainingSession>();
  private readonly reserved = new Map<string, number>();
  private readonly timelines = new Map<string, { timeline: Timeline; checkpoints: Checkpoints }>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly clocks: SessionClocks;
  private readonly sharedState = new Map<string, SharedState>();
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private stopHearing?: () => void;
  /** What went wrong restoring or saving sessions, for the console to say plainly. */
  problem?: string;

  constructor(private readonly deps: TrainingDeps) {
    this.clocks = deps.clocks ?? REAL_CLOCKS;
  }

  get persistent(): boolean {
    return this.deps.shared !== undefined || this.deps.persistence.durable;
  }

  /** True while this node owns the session's clock (always, without shared sessions). */
  owns(session: TrainingSession): boolean {
    return this.sharedState.get(session.id)?.lease.held ?? !this.deps.shared;
  }

  /** Starts the timers. Separate from the constructor so tests can drive ticks themselves. */
  start(): void {
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(TICK_MS, () => this.tickAll());
    every(CLOCK_BROADCAST_MS, () => {
      for (const session of this.sessions.values()) this.sendClock(session);
    });
    every(PROGRESS_SAVE_MS, () => {
      if ([...this.sessions.values()].some((s) => s.clock.isPlaying)) this.save();
    });
    if (this.deps.shared) {
      every(SHARED_SYNC_MS, () => void this.sync());
      this.stopHearing = this.deps.shared.bus?.subscribe({
        message: (message) => {
          if (message.kind === 'training-changed' || (message.kind === 'appended' && isTrainingChannel(message.channel))) void this.sync();
        },
        missed: () => void this.sync(),
      });
    }
  }

  tickAll(): void {
    for (const session of this.sessions.values()) {
      if (!session.clock.isPlaying) continue;
      try {
        session.tick();
      } catch (error) {
        this.deps.log.error({ err: error, session: session.id }, 'exercise tick failed; pausing it');
        session.clock.pause();
      }
    }
  }

  /** Brings back the sessions saved before a restart, paused where they were. */
  async restore(): Promise<void> {
    if (this.deps.shared) return this.sync();
    const { records, problem } = this.deps.persistence.load();
    if (problem) {
      this.problem = `Las sesiones guardadas no se pudieron leer (${problem}); se perdieron.`;
      this.deps.log.error({ problem }, 'training sessions file unreadable: sessions lost');
    }
    const lost: string[] = [];
    for (const record of records) {
      const scenario = this.deps.catalog.get(record.scenarioId);
      if (!scenario) {
        lost.push(`${record.id} (${record.scenarioId})`);
        continue;
      }
      try {
        const { injects, through } = await this.readInjects(trainingChannel(record.id));
        const session = this.build(record.id, record.scenarioId, {
          at: record.exerciseTime,
          speed: record.speed,
          seqFloor: record.seqReservedThrough,
          createdAt: record.createdAt,
          createdBy: record.createdBy,
          injects,
          injectsThrough: through,
        });
        session.restored = { restoredAt: new Date(this.clocks.wall()).toISOString(), wasPlaying: record.playing };
        session.open();
      } catch (error) {
        // One session that cannot come back must not keep the server (and live operations) down.
        this.sessions.delete(record.id);
        this.deps.log.error({ err: error, session: record.id }, 'training session could not be restored');
        lost.push(`${record.id} (${record.scenarioId})`);
      }
    }
    if (lost.length) {
      this.problem = `Sesiones perdidas al reiniciar (su escenario ya no existe o no se pudo restaurar): ${lost.join(', ')}.`;
      this.deps.log.error({ lost }, 'training sessions lost at restart');
    }
    if (records.length) this.deps.log.info({ restored: this.sessions.size }, 'training sessions restored, paused');
    this.save();
  }

  async create(scenarioId: string, createdBy: string): Promise<TrainingSession | { error: 'unknown-scenario' | 'too-many' }> {
    if (!this.deps.catalog.get(scenarioId)) return { error: 'unknown-scenario' };
    if (this.sessions.size >= MAX_SESSIONS) return { error: 'too-many' };
    let id: string;
    do id = randomBytes(6).toString('base64url');
    while (this.sessions.has(id));
    const scenario = this.deps.catalog.get(scenarioId)!;
    const session = this.build(id, scenarioId, {
      at: Date.parse(scenario.start),
      speed: 60,
      seqFloor: 0,
      createdAt: new Date(this.clocks.wall()).toISOString(),
      createdBy,
    });
    session.open();
    if (this.deps.shared) {
      try {
        await this.deps.shared.table.insert({ ...this.sharedRecordOf(session), rev: 0 });
      } catch (error) {
        this.dropLocal(session);
        throw error;
      }
      this.hold(session, 0);
      this.announce();
    }
    this.save();
    return session;
  }

  get(id: string): TrainingSession | undefined {
    return this.sessions.get(id);
  }

  list(): TrainingSession[] {
    return [...this.sessions.values()];
  }

  view(session: TrainingSession): SessionView {
    const { scenario } = session;
    return {
      id: session.id,
      channel: session.channel,
      scenario: { id: scenario.id, title: scenario.title, start: scenario.start, end: scenario.end, milestones: scenario.milestones },
      createdAt: session.createdAt,
      createdBy: session.createdBy,
      clock: session.state(),
      seq: session.seq,
      persistent: this.persistent,
      ...(session.restored ? { restored: session.restored } : {}),
    };
  }

  /** Ends a session: its channel closes (screens on it are told the exercise is gone) and it is no longer saved. */
  async end(session: TrainingSession): Promise<void> {
    if (this.deps.shared) {
      await this.deps.shared.table.delete(session.id);
      this.announce();
    }
    this.endLocal(session);
    this.save();
  }

  private endLocal(session: TrainingSession): void {
    session.clock.pause();
    this.deps.broadcastClock({ channel: session.channel, sessionId: session.id, state: session.state(), closed: true });
    this.dropLocal(session);
  }

  private dropLocal(session: TrainingSession): void {
    this.sessions.delete(session.id);
    this.reserved.delete(session.id);
    void this.sharedState.get(session.id)?.lease.stop();
    this.sharedState.delete(session.id);
    if (this.deps.hub.has(session.channel)) this.deps.hub.closeOwned(session.channel);
  }

  async control(session: TrainingSession, command: ControlCommand): Promise<ControlOutcome> {
    // Start from the shared clock as it is now, whichever node changed it last.
    if (this.deps.shared) await this.sync();
    if (this.sessions.get(session.id) !== session) return { ok: false, field: 'session', message: 'the session has ended' };
    switch (command.action) {
      case 'play':
        if (command.speed !== undefined) session.setSpeed(command.speed);
        session.play();
        session.restored = undefined;
        break;
      case 'pause':
        session.pause();
        break;
      case 'speed':
        session.setSpeed(command.speed);
        break;
      case 'seek': {
        let at: number;
        if (command.milestone !== undefined) {
          const milestone = session.scenario.milestones.find((m) => m.id === command.milestone);
          if (!milestone) {
            const known = session.scenario.milestones.map((m) => m.id).join(', ');
            return { ok: false, field: 'milestone', message: `no milestone "${command.milestone}"; this scenario has ${known}` };
          }
          at = Date.parse(milestone.at);
        } else {
          at = Date.parse(command.at!);
          const { start, end } = session.clock.range;
          if (at < start || at > end) {
            return { ok: false, field: 'at', message: `outside the scenario (${session.scenario.start} to ${session.scenario.end})` };
          }
        }
        session.seek(at);
        break;
      }
    }
    if (this.deps.shared) await this.publishControl(session);
    this.save();
    return { ok: true, clock: session.state() };
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    this.stopHearing?.();
    if (this.sessions.size) this.save();
    await this.syncing;
    // Given up, not left to lapse: another node takes each clock over at once.
    await Promise.all([...this.sharedState.values()].map((state) => state.lease.stop()));
    this.sharedState.clear();
  }

  // --- shared sessions (PostgreSQL) ---

  /** Reads the shared sessions and follows them; one read at a time, another after it if asked meanwhile. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    const run = async () => {
      do {
        this.syncAgain = false;
        await this.syncOnce();
      } while (this.syncAgain);
    };
    this.syncing = run()
      .catch((error: unknown) => {
        this.deps.log.warn({ err: error }, 'shared training sessions could not be read; trying again');
      })
      .finally(() => {
        this.syncing = null;
      });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const shared = this.deps.shared!;
    const records = await shared.table.list();
    const present = new Set(records.map((r) => r.id));
    for (const session of this.list()) {
      // Ended on another node: screens here are told, as on the node that ended it.
      if (!present.has(session.id) && this.sharedState.has(session.id)) this.endLocal(session);
    }
    for (const record of records) {
      let session = this.sessions.get(record.id);
      if (!session) {
        session = await this.follow(record);
        if (!session) continue;
      }
      const state = this.sharedState.get(record.id);
      if (!state) continue;
      await this.injectsFromStore(session);
      const stale = record.playing && this.clocks.wall() - record.anchorWall > STALE_CLOCK_MS;
      if (record.rev !== state.rev) {
        state.rev = record.rev;
        if (record.epochBase !== session.epoch.base || record.epochAt !== session.epoch.at) {
          session.rebase({ base: record.epochBase, at: record.epochAt });
        }
        session.adopt(this.clockOf(record, stale));
        // Played again somewhere: the restart notice is over on every node, as on the one told.
        if (record.playing && !stale) session.restored = undefined;
        this.sendClock(session);
      } else if (!state.lease.held) {
        const want = this.clockOf(record, stale);
        const off = Math.abs(session.clock.time() - want.at) / Math.max(1, want.speed);
        if (want.playing !== session.clock.isPlaying || want.speed !== session.clock.speed || off > DRIFT_MS) session.adopt(want);
      }
      if (!state.lease.held) continue;
      // The owner: a clock nobody ran comes back paused; an end reached here is shared; else progress.
      if (stale) {
        session.restored = { restoredAt: new Date(this.clocks.wall()).toISOString(), wasPlaying: true };
        await this.publishControl(session);
      } else if (session.isEnded !== record.ended || session.clock.isPlaying !== record.playing) {
        await this.publishControl(session);
      } else if (session.clock.isPlaying) {
        const moved = await shared.table.progress(record.id, state.rev, shared.owner, {
          exerciseTime: session.clock.time(),
          anchorWall: this.clocks.wall(),
          seqReservedThrough: session.seq,
        });
        if (!moved) this.syncAgain = true;
      }
    }
  }

  /** The shared clock as of now. */
  private clockOf(record: SharedRecord, stale: boolean): { at: number; speed: number; playing: boolean; ended: boolean } {
    const playing = record.playing && !stale;
    const at = playing ? record.exerciseTime + (this.clocks.wall() - record.anchorWall) * record.speed : record.exerciseTime;
    return { at, speed: record.speed, playing, ended: record.ended };
  }

  /** Opens a shared session on this node: the channel from its epoch, then the clock as it is now. */
  private async follow(record: SharedRecord): Promise<TrainingSession | undefined> {
    if (!this.deps.catalog.get(record.scenarioId)) {
      this.problem = `Sesión ${record.id}: su escenario ${record.scenarioId} no existe en este nodo.`;
      return undefined;
    }
    const { injects, through } = await this.readInjects(trainingChannel(record.id));
    if (this.sessions.has(record.id)) return this.sessions.get(record.id);
    const session = this.build(record.id, record.scenarioId, {
      at: record.epochAt,
      speed: record.speed,
      seqFloor: record.epochBase,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      injects,
      injectsThrough: through,
    });
    session.open();
    // open() numbered from the epoch's base; the epoch is the shared one whatever the clamp did.
    session.rebaseEpoch({ base: record.epochBase, at: record.epochAt });
    const stale = record.playing && this.clocks.wall() - record.anchorWall > STALE_CLOCK_MS;
    if (stale) session.restored = { restoredAt: new Date(this.clocks.wall()).toISOString(), wasPlaying: true };
    session.adopt(this.clockOf(record, stale));
    this.hold(session, record.rev);
    return session;
  }

  private hold(session: TrainingSession, rev: number): void {
    const shared = this.deps.shared!;
    const lease = shared.leases(leaseName(session.id), {
      acquired: () => {
        this.deps.log.info({ session: session.id }, 'this node runs the exercise clock');
        void this.sync();
      },
      lost: () => this.deps.log.info({ session: session.id }, 'this node no longer runs the exercise clock'),
    });
    this.sharedState.set(session.id, { lease, rev });
  }

  /** Injects committed on other nodes (told by the bus, or found by the poll). */
  private async injectsFromStore(session: TrainingSession): Promise<void> {
    if ((await this.deps.store.head(session.channel)) <= session.injectsThrough) return;
    for (;;) {
      const page = await this.deps.store.read(session.channel, { afterSeq: session.injectsThrough, limit: STORE_PAGE });
      if (page.length === 0) return;
      session.committed(page);
      if (page.length < STORE_PAGE) return;
    }
  }

  /** Writes this node's clock of the session as the shared one (a control change) and tells the others. */
  private async publishControl(session: TrainingSession): Promise<void> {
    const shared = this.deps.shared!;
    const rev = await shared.table.control(session.id, this.sharedRecordOf(session));
    const state = this.sharedState.get(session.id);
    if (rev !== null && state) state.rev = rev;
    this.announce();
  }

  private announce(): void {
    this.deps.shared?.bus?.send({ kind: 'training-changed' }).catch(() => {});
  }

  private sharedRecordOf(session: TrainingSession): SharedRecord {
    return {
      id: session.id,
      scenarioId: session.scenario.id,
      createdAt: session.createdAt,
      createdBy: session.createdBy,
      exerciseTime: session.clock.time(),
      speed: session.clock.speed,
      playing: session.clock.isPlaying,
      seqReservedThrough: session.seq,
      anchorWall: this.clocks.wall(),
      rev: this.sharedState.get(session.id)?.rev ?? 0,
      epochBase: session.epoch.base,
      epochAt: session.epoch.at,
      ended: session.isEnded,
    };
  }

  private build(
    id: string,
    scenarioId: string,
    init: {
      at: number;
      speed: number;
      seqFloor: number;
      createdAt: string;
      createdBy: string;
      injects?: ConcordiaEvent[];
      injectsThrough?: number;
    },
  ): TrainingSession {
    const scenario = this.deps.catalog.get(scenarioId)!;
    let line = this.timelines.get(scenarioId);
    if (!line) {
      const timeline = new Timeline(scenario.events);
      line = { timeline, checkpoints: new Checkpoints(timeline) };
      this.timelines.set(scenarioId, line);
    }
    this.reserved.set(id, init.seqFloor);
    const session = new TrainingSession({
      id,
      channel: trainingChannel(id),
      scenario,
      timeline: line.timeline,
      checkpoints: line.checkpoints,
      hub: this.deps.hub,
      clocks: this.clocks,
      ...init,
      reserveSeqs: (through) => this.reserve(id, through),
      clockChanged: (s) => this.sendClock(s),
      seekMargin: this.deps.shared ? SHARED_SEEK_MARGIN : 0,
    });
    this.sessions.set(id, session);
    return session;
  }

  private reserve(id: string, through: number): void {
    if (through <= (this.reserved.get(id) ?? 0)) return;
    this.reserved.set(id, through + SEQ_RESERVATION);
    this.save();
  }

  private sendClock(session: TrainingSession): void {
    this.deps.broadcastClock({ channel: session.channel, sessionId: session.id, state: session.state() });
  }

  private async readInjects(channel: string): Promise<{ injects: ConcordiaEvent[]; through: number }> {
    const injects: ConcordiaEvent[] = [];
    for (let after = 0; ;) {
      const page = await this.deps.store.read(channel, { afterSeq: after, limit: STORE_PAGE });
      if (page.length === 0) return { injects, through: after };
      for (const { channel: _c, seq: _s, receivedAt: _r, ...event } of page) injects.push(event as ConcordiaEvent);
      after = page[page.length - 1].seq;
    }
  }

  private save(): void {
    // Shared sessions are written as they change (create, control, the owner's progress).
    if (this.deps.shared || !this.persistent) return;
    const records: SessionRecord[] = this.list().map((s) => ({
      id: s.id,
      scenarioId: s.scenario.id,
      createdAt: s.createdAt,
      createdBy: s.createdBy,
      exerciseTime: s.clock.time(),
      speed: s.clock.speed,
      playing: s.clock.isPlaying,
      seqReservedThrough: this.reserved.get(s.id) ?? s.seq,
    }));
    try {
      this.deps.persistence.save(records);
    } catch (error) {
      this.problem = 'No se pudo guardar el estado de las sesiones: un reinicio del servidor las perdería.';
      this.deps.log.error({ err: error }, 'training sessions could not be saved');
    }
  }
}
