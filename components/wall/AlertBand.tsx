'use client';
/**
 * The band every wall shows while an alert is open, across the full width above everything
 * else, in red and in words big enough to read from five metres: how many are open and, for each,
 * what and since when. It goes when a coordinator acknowledges the alert on any screen.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { countText } from '@/lib/i18n/countText.ts';
import { formatTime, ARICA_TIME_ZONE } from '@/lib/i18n/format.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { WarningIcon } from '@/components/shared/icons.tsx';
import type { WallAlert } from '@/components/wall/alertView.ts';

/** Alerts named one by one; beyond this the band says "+N" so it never takes the wall. */
const SHOWN = 3;

const KIND: Record<string, MessageKey> = {
  'queue-level': 'alert.kind.queue-level',
  'incident-severity': 'alert.kind.incident-severe',
  'tasking-overdue': 'alert.kind.tasking-overdue',
  'unit-silent': 'alert.kind.unit-silent',
};

export function AlertBand({ alerts }: { alerts: WallAlert[] }) {
  const { t, locale } = useI18n();
  // Mounted always, so screen readers hear it appear.
  if (alerts.length === 0) return <div role="alert" data-alert-band="" data-alert-count={0} />;
  const newestFirst = [...alerts].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  return (
    <div
      role="alert"
      data-alert-band=""
      data-alert-count={alerts.length}
      className="flex min-w-0 items-center gap-6 bg-alert px-6 py-2 text-white"
    >
      <WarningIcon className="size-[3rem] text-white" mark="var(--color-alert)" />
      <strong className="shrink-0 text-[2.5rem] leading-tight font-black tracking-wide">
        {countText(t, locale, alerts.length, 'alert.band.title')}
      </strong>
      <ul className="flex min-w-0 flex-1 items-center gap-6 overflow-hidden">
        {newestFirst.slice(0, SHOWN).map((alert) => (
          <li key={alert.alertId} data-alert-id={alert.alertId} className="flex min-w-0 items-baseline gap-3 text-[2rem] leading-tight">
            <span className="shrink-0 font-black">{t(KIND[alert.kind] ?? 'alert.kind.other')}</span>
            <span className="min-w-0 truncate font-semibold" data-alert-about="">
              {[
                alert.about.post && t(`post.${alert.about.post}`),
                alert.about.direction && t(`direction.${alert.about.direction}`),
                alert.about.incidentKind && t(`wall.kind.${alert.about.incidentKind}`),
                alert.about.unit,
                alert.text,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            <time dateTime={alert.raisedAt} className="shrink-0 tabular-nums">
              {formatTime(alert.raisedAt, ARICA_TIME_ZONE, locale)}
            </time>
          </li>
        ))}
        {alerts.length > SHOWN && <li className="shrink-0 text-[2rem] font-black">+{alerts.length - SHOWN}</li>}
      </ul>
    </div>
  );
}
