'use client';
/** The exercise time, large, in both zones (Arica UTC−3 and Tacna UTC−5 in December), with the clock's state. */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { ClockState } from '@/lib/scenario/clock.ts';
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE, formatDate, formatTime } from '@/lib/i18n/format.ts';

export function ExerciseClockDisplay({ at, state }: { at: number; state: ClockState }) {
  const { t, locale } = useI18n();
  const status = state.ended ? 'ended' : state.playing ? 'playing' : 'paused';
  const label =
    status === 'playing'
      ? t('training.clock.playing', {
          speed: t('training.speed.option', { n: state.speed.toLocaleString(locale === 'es' ? 'es-CL' : 'en-GB') }),
        })
      : t(status === 'ended' ? 'training.clock.ended' : 'training.clock.paused');
  return (
    <section aria-labelledby="clock-title" className="flex flex-col gap-2 rounded-xl border-4 border-violet-400 bg-violet-950/60 p-4">
      <div className="flex items-center justify-between gap-4">
        <h2 id="clock-title" className="text-2xl font-bold tracking-wide uppercase">
          {t('training.clock.title')}
        </h2>
        <span
          role="status"
          data-clock-status={status}
          className={`rounded-md px-3 py-1 text-xl font-black tracking-wide ${status === 'playing' ? 'bg-emerald-400 text-emerald-950' : 'bg-amber-300 text-amber-950'}`}
        >
          {label}
        </span>
      </div>
      <output data-exercise-time={new Date(at).toISOString()} className="flex flex-col gap-1">
        {[
          { zone: ARICA_TIME_ZONE, city: t('clock.arica'), country: t('country.CL') },
          { zone: TACNA_TIME_ZONE, city: t('clock.tacna'), country: t('country.PE') },
        ].map(({ zone, city, country }) => (
          <span key={zone} className="flex items-baseline gap-4 whitespace-nowrap" data-clock={zone}>
            <span className="text-5xl font-bold tabular-nums text-violet-50">{formatTime(at, zone, locale, true)}</span>
            <span className="text-2xl font-semibold">
              {city} · {country}
            </span>
            <span className="text-xl text-slate-200">{formatDate(at, zone, locale)}</span>
          </span>
        ))}
      </output>
    </section>
  );
}
