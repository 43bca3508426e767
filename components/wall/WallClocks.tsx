'use client';
/**
 * Arica and Tacna clocks, two hours apart in summer. During an exercise they show the exercise
 * clock instead, framed and labelled so nobody reads it as the real time.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE, formatDate, formatTime } from '@/lib/i18n/format.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { utcOffsetLabel } from '@/components/shared/wallFormat.ts';

export interface WallClocksProps {
  /** Epoch ms. */
  now: number;
  /** Epoch ms on the exercise clock; when set, shown instead of the real time. */
  exerciseTime?: number;
}

export function WallClocks({ now, exerciseTime }: WallClocksProps) {
  const { t } = useI18n();
  const exercise = exerciseTime !== undefined;
  const at = exercise ? exerciseTime : now;
  const clocks = (
    <div className="flex shrink-0 items-center gap-8">
      <Clock at={at} timeZone={ARICA_TIME_ZONE} city="clock.arica" country="country.CL" exercise={exercise} />
      <Clock at={at} timeZone={TACNA_TIME_ZONE} city="clock.tacna" country="country.PE" exercise={exercise} />
    </div>
  );
  if (!exercise) return clocks;
  return (
    <div
      data-exercise-clock=""
      aria-label={t('wall.clock.exerciseTime')}
      className="flex shrink-0 items-center gap-6 rounded-xl border-4 border-violet-400 bg-violet-950/70 py-1 pr-6 pl-2"
    >
      <span className="rounded-md bg-violet-400 px-3 py-1 text-2xl font-black tracking-widest text-violet-950">
        {t('wall.clock.exercise')}
      </span>
      {clocks}
    </div>
  );
}

function Clock(props: { at: number; timeZone: string; city: MessageKey; country: MessageKey; exercise: boolean }) {
  const { locale, t } = useI18n();
  const { at, timeZone, exercise } = props;
  const withSeconds = formatTime(at, timeZone, locale, true);
  return (
    <div className="flex shrink-0 items-center gap-3 whitespace-nowrap" data-clock={timeZone}>
      <time
        dateTime={new Date(at).toISOString()}
        suppressHydrationWarning
        className={`text-[3rem] leading-none font-bold tabular-nums ${exercise ? 'text-violet-100' : 'text-white'}`}
      >
        {withSeconds.slice(0, 5)}
        <span className={`text-[1.75rem] ${exercise ? 'text-violet-300' : 'text-slate-300'}`}>{withSeconds.slice(5)}</span>
      </time>
      <div className="flex flex-col leading-tight">
        <span className="text-[1.5rem] font-bold tracking-wide uppercase">
          {t(props.city)} <span className="font-semibold text-slate-300">· {t(props.country)}</span>
        </span>
        <span className="text-[1.125rem] text-slate-200 tabular-nums" suppressHydrationWarning>
          {formatDate(at, timeZone, locale)} · {utcOffsetLabel(at, timeZone)}
        </span>
      </div>
    </div>
  );
}
