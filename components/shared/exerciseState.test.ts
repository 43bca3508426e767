import { describe, expect, it } from 'vitest';
import type { ClockState } from '@/lib/scenario/clock.ts';
import { translate } from '@/lib/i18n/messages.ts';
import { describeExercise } from '@/components/shared/exerciseState.ts';

const clock = (over: Partial<ClockState> = {}): ClockState => ({
  playing: false,
  speed: 1,
  exerciseTime: 0,
  serverTime: 0,
  start: 0,
  end: 10,
  ended: false,
  ...over,
});

/** The badge's words, as the wall and the phone say them. */
function words(state: ClockState | undefined, locale: 'es' | 'en' = 'es'): string {
  const view = describeExercise(state);
  const label = translate(locale, 'exercise.label');
  return view.detail ? `${label} · ${translate(locale, view.detail, { speed: String(view.speed ?? '') })}` : label;
}

describe('describeExercise', () => {
  it('says paused, the speed while playing, and the end of the scenario', () => {
    expect(words(clock())).toBe('EJERCICIO · EN PAUSA');
    expect(words(clock({ playing: true, speed: 4 }))).toBe('EJERCICIO · ×4');
    expect(words(clock({ playing: true, speed: 60 }), 'en')).toBe('EXERCISE · ×60');
    expect(words(clock({ ended: true }))).toBe('EJERCICIO · FIN DEL ESCENARIO');
  });

  it('says only EJERCICIO until the server has sent a clock', () => {
    expect(describeExercise(undefined)).toEqual({ status: 'unknown' });
    expect(words(undefined)).toBe('EJERCICIO');
  });

  it('a clock that reached the end is ended, not paused', () => {
    expect(describeExercise(clock({ ended: true, playing: false })).status).toBe('ended');
    expect(describeExercise(clock({ playing: true, speed: 3_600 }))).toEqual({
      status: 'playing',
      detail: 'exercise.state.playing',
      speed: 3_600,
    });
  });
});
