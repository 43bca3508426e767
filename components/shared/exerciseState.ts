/**
 * What an exercise screen says about its clock, in place of the live indicator: paused, playing at
 * a speed, or at the end of its scenario; "unknown" until the server has sent a clock. Pure, shared
 * by the wall and the phone page.
 */
import type { ClockState } from '@/lib/scenario/clock.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';

export type ExerciseStatus = 'unknown' | 'paused' | 'playing' | 'ended';

export interface ExerciseStateView {
  status: ExerciseStatus;
  /** The words after "EJERCICIO · ", with {speed} when playing; none while the clock is unknown. */
  detail?: MessageKey;
  /** How many exercise seconds pass per real second, while playing. */
  speed?: number;
}

export function describeExercise(clock: ClockState | undefined): ExerciseStateView {
  if (!clock) return { status: 'unknown' };
  if (clock.ended) return { status: 'ended', detail: 'exercise.state.ended' };
  if (!clock.playing) return { status: 'paused', detail: 'exercise.state.paused' };
  return { status: 'playing', detail: 'exercise.state.playing', speed: clock.speed };
}
