import { describe, expect, it } from 'vitest';
import { ExerciseClock, MAX_SPEED } from './clock.ts';
import { extrapolate } from './clockMath.ts';

const HOUR = 3_600_000;
const range = { start: Date.parse('2025-12-01T00:00:00-03:00'), end: Date.parse('2025-12-02T00:00:00-03:00') };

function fakeNow() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ExerciseClock', () => {
  it('stands still until played, then runs at its speed', () => {
    const real = fakeNow();
    const clock = new ExerciseClock(range, real.now);
    real.advance(5_000);
    expect(clock.time()).toBe(range.start);
    clock.setSpeed(60);
    clock.play();
    real.advance(1_000);
    expect(clock.time()).toBe(range.start + 60_000);
  });

  it('keeps time across pause, speed changes and seeks', () => {
    const real = fakeNow();
    const clock = new ExerciseClock(range, real.now);
    clock.play();
    real.advance(10_000);
    clock.pause();
    real.advance(99_000);
    expect(clock.time()).toBe(range.start + 10_000);
    clock.setSpeed(3_600);
    clock.play();
    real.advance(500);
    expect(clock.time()).toBe(range.start + 10_000 + HOUR / 2);
    clock.seek(range.start + 5 * HOUR);
    real.advance(1_000);
    expect(clock.time()).toBe(range.start + 6 * HOUR);
  });

  it('has no drift at 3600× however irregular the reads: an exercise hour is one real second', () => {
    const real = fakeNow();
    const clock = new ExerciseClock(range, real.now);
    clock.setSpeed(3_600);
    clock.play();
    // Reads at uneven intervals, as timers fire under load: 37 ms, 250 ms, 13 ms...
    for (const step of [37, 250, 13, 100, 100, 400, 50, 50]) {
      real.advance(step);
      clock.time();
    }
    expect(clock.time()).toBe(range.start + HOUR);
  });

  it('stops at the ends of the scenario and refuses speeds outside 1×…max', () => {
    const real = fakeNow();
    const clock = new ExerciseClock(range, real.now);
    clock.setSpeed(MAX_SPEED);
    clock.play();
    real.advance(10_000);
    expect(clock.time()).toBe(range.end);
    expect(clock.atEnd()).toBe(true);
    clock.seek(range.start - HOUR);
    expect(clock.time()).toBe(range.start);
    expect(() => clock.setSpeed(0.5)).toThrow();
    expect(() => clock.setSpeed(MAX_SPEED + 1)).toThrow();
  });

  it('lets a display extrapolate from the last state it received', () => {
    const state = { playing: true, speed: 60, exerciseTime: range.start, serverTime: 0, start: range.start, end: range.end, ended: false };
    expect(extrapolate(state, 2_000)).toBe(range.start + 120_000);
    expect(extrapolate({ ...state, playing: false }, 2_000)).toBe(range.start);
    expect(extrapolate(state, 10 * 24 * HOUR)).toBe(range.end);
  });
});
