'use client';
/**
 * Open incidents, most severe first, as rows of a fixed height that the room can read, in three
 * lines of 2rem text: severity and kind; the workflow step and the people and minors; the
 * reporting agency, the report's own text (always as text, cut to what is left of its line; the
 * desk and the map's popup have the rest) and the age. Kind, step and counts each read whole, even
 * for a critical medical emergency of 1.240 people: on two lines they did not all fit. When there
 * are more than fit, the most severe stay on screen, the others turn through the remaining rows by
 * themselves, and the count, "+N more" and a page indicator say so; a new incident brings the
 * first page back at once.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Severity } from '@/lib/contract/events.ts';
import { formatAge } from '@/lib/i18n/format.ts';
import type { IncidentState, Picture } from '@/lib/projection/picture.ts';
import { openIncidents } from '@/lib/projection/selectors.ts';
import { AgencyBadge } from '@/components/shared/AgencyBadge.tsx';
import { WarningIcon } from '@/components/shared/icons.tsx';
import { PageIndicator } from '@/components/wall/PageIndicator.tsx';
import { usePagedRows } from '@/components/wall/usePagedRows.ts';
import { incidentStep, incidentStepKey } from '@/components/wall/incidentStep.ts';
import { countText } from '@/lib/i18n/countText.ts';

export interface IncidentListProps {
  picture: Picture;
  /** Epoch ms. */
  now: number;
}

/** Each row's height and the gap between rows, in rem: three lines of 2rem text (leading 1.15) and the borders. */
const ROW_REM = 7.5;
const GAP_REM = 0.5;
/** When not all fit, the most severe half of the rows stays put and the rest turn through. */
const PINNED_SHARE = 0.5;

const SEVERE: ReadonlySet<Severity> = new Set(['high', 'critical']);

const ROW_STYLE: Record<Severity, string> = {
  critical: 'border-[3px] border-alert bg-alert/20',
  high: 'border-2 border-l-[0.75rem] border-alert bg-panel',
  medium: 'border-2 border-l-[0.75rem] border-line border-l-stale bg-panel',
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
  const newest = newestOpened(incidents);
  const { boxRef, page } = usePagedRows(incidents, { rowRem: ROW_REM, gapRem: GAP_REM, newestKey: newest, pinnedShare: PINNED_SHARE });
  const onPage = new Set(page.items.map((i) => i.incidentId));
  return (
    <section aria-labelledby="wall-incidents-title" data-wall-incidents="" className="flex min-h-0 flex-[3] flex-col gap-2">
      <h2
        id="wall-incidents-title"
        className="flex items-center gap-3 text-[2rem] leading-tight font-bold tracking-wide text-slate-100 uppercase"
      >
        <span className="min-w-0 truncate">{t('wall.incidents.title')}</span>
        <span
          className={`shrink-0 rounded-full px-3 tabular-nums ${incidents.length > 0 ? 'bg-slate-100 text-black' : 'bg-line text-slate-100'}`}
          data-testid="incident-count"
        >
          {incidents.length}
        </span>
        {page.notShown > 0 && (
          <span data-testid="incidents-more" className="shrink-0 whitespace-nowrap text-stale normal-case">
            {t('wall.incidents.more', { n: page.notShown })}
          </span>
        )}
        <PageIndicator page={page} />
      </h2>
      <div ref={boxRef} className="min-h-0 flex-1 overflow-hidden">
        {incidents.length === 0 ? (
          <p className="rounded-xl border-2 border-dashed border-line px-4 py-2 text-[2rem] text-slate-100">{t('wall.incidents.empty')}</p>
        ) : (
          <ol className="flex flex-col gap-2">
            {/* Rows on other pages stay in the document, hidden, until their page comes round. */}
            {incidents.map((incident) => (
              <IncidentRow key={incident.incidentId} incident={incident} now={now} hidden={!onPage.has(incident.incidentId)} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

function IncidentRow({ incident, now, hidden }: { incident: IncidentState; now: number; hidden: boolean }) {
  const { t, locale } = useI18n();
  const step = incidentStep(incident);
  const counts = [
    incident.people !== undefined && countText(t, locale, incident.people, 'wall.people'),
    incident.minors ? countText(t, locale, incident.minors, 'wall.minors') : false,
  ].filter((c): c is string => Boolean(c));
  return (
    <li
      data-incident-id={incident.incidentId}
      data-severity={incident.severity}
      data-incident-status={incident.status}
      hidden={hidden}
      className={`flex h-[7.5rem] flex-col justify-center overflow-hidden rounded-xl px-3 text-[2rem] leading-[1.15] ${ROW_STYLE[incident.severity]}`}
    >
      <div className="flex min-w-0 items-center gap-3">
        {SEVERE.has(incident.severity) && <WarningIcon className="size-[2rem] shrink-0 text-alert" />}
        <span
          className={`shrink-0 rounded-md px-2 font-black ${BADGE_STYLE[incident.severity]}`}
          title={t(`wall.severity.${incident.severity}`)}
        >
          {t(`wall.severityShort.${incident.severity}`)}
        </span>
        <h3 className="min-w-0 truncate font-bold" data-incident-title="">
          {t(`wall.kind.${incident.kind}`)}
        </h3>
      </div>
      {/* The step under the severity, a ring drawn inside its box so the line keeps its height. */}
      <p className="flex min-w-0 items-center gap-3">
        <span className="shrink-0 rounded-md px-2 font-bold whitespace-nowrap ring-2 ring-slate-300 ring-inset" data-incident-step={step}>
          {t(incidentStepKey(step))}
        </span>
        {counts.length > 0 && (
          <span className="min-w-0 truncate font-bold tabular-nums" data-incident-counts="">
            {counts.join(' · ')}
          </span>
        )}
      </p>
      <p className="flex min-w-0 items-center gap-3">
        <AgencyBadge agency={incident.agency} />
        <span className="min-w-0 truncate text-slate-100">{incident.text}</span>
        <time dateTime={incident.openedAt} className="ml-auto shrink-0 text-slate-200 tabular-nums">
          {formatAge(now - Date.parse(incident.openedAt), locale)}
        </time>
      </p>
    </li>
  );
}

/** Changes when an incident opens, so the list shows its first page again. */
function newestOpened(incidents: readonly IncidentState[]): string | undefined {
  let newest: IncidentState | undefined;
  for (const incident of incidents) if (!newest || Date.parse(incident.openedAt) > Date.parse(newest.openedAt)) newest = incident;
  return newest && `${newest.incidentId}@${newest.openedAt}`;
}
