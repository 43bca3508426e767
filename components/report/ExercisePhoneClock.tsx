'use client';
/**
 * On an exercise's report page: the clock's state (EJERCICIO · EN PAUSA / · ×60) and the exercise
 * time in both zones, the officer's own first, so nobody reads it as the real time and reports
 * carry the time the exercise is at.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { ExerciseStateBadge } from '@/components/shared/ExerciseStateBadge.tsx';
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE, formatDate, formatTime } from '@/lib/i18n/format.ts';
import { extrapolate } from '@/lib/scenario/clockMath.ts';
import type { ClockState } from '@/lib/scenario/clock.ts';

/** The exercise time redraws once a second (at 3600× the minutes still move visibly). */
const TICK_MS = 1_000;

export function ExercisePhoneClock({ held, timeZone }: { held: { clock: ClockState; receivedAt: number } | null; timeZone: string }) {
  const { t, locale } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const at = held ? extrapolate(held.clock, now - held.receivedAt) : null;
  const zones = timeZone === TACNA_TIME_ZONE ? [TACNA_TIME_ZONE, ARICA_TIME_ZONE] : [ARICA_TIME_ZONE, TACNA_TIME_ZONE];
  return (
    <section
      aria-label={t('report.exercise.clock')}
      data-exercise-clock=""
      className="flex flex-col gap-1.5 border-b-4 border-violet-400 bg-violet-950 px-4 py-2 text-white"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ExerciseStateBadge clock={held?.clock} size="phone" />
        <span className="text-base font-semibold text-violet-100">{t('report.exercise.clock')}</span>
      </div>
      {at === null ? (
        <p className="text-lg font-semibold text-violet-100">{t('report.exercise.clockUnknown')}</p>
      ) : (
        <output data-exercise-time={new Date(at).toISOString()} className="flex flex-col">
          {zones.map((zone, i) => (
            <span key={zone} data-clock={zone} className="flex items-baseline gap-2 whitespace-nowrap">
              <span className={`font-bold tabular-nums ${i === 0 ? 'text-4xl' : 'text-xl text-violet-100'}`}>
                {formatTime(at, zone, locale, true)}
              </span>
              <span className={i === 0 ? 'text-lg font-bold' : 'text-base font-semibold text-violet-100'}>
                {t(zone === ARICA_TIME_ZONE ? 'clock.arica' : 'clock.tacna')} · {formatDate(at, zone, locale)}
              </span>
            </span>
          ))}
        </output>
      )}
    </section>
  );
}
