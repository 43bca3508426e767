'use client';
/**
 * Open incidents, most severe first: kind and severity in words, people and minors, the reporting
 * agency, the report's own text (always as text) and when it was opened and last updated, in both
 * zones with its age. High and critical incidents carry a red frame and a warning icon.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Severity } from '@/lib/contract/events.ts';
import { formatAge, formatBothZones } from '@/lib/i18n/format.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import type { IncidentState, Picture } from '@/lib/projection/picture.ts';
import { openIncidents } from '@/lib/projection/selectors.ts';
import { AgencyBadge } from './AgencyBadge.tsx';
import { WarningIcon } from './icons.tsx';
import { countText } from './wallFormat.ts';

export interface IncidentListProps {
  picture: Picture;
  /** Epoch ms. */
  now: number;
}

const SEVERE: ReadonlySet<Severity> = new Set(['high', 'critical']);

const CARD_STYLE: Record<Severity, string> = {
  critical: 'border-4 border-alert bg-alert/15',
  high: 'border-2 border-l-[12px] border-alert bg-panel',
  medium: 'border-2 border-l-[12px] border-line border-l-stale bg-panel',
  low: 'border-2 border-line bg-panel',
};

const BADGE_STYLE: Record<Severity, string> = {
  critical: 'bg-alert text-white',
  high: 'bg-alert text-white',
  medium: 'bg-stale text-black',
  low: 'bg-slate-200 text-black',
};

export function IncidentList({ picture, now }: IncidentListProps) {
  const { t } = useI18n();
  const incidents = openIncidents(picture);
  return (
    <section aria-labelledby="wall-incidents-title" className="flex flex-col gap-3">
      <h2 id="wall-incidents-title" className="flex items-center gap-3 text-2xl font-bold tracking-wide text-slate-100 uppercase">
        {t('wall.incidents.title')}
        <span
          className={`rounded-full px-3 text-2xl tabular-nums ${incidents.length > 0 ? 'bg-slate-100 text-black' : 'bg-line text-slate-100'}`}
          data-testid="incident-count"
        >
          {incidents.length}
        </span>
      </h2>
      {incidents.length === 0 ? (
        <p className="rounded-xl border-2 border-dashed border-line px-5 py-3 text-xl text-slate-100">
          {t('wall.incidents.empty')}
        </p>
      ) : (
        <ol className="flex flex-col gap-3">
          {incidents.map((incident) => (
            <IncidentItem key={incident.incidentId} incident={incident} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}

function IncidentItem({ incident, now }: { incident: IncidentState; now: number }) {
  const { t, locale } = useI18n();
  const severe = SEVERE.has(incident.severity);
  const counts = [
    incident.people !== undefined && countText(t, locale, incident.people, 'wall.people'),
    incident.minors ? countText(t, locale, incident.minors, 'wall.minors') : false,
  ].filter((c): c is string => Boolean(c));
  const when = (key: MessageKey, at: string) =>
    `${t(key, { time: formatBothZones(at, locale) })} · ${formatAge(now - Date.parse(at), locale)}`;

  return (
    <li
      data-incident-id={incident.incidentId}
      data-severity={incident.severity}
      className={`flex flex-col gap-1.5 rounded-xl px-5 py-3 ${CARD_STYLE[incident.severity]}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {severe && <WarningIcon className="size-9 text-alert" />}
        <h3 className="text-[26px] leading-tight font-bold">{t(`wall.kind.${incident.kind}`)}</h3>
        <span className={`rounded-md px-2.5 py-0.5 text-xl font-bold ${BADGE_STYLE[incident.severity]}`}>
          {t(`wall.severity.${incident.severity}`)}
        </span>
      </div>
      {counts.length > 0 && <p className="text-2xl font-bold tabular-nums">{counts.join(' · ')}</p>}
      <p className="line-clamp-3 text-xl break-words whitespace-pre-line text-slate-100">{incident.text}</p>
      <div className="flex flex-col text-xl text-slate-200 tabular-nums">
        <AgencyBadge agency={incident.agency} />
        <span>{when('wall.incident.opened', incident.openedAt)}</span>
        {incident.updatedAt !== incident.openedAt && <span>{when('wall.incident.updated', incident.updatedAt)}</span>}
      </div>
    </li>
  );
}
