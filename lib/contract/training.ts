/**
 * The training API's answers, typed once for the server (server/training) and the console
 * (components/training).
 */
import type { ClockState } from '../scenario/clock.ts';
import type { Localized, Milestone } from '../scenario/scenarioFile.ts';

/** Why a restored session is paused: shown in the console. */
export interface RestoreNotice {
  restoredAt: string;
  wasPlaying: boolean;
}

/** GET /api/training/:id */
export interface SessionView {
  id: string;
  channel: string;
  scenario: { id: string; title: Localized; start: string; end: string; milestones: Milestone[] };
  createdAt: string;
  createdBy: string;
  clock: ClockState;
  seq: number;
  /** False when this server keeps sessions in memory only: a restart ends them. */
  persistent: boolean;
  /** Set when the session was restored after a restart (and is paused because of it). */
  restored?: RestoreNotice;
  /** GET /api/training/:id only: whether the account asking may post reports to this session. */
  mayPost?: boolean;
}

/** GET /api/training */
export interface SessionList {
  sessions: SessionView[];
  persistent: boolean;
  problem: string | null;
}
