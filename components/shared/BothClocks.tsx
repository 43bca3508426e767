'use client';
/**
 * Arica and Tacna clocks, two hours apart in summer: the wall's (large, read from five metres)
 * and the desk's (compact, in a header). During an exercise they show the exercise clock
 * instead, framed and labelled so nobody reads it as the real time.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE, formatDate, formatTime } from '@/lib/i18n/format.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { utcOffsetLabel } from '@/components/shared/wallFormat.ts';

export type ClockSize = 'wall' | 'compact';
/** Dark screens (wall, desk) or a light, printable page (the handover brief). */
export type ClockTone = 'dark' | 'light';

export interface BothClocksProps {
  /** Epoch ms. */
  now: number;
  /** Epoch ms on the exercise clock; when set, shown instead of the real time. */
  exerciseTime?: number;
  size?: ClockSize;
  tone?: ClockTone;
}

const TONES: Record<ClockTone, { time: string; seconds: string; muted: string; date: string }> = {
  dark: { time: 'text-white', seconds: 'text-slate-300', muted: 'text-slate-300', date: 'text-slate-200' },
  light: { time: 'text-slate-900', seconds: 'text-slate-500', muted: 'text-slate-600', date: 'text-slate-600' },
};

const SIZES: Record<ClockSize, { gap: string; time: string; seconds: string; city: string; date: string; tag: string; frame: string }> = {
  wall: {
    gap: 'gap-8',
    time: 'text-[3rem]',
    seconds: 'text-[1.75rem]',
    city: 'text-[1.5rem]',
    date: 'text-[1.125rem]',
    tag: 'px-3 py-1 text-2xl',
    frame: 'gap-6 rounded-xl border-4 py-1 pr-6 pl-2',
  },
  compact: {
    gap: 'gap-5',
    time: 'text-[1.75rem]',
    seconds: 'text-[1rem]',
    city: 'text-[0.875rem]',
    date: 'text-[0.75rem]',
    tag: 'px-2 py-0.5 text-sm',
    frame: 'gap-3 rounded-lg border-2 py-0.5 pr-3 pl-1',
  },
};

export function BothClocks({ now, exerciseTime, size = 'wall', tone = 'dark' }: BothClocksProps) {
  const { t } = useI18n();
  const exercise = exerciseTime !== undefined;
  const at = exercise ? exerciseTime : now;
  const s = SIZES[size];
  const clocks = (
    <div className={`flex shrink-0 items-center ${s.gap}`} role="group" aria-label={t('clock.both')}>
      <Clock at={at} timeZone={ARICA_TIME_ZONE} city="clock.arica" country="country.CL" exercise={exercise} size={size} tone={tone} />
      <Clock at={at} timeZone={TACNA_TIME_ZONE} city="clock.tacna" country="country.PE" exercise={exercise} size={size} tone={tone} />
    </div>
  );
  if (!exercise) return clocks;
  return (
    <div
      data-exercise-clock=""
      aria-label={t('wall.clock.exerciseTime')}
      className={`flex shrink-0 items-center border-violet-400 bg-violet-950/70 ${s.frame}`}
    >
      <span className={`rounded-md bg-violet-400 font-black tracking-widest text-violet-950 ${s.tag}`}>{t('wall.clock.exercise')}</span>
      {clocks}
    </div>
  );
}

function Clock(props: {
  at: number;
  timeZone: string;
  city: MessageKey;
  country: MessageKey;
  exercise: boolean;
  size: ClockSize;
  tone: ClockTone;
}) {
  const { locale, t } = useI18n();
  const { at, timeZone, exercise } = props;
  const s = SIZES[props.size];
  const c = TONES[props.tone];
  const withSeconds = formatTime(at, timeZone, locale, true);
  return (
    <div className="flex shrink-0 items-center gap-3 whitespace-nowrap" data-clock={timeZone}>
      <time
        dateTime={new Date(at).toISOString()}
        suppressHydrationWarning
        className={`${s.time} leading-none font-bold tabular-nums ${exercise ? 'text-violet-100' : c.time}`}
      >
        {withSeconds.slice(0, 5)}
        <span className={`${s.seconds} ${exercise ? 'text-violet-300' : c.seconds}`}>{withSeconds.slice(5)}</span>
      </time>
      <div className="flex flex-col leading-tight">
        <span className={`${s.city} font-bold tracking-wide uppercase`}>
          {t(props.city)} <span className={`font-semibold ${c.muted}`}>· {t(props.country)}</span>
        </span>
        <span className={`${s.date} ${c.date} tabular-nums`} suppressHydrationWarning>
          {formatDate(at, timeZone, locale)} · {utcOffsetLabel(at, timeZone)}
        </span>
      </div>
    </div>
  );
}
