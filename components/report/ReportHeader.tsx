'use client';
/**
 * The top of the report screen: who reports (agency and unit, from the account), the language,
 * and the outbox at a glance: how many reports wait, whether there is a connection, whether the
 * page would open offline.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import type { Officer } from '@/components/report/officerSession.ts';
import type { OfflineReadiness } from '@/components/shared/useOfflineShell.ts';

export interface ReportHeaderProps {
  officer: Officer | null;
  pendingCount: number;
  rejectedCount: number;
  loaded: boolean;
  online: boolean;
  offline: OfflineReadiness;
  onRetry: () => void;
}

const READINESS_KEY: Record<OfflineReadiness, MessageKey> = {
  ready: 'report.status.offlineReady',
  preparing: 'report.status.offlinePreparing',
  unsupported: 'report.status.offlineUnsupported',
};

export function ReportHeader({ officer, pendingCount, rejectedCount, loaded, online, offline, onRetry }: ReportHeaderProps) {
  const { t, locale, setLocale } = useI18n();
  const other: Locale = locale === 'es' ? 'en' : 'es';
  const who = officer
    ? officer.unitId
      ? t('report.officer', { agency: t(`agency.${officer.agency}`), unit: officer.unitId })
      : t('report.officer.noUnit', { agency: t(`agency.${officer.agency}`) })
    : t('report.officer.unknown');

  return (
    <header className="border-b-4 border-black bg-white px-4 pt-3 pb-2">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-base font-bold tracking-wide uppercase">{t('app.name')}</p>
          <h1 className="text-2xl leading-tight font-extrabold">{t('report.title')}</h1>
          <p className="truncate text-lg font-semibold" data-officer="">
            {who}
          </p>
        </div>
        <button
          type="button"
          lang={other}
          onClick={() => setLocale(other)}
          className="min-h-12 shrink-0 rounded-xl border-[3px] border-black px-3 text-lg font-bold"
        >
          {t('lang.switch')}
        </button>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <p
          role="status"
          data-pending-count={loaded ? pendingCount : undefined}
          className={`rounded-full border-[3px] border-black px-3 py-1 text-lg font-extrabold ${
            pendingCount > 0 ? 'bg-amber-300 text-black' : 'bg-green-700 text-white'
          }`}
        >
          {!loaded
            ? t('report.status.loading')
            : pendingCount === 0
              ? t(rejectedCount === 0 ? 'report.status.allSent' : 'report.status.pending.none')
              : t(pendingCount === 1 ? 'report.status.pending.one' : 'report.status.pending.other', { n: pendingCount })}
        </p>
        {rejectedCount > 0 && (
          <p
            className="rounded-full border-[3px] border-red-800 bg-red-800 px-3 py-1 text-lg font-extrabold text-white"
            data-rejected-count={rejectedCount}
          >
            {t(rejectedCount === 1 ? 'report.status.rejected.one' : 'report.status.rejected.other', { n: rejectedCount })}
          </p>
        )}
        {!online && (
          <p className="rounded-full bg-black px-3 py-1 text-lg font-bold text-white" data-connection="offline">
            {t('report.status.offline')}
          </p>
        )}
        {online && pendingCount > 0 && (
          <button type="button" onClick={onRetry} className="min-h-12 rounded-xl border-[3px] border-black px-3 text-lg font-bold">
            {t('report.status.retry')}
          </button>
        )}
      </div>
      <p className="mt-1 text-base text-neutral-800" data-offline-ready={offline}>
        {t(READINESS_KEY[offline])}
      </p>
    </header>
  );
}
