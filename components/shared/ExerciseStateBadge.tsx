'use client';
/**
 * "EJERCICIO · EN PAUSA" / "EJERCICIO · ×60": an exercise screen's state, where a live screen
 * shows "EN VIVO". Never green: nothing on an exercise screen may look like live operations.
 * Paused is amber (the exercise time stands still); playing is violet, like the exercise clock.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatCount } from '@/lib/i18n/format.ts';
import type { ClockState } from '@/lib/scenario/clock.ts';
import { describeExercise, type ExerciseStatus } from '@/components/shared/exerciseState.ts';

const STYLE: Record<ExerciseStatus, string> = {
  unknown: 'border-violet-400 bg-violet-950 text-violet-100',
  paused: 'border-amber-300 bg-amber-300 text-amber-950',
  playing: 'border-violet-400 bg-violet-400 text-violet-950',
  ended: 'border-slate-300 bg-slate-200 text-slate-950',
};

const SIZE = {
  // Header strip of the wall: the same size as the live indicator it replaces.
  wall: { box: 'gap-3 border-[3px] px-5 py-1 text-[2rem]', icon: 'size-[1.4rem]' },
  phone: { box: 'gap-2 border-[3px] px-3 py-1 text-xl', icon: 'size-5' },
};

export function ExerciseStateBadge({ clock, size = 'wall' }: { clock: ClockState | undefined; size?: keyof typeof SIZE }) {
  const { t, locale } = useI18n();
  const view = describeExercise(clock);
  const speed = view.speed === undefined ? '' : formatCount(view.speed, locale);
  return (
    <div
      role="status"
      aria-live="polite"
      data-exercise-state={view.status}
      title={t(`exercise.state.hint.${view.status}`, { speed })}
      className={`inline-flex shrink-0 items-center rounded-full font-black tracking-wider whitespace-nowrap ${SIZE[size].box} ${STYLE[view.status]}`}
    >
      <StateIcon status={view.status} className={SIZE[size].icon} />
      <span>
        {t('exercise.label')}
        {view.detail && <> · {t(view.detail, { speed })}</>}
      </span>
    </div>
  );
}

/** Pause bars, a play triangle, an end square; nothing while the clock is unknown. */
function StateIcon({ status, className }: { status: ExerciseStatus; className: string }) {
  if (status === 'unknown') return null;
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className={`shrink-0 ${className}`} fill="currentColor">
      {status === 'paused' && (
        <>
          <rect x="3" y="2" width="5" height="16" rx="1" />
          <rect x="12" y="2" width="5" height="16" rx="1" />
        </>
      )}
      {status === 'playing' && <path d="M4 2.5v15a1 1 0 0 0 1.5.86l12.5-7.5a1 1 0 0 0 0-1.72L5.5 1.64A1 1 0 0 0 4 2.5Z" />}
      {status === 'ended' && <rect x="3" y="3" width="14" height="14" rx="1.5" />}
    </svg>
  );
}
