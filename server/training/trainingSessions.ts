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

export type ControlOutcome = { ok: true; clock: ClockState } | { ok: false; field: string; message: string };

export interface TrainingDeps {
  hub: ChannelHub;
  store: EventStore;
  catalog: ScenarioCatalog;
  persistence: SessionPersistence;
  log: Logger;
  broadcastClock: (clock: TrainingClock) => void;
  clocks?: SessionClocks;
}

const REAL_CLOCKS: SessionClocks = { monotonic: () => performance.now(), wall: () => Date.now() };

export class TrainingSessions {
  private readonly sessions = new Map<string, TrainingSession>();
  private readonly reserved = new Map<string, number>();
  private readonly timelines = new Map<string, { timeline: Timeline; checkpoints: Checkpoints }>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly clocks: SessionClocks;
  /** What went wrong restoring or saving sessions, for the console to say plainly. */
  problem?: string;

  constructor(private readonly deps: TrainingDeps) {
    this.clocks = deps.clocks ?? REAL_CLOCKS;
  }

  get persistent(): boolean {
    return this.deps.persistence.durable;
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
        const injects = await this.readInjects(trainingChannel(record.id));
        const session = this.build(record.id, record.scenarioId, {
          at: record.exerciseTime,
          speed: record.speed,
          seqFloor: record.seqReservedThrough,
          createdAt: record.createdAt,
          createdBy: record.createdBy,
          injects,
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

  create(scenarioId: string, createdBy: string): TrainingSession | { error: 'unknown-scenario' | 'too-many' } {
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
  end(session: TrainingSession): void {
    session.clock.pause();
    this.deps.broadcastClock({ channel: session.channel, sessionId: session.id, state: session.state(), closed: true });
    this.sessions.delete(session.id);
    this.reserved.delete(session.id);
    this.deps.hub.closeOwned(session.channel);
    this.save();
  }

  control(session: TrainingSession, command: ControlCommand): ControlOutcome {
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
    this.save();
    return { ok: true, clock: session.state() };
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    if (this.sessions.size) this.save();
  }

  private build(
    id: string,
    scenarioId: string,
    init: { at: number; speed: number; seqFloor: number; createdAt: string; createdBy: string; injects?: ConcordiaEvent[] },
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

  private async readInjects(channel: string): Promise<ConcordiaEvent[]> {
    const injects: ConcordiaEvent[] = [];
    for (let after = 0; ;) {
      const page = await this.deps.store.read(channel, { afterSeq: after, limit: STORE_PAGE });
      if (page.length === 0) return injects;
      for (const { channel: _c, seq: _s, receivedAt: _r, ...event } of page) injects.push(event as ConcordiaEvent);
      after = page[page.length - 1].seq;
    }
  }

  private save(): void {
    if (!this.persistent) return;
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
