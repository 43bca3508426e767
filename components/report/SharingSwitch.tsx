'use client';
/** The on/off for sharing the unit's position while the page is open, with what it is doing. */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatTime } from '@/lib/i18n/format.ts';
import { Section } from '@/components/report/formControls.tsx';
import { SHARE_INTERVAL_MS } from '@/components/report/usePositionSharing.ts';

export interface SharingSwitchProps {
  on: boolean;
  onToggle: (on: boolean) => void;
  hasGps: boolean;
  hasUnit: boolean;
  lastSharedAt: number | null;
  timeZone: string;
}

export function SharingSwitch({ on, onToggle, hasGps, hasUnit, lastSharedAt, timeZone }: SharingSwitchProps) {
  const { t, locale } = useI18n();
  const blocked = !hasUnit ? t('report.sharing.needsUnit') : !hasGps ? t('report.sharing.needsGps') : null;
  return (
    <Section id="report-sharing-title" title={t('report.sharing.title')}>
      <p id="report-sharing-hint" className="mt-1 text-base">
        {t('report.sharing.hint', { seconds: SHARE_INTERVAL_MS / 1000 })}
      </p>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-labelledby="report-sharing-title"
        aria-describedby="report-sharing-hint"
        disabled={!hasUnit}
        onClick={() => onToggle(!on)}
        className={`mt-3 flex min-h-14 w-full items-center justify-between rounded-xl border-[3px] border-black px-4 text-xl font-extrabold disabled:opacity-40 ${
          on ? 'bg-green-700 text-white' : 'bg-white text-black'
        }`}
      >
        <span>{on ? t('report.sharing.on') : t('report.sharing.off')}</span>
        <span
          aria-hidden="true"
          className={`flex h-8 w-14 items-center rounded-full border-[3px] border-black ${on ? 'justify-end bg-white' : 'justify-start bg-neutral-300'}`}
        >
          <span className="m-0.5 size-6 rounded-full bg-black" />
        </span>
      </button>
      {on && blocked && <p className="mt-2 text-lg font-semibold text-red-800">{blocked}</p>}
      {!on && !hasUnit && <p className="mt-2 text-lg">{t('report.sharing.needsUnit')}</p>}
      {on && lastSharedAt !== null && (
        <p className="mt-2 text-lg" role="status">
          {t('report.sharing.last', { time: formatTime(lastSharedAt, timeZone, locale, true) })}
        </p>
      )}
    </Section>
  );
}
