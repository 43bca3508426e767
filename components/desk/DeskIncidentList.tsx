'use client';
/**
 * The incident list with its filters (agency, post, status, severity). A list of buttons: Tab
 * reaches it, J/K or the arrows move the selection, and the selected one shows in the detail.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { AGENCIES } from '@/lib/contract/agencies.ts';
import { SEVERITIES } from '@/lib/contract/vocabulary.ts';
import { BORDER_POST_IDS } from '@/lib/geo/borderPosts.ts';
import { countText } from '@/lib/i18n/countText.ts';
import { formatAge } from '@/lib/i18n/format.ts';
import { AgencyBadge } from '@/components/shared/AgencyBadge.tsx';
import { INCIDENT_STATUSES, type DeskIncident, type IncidentFilter } from '@/components/desk/deskView.ts';
import { SEVERITY_STYLE, STATUS_STYLE } from '@/components/desk/deskStyle.ts';

export interface DeskIncidentListProps {
  incidents: DeskIncident[];
  filter: IncidentFilter;
  onFilter: (filter: IncidentFilter) => void;
  selected: string | null;
  onSelect: (incidentId: string) => void;
  now: number;
}

const SELECT =
  'min-w-0 rounded-md border-2 border-line bg-wall px-2 py-1 text-sm text-slate-100 focus-visible:outline-4 focus-visible:outline-sky-400';

export function DeskIncidentList({ incidents, filter, onFilter, selected, onSelect, now }: DeskIncidentListProps) {
  const { t, locale } = useI18n();
  const set = <K extends keyof IncidentFilter>(key: K, value: IncidentFilter[K]) => onFilter({ ...filter, [key]: value });
  return (
    <section aria-labelledby="desk-list-title" className="flex min-h-0 flex-col gap-2 p-3">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="desk-list-title" className="text-lg font-bold">
          {t('desk.region.list')}
        </h2>
        <span className="text-sm text-slate-300" data-testid="desk-incident-count">
          {countText(t, locale, incidents.length, 'desk.list.count')}
        </span>
      </div>
      <fieldset className="grid grid-cols-2 gap-2 text-xs">
        <legend className="sr-only">{t('desk.filter.legend')}</legend>
        <label className="flex flex-col gap-0.5">
          {t('desk.filter.agency')}
          <select
            id="desk-filter-agency"
            className={SELECT}
            value={filter.agency}
            onChange={(e) => set('agency', AGENCIES.find((a) => a === e.target.value) ?? '')}
          >
            <option value="">{t('desk.filter.any')}</option>
            {AGENCIES.map((a) => (
              <option key={a} value={a}>
                {t(`agency.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          {t('desk.filter.post')}
          <select
            className={SELECT}
            value={filter.post}
            onChange={(e) => set('post', e.target.value === 'none' ? 'none' : (BORDER_POST_IDS.find((p) => p === e.target.value) ?? ''))}
          >
            <option value="">{t('desk.filter.any')}</option>
            {BORDER_POST_IDS.map((p) => (
              <option key={p} value={p}>
                {t(`post.${p}`)}
              </option>
            ))}
            <option value="none">{t('desk.filter.noPost')}</option>
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          {t('desk.filter.status')}
          <select
            className={SELECT}
            value={filter.status}
            data-filter="status"
            onChange={(e) =>
              set('status', e.target.value === 'open' ? 'open' : (INCIDENT_STATUSES.find((s) => s === e.target.value) ?? ''))
            }
          >
            <option value="open">{t('desk.filter.open')}</option>
            <option value="">{t('desk.filter.any')}</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`desk.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          {t('desk.filter.severity')}
          <select
            className={SELECT}
            value={filter.severity}
            onChange={(e) => set('severity', SEVERITIES.find((s) => s === e.target.value) ?? '')}
          >
            <option value="">{t('desk.filter.any')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`desk.severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <div id="desk-list" className="min-h-0 flex-1 overflow-y-auto">
        {incidents.length === 0 ? (
          <p className="rounded-md border-2 border-dashed border-line p-3 text-sm text-slate-300">{t('desk.list.empty')}</p>
        ) : (
          <ul className="flex flex-col gap-1.5" data-desk-list="">
            {incidents.map((incident) => (
              <li key={incident.incidentId}>
                <button
                  type="button"
                  data-incident-id={incident.incidentId}
                  data-status={incident.status}
                  aria-current={incident.incidentId === selected ? 'true' : undefined}
                  onClick={() => onSelect(incident.incidentId)}
                  className={`flex w-full min-w-0 flex-col gap-0.5 rounded-md border-2 px-2 py-1.5 text-left text-sm focus-visible:outline-4 focus-visible:outline-sky-400 ${
                    incident.incidentId === selected ? 'border-sky-400 bg-sky-950' : 'border-line bg-panel hover:border-slate-400'
                  }`}
                >
                  <span className="flex min-w-0 items-center gap-2">
                    <span className={`shrink-0 rounded px-1.5 text-xs font-black ${SEVERITY_STYLE[incident.severity]}`}>
                      {t(`desk.severity.${incident.severity}`)}
                    </span>
                    <span className="min-w-0 truncate font-bold">{t(`desk.kind.${incident.kind}`)}</span>
                    <span
                      className={`ml-auto shrink-0 rounded px-1.5 text-xs font-bold ${STATUS_STYLE[incident.status]}`}
                      data-status-label=""
                    >
                      {t(`desk.status.${incident.status}`)}
                    </span>
                  </span>
                  <span className="flex min-w-0 items-center gap-2 text-xs">
                    <AgencyBadge agency={incident.owner ?? incident.agency} />
                    {incident.post && <span className="shrink-0 text-slate-300">{t(`post.${incident.post}`)}</span>}
                    <span className="min-w-0 truncate text-slate-300">{incident.text}</span>
                    <time dateTime={incident.updatedAt} className="ml-auto shrink-0 text-slate-400 tabular-nums">
                      {formatAge(now - Date.parse(incident.updatedAt), locale)}
                    </time>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
