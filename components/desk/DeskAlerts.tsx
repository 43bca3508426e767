'use client';
/** The open alerts on the desk, each with its acknowledge button (shared by every screen once done). */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { countText } from '@/lib/i18n/countText.ts';
import { formatBothZones } from '@/lib/i18n/format.ts';
import { WarningIcon } from '@/components/shared/icons.tsx';
import type { DeskAlert } from '@/components/desk/deskView.ts';
import { alertKindKey } from '@/components/desk/deskText.ts';

export interface DeskAlertsProps {
  alerts: DeskAlert[];
  onAcknowledge: (alertId: string) => void;
  /** Alerts whose acknowledgement is on its way. */
  pending: ReadonlySet<string>;
}

export function DeskAlerts({ alerts, onAcknowledge, pending }: DeskAlertsProps) {
  const { t, locale } = useI18n();
  return (
    <section
      id="desk-alerts"
      tabIndex={-1}
      aria-label={t('desk.region.alerts')}
      data-desk-alerts=""
      className={`flex min-w-0 items-center gap-3 overflow-x-auto px-4 py-2 outline-none focus-visible:ring-4 focus-visible:ring-sky-400 ${
        alerts.length > 0 ? 'bg-alert text-white' : 'bg-panel text-slate-300'
      }`}
    >
      {alerts.length === 0 ? (
        <p className="text-sm">{t('alert.none')}</p>
      ) : (
        <>
          <h2 className="flex shrink-0 items-center gap-2 text-base font-black tracking-wide">
            <WarningIcon className="size-6 text-white" mark="var(--color-alert)" />
            {countText(t, locale, alerts.length, 'alert.band.title')}
          </h2>
          <ul className="flex min-w-0 gap-2">
            {alerts.map((alert) => (
              <li
                key={alert.alertId}
                data-alert-id={alert.alertId}
                className="flex shrink-0 items-center gap-3 rounded-lg bg-black/30 py-1 pr-1 pl-3 text-sm"
              >
                <span className="font-bold">{t(alertKindKey(alert.kind))}</span>
                <span className="max-w-[28rem] truncate" data-alert-about="">
                  {[
                    alert.about.post && t(`post.${alert.about.post}`),
                    alert.about.direction && t(`direction.${alert.about.direction}`),
                    alert.about.incidentKind && t(`desk.kind.${alert.about.incidentKind}`),
                    alert.about.unit,
                    alert.text,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <span className="text-xs whitespace-nowrap opacity-90">
                  {t('alert.raised', { time: formatBothZones(alert.raisedAt, locale) })}
                </span>
                <button
                  type="button"
                  disabled={pending.has(alert.alertId)}
                  onClick={() => onAcknowledge(alert.alertId)}
                  className="rounded-md bg-white px-3 py-1 font-bold text-black hover:bg-slate-200 focus-visible:outline-4 focus-visible:outline-sky-400 disabled:opacity-60"
                >
                  {pending.has(alert.alertId) ? t('desk.action.sending') : t('alert.acknowledge')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
