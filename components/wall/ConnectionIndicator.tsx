'use client';
/**
 * Says whether the picture is live. Live is a small green "EN VIVO"; anything else is a banner in
 * words, amber (stale, reconnecting) or red (offline), giving the time the data dates from in both
 * zones and its age. A connection reported live but silent for longer than STALE_AFTER_MS is shown
 * as stale (see describeConnection).
 *
 * `variant="header"` (default) fits the header strip. `variant="banner"` is for WallLayout's banner
 * slot: full width, with advice, and empty (but mounted, so screen readers hear the change) while
 * live.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatAge, formatBothZones } from '@/lib/i18n/format.ts';
import { describeConnection, type ConnectionState, type ConnectionTone } from '@/components/shared/connectionState.ts';
import { WarningIcon } from '@/components/shared/icons.tsx';

export interface ConnectionIndicatorProps {
  connection: ConnectionState;
  /** Epoch ms. */
  now: number;
  variant?: 'header' | 'banner';
}

const ALARM_STYLE: Record<Exclude<ConnectionTone, 'live' | 'neutral'>, { box: string; mark: string }> = {
  warning: { box: 'bg-stale text-black', mark: 'var(--color-stale)' },
  danger: { box: 'bg-alert text-white', mark: 'var(--color-alert)' },
};

export function ConnectionIndicator({ connection, now, variant = 'header' }: ConnectionIndicatorProps) {
  const { t, locale } = useI18n();
  const view = describeConnection(connection, now);
  const common = { role: 'status', 'aria-live': 'polite' as const, 'data-connection': view.tone };

  if (view.tone === 'live' || view.tone === 'neutral') {
    if (variant === 'banner') return <div {...common} />;
    const live = view.tone === 'live';
    return (
      <div
        {...common}
        className={`inline-flex shrink-0 items-center gap-3 rounded-full border-[3px] px-5 py-1 text-[2rem] font-bold tracking-wider whitespace-nowrap ${
          live ? 'border-emerald-400 text-emerald-300' : 'border-slate-400 text-slate-100'
        }`}
      >
        <span className="relative flex size-[1rem]" aria-hidden="true">
          {live && (
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:animate-none" />
          )}
          <span className={`relative inline-flex size-[1rem] rounded-full ${live ? 'bg-emerald-400' : 'bg-slate-400'}`} />
        </span>
        {t(view.headline)}
        {!live && <span className="font-semibold tracking-normal text-slate-200">— {t('wall.connection.noData')}</span>}
      </div>
    );
  }

  const detail =
    view.dataSince !== undefined && view.detail
      ? t(view.detail, {
          time: formatBothZones(view.dataSince, locale),
          age: formatAge(now - view.dataSince, locale),
        })
      : t('wall.connection.unknownSince');
  const style = ALARM_STYLE[view.tone];

  if (variant === 'banner') {
    return (
      <div {...common} className={`flex items-center gap-6 px-8 py-4 ${style.box}`}>
        <WarningIcon className="size-14" mark={style.mark} />
        <p className="text-[2rem] leading-tight">
          <strong className="font-black tracking-wide">{t(view.headline)}</strong>
          <span className="font-semibold tabular-nums"> — {detail}</span>{' '}
          <span className="block text-[1.5rem] font-semibold">{t('wall.connection.advice')}</span>
        </p>
      </div>
    );
  }
  return (
    <div {...common} className={`flex max-w-[46rem] min-w-[26rem] flex-1 items-center gap-4 rounded-xl px-5 py-2 ${style.box}`}>
      <WarningIcon className="size-11" mark={style.mark} />
      <p className="leading-tight">
        <strong className="block text-[2rem] font-black tracking-wide">{t(view.headline)}</strong>{' '}
        <span className="text-[1.5rem] font-semibold tabular-nums">{detail}</span>
      </p>
    </div>
  );
}
