/**
 * Exercise-clock arithmetic, apart from clock.ts (which holds zod schemas) so a wall's bundle can
 * show exercise time without zod.
 */
/** What extrapolation reads of a ClockState (clock.ts); declared here so this file imports nothing. */
export interface ClockReading {
  playing: boolean;
  speed: number;
  exerciseTime: number;
  start: number;
  end: number;
}

export function clamp(at: number, range: { start: number; end: number }): number {
  return Math.min(range.end, Math.max(range.start, at));
}

/**
 * Exercise time as a display extrapolates it from the last state it received, `elapsedMs` of its
 * own real time later (it does not share the server's clock, only its rate).
 */
export function extrapolate(state: ClockReading, elapsedMs: number): number {
  if (!state.playing) return state.exerciseTime;
  return clamp(state.exerciseTime + Math.max(0, elapsedMs) * state.speed, state);
}
