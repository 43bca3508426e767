'use client';
/**
 * The brief itself, as a document: summary, open incidents, closures, queues with their charts,
 * units. Light on screen and on paper alike; tables repeat their header on each printed page and
 * never split a row (handover.css).
 */
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { AgencyGlyph } from '@/components/map/AgencyGlyph.tsx';
import { countryOf, type Agency } from '@/lib/contract/agencies.ts';
import type { HandoverAlert, HandoverClosedIncident, HandoverIncident, HandoverQueue, HandoverReply } from '@/lib/contract/http.ts';
import type { Severity } from '@/lib/contract/events.ts';
import { formatCount } from '@/lib/i18n/format.ts';
import { bothClocks, unitStatusLabel } from '@/components/handover/briefFormat.ts';
import { QueueChart } from '@/components/handover/QueueChart.tsx';

const SEVERITY_STYLE: Record<Severity, string> = {
  critical: 'bg-red-700 text-white',
  high: 'bg-orange-500 text-black',
  medium: 'bg-amber-200 text-black',
  low: 'bg-slate-200 text-black',
};

export function HandoverBrief({ brief }: { brief: HandoverReply }) {
  const { t } = useI18n();
  const from = Date.parse(brief.period.from);
  const to = Date.parse(brief.period.to);
  const unitTotal = brief.units.reduce((n, u) => n + u.total, 0);
  return (
    <div className="flex flex-col gap-6" data-handover-brief="">
      <section aria-labelledby="handover-summary" className="handover-keep">
        <h2 id="handover-summary" className="sr-only">
          {t('handover.summary')}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5 print:grid-cols-5">
          <Figure label={t('handover.summary.open')} value={brief.openIncidents.length} testId="summary-open" />
          <Figure label={t('handover.summary.opened')} value={brief.openedInPeriod} testId="summary-opened" />
          <Figure label={t('handover.summary.closed')} value={brief.closedIncidents.length} testId="summary-closed" />
          <Figure label={t('handover.summary.units')} value={unitTotal} testId="summary-units" />
          <Figure label={t('handover.summary.alerts')} value={brief.alerts.length} testId="summary-alerts" />
        </dl>
      </section>

      <Section id="handover-open" title={t('handover.open.title')}>
        {brief.openIncidents.length === 0 ? (
          <Empty>{t('handover.open.none')}</Empty>
        ) : (
          <IncidentTable incidents={brief.openIncidents} testId="open-incidents" />
        )}
      </Section>

      <Section id="handover-closed" title={t('handover.closed.title')}>
        {brief.closedIncidents.length === 0 ? (
          <Empty>{t('handover.closed.none')}</Empty>
        ) : (
          <IncidentTable incidents={brief.closedIncidents} closed testId="closed-incidents" />
        )}
      </Section>

      <Section id="handover-queues" title={t('handover.queues.title')}>
        {brief.queues.length === 0 ? (
          <Empty>{t('handover.queues.none')}</Empty>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-1">
            {brief.queues.map((queue) => (
              <QueueCard key={`${queue.post}/${queue.direction}`} queue={queue} from={from} to={to} />
            ))}
          </div>
        )}
      </Section>

      <Section id="handover-alerts" title={t('handover.alerts.title')}>
        {brief.alerts.length === 0 ? <Empty>{t('handover.alerts.none')}</Empty> : <AlertTable alerts={brief.alerts} />}
      </Section>

      <Section id="handover-units" title={t('handover.units.title')}>
        {brief.units.length === 0 ? <Empty>{t('handover.units.none')}</Empty> : <UnitTable brief={brief} />}
      </Section>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="handover-section">
      <h2 id={id} className="handover-heading mb-2 border-b-2 border-slate-800 pb-1 text-xl font-bold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-slate-600 italic">{children}</p>;
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  const { locale } = useI18n();
  return (
    <div className="rounded-lg border border-slate-300 bg-slate-50 px-4 py-2">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-3xl font-bold text-slate-900 tabular-nums" data-testid={testId}>
        {formatCount(value, locale)}
      </dd>
    </div>
  );
}

function AgencyName({ agency }: { agency: Agency }) {
  const { t } = useI18n();
  return (
    <span className="inline-flex items-center gap-1.5 font-semibold break-words" data-agency={agency}>
      <AgencyGlyph agency={agency} size={16} decorative className="size-[1em] shrink-0" />
      {t(`agency.${agency}`)}
    </span>
  );
}

/** A time in both clocks, in a narrow column: the date (Arica), Arica's time, Tacna's time. */
function When({ at }: { at: string }) {
  const { t, locale } = useI18n();
  const c = bothClocks(at, locale);
  return (
    <time dateTime={at} className="block tabular-nums">
      <span className="block whitespace-nowrap text-slate-700">{c.date}</span>
      <span className="block whitespace-nowrap">
        <strong>{c.arica}</strong> {t('clock.arica')}
      </span>
      <span className="block whitespace-nowrap text-slate-600">
        {c.tacna} {t('clock.tacna')}
      </span>
      {c.tacnaDate && <span className="block text-xs whitespace-nowrap text-slate-600">({c.tacnaDate})</span>}
    </time>
  );
}

function IncidentTable({
  incidents,
  closed = false,
  testId,
}: {
  incidents: readonly (HandoverIncident | HandoverClosedIncident)[];
  closed?: boolean;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const th = 'border-b border-slate-400 px-2 py-1.5 text-left text-sm font-semibold text-slate-700';
  const td = 'border-b border-slate-200 px-2 py-1.5 align-top';
  return (
    <table className="handover-table w-full table-fixed border-collapse text-[0.95rem]" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" className={`${th} w-[12%]`}>
            {t('handover.col.severity')}
          </th>
          <th scope="col" className={th}>
            {t('handover.col.incident')}
          </th>
          <th scope="col" className={`${th} w-[15%]`}>
            {t('handover.col.agency')} / {t('handover.col.status')}
          </th>
          <th scope="col" className={`${th} w-[9%]`}>
            {t('handover.col.people')}
          </th>
          <th scope="col" className={`${th} w-[12%]`}>
            {t('handover.col.opened')}
          </th>
          <th scope="col" className={`${th} w-[12%]`}>
            {closed ? t('handover.col.closed') : t('handover.col.updated')}
          </th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => {
          const country = countryOf(incident.agency);
          return (
            <tr key={incident.incidentId} data-incident={incident.incidentId}>
              <td className={td}>
                <span
                  className={`inline-block max-w-full rounded px-1.5 py-0.5 text-xs font-bold break-all uppercase ${SEVERITY_STYLE[incident.severity]}`}
                >
                  {t(`map.severity.${incident.severity}`)}
                </span>
              </td>
              <td className={td}>
                <span className="block font-semibold">
                  {t(`map.kind.${incident.kind}`)}
                  {incident.releasability === 'national' && country && (
                    <span className="ml-2 rounded border border-slate-700 px-1.5 text-xs font-bold uppercase">
                      {t('handover.national', { country: t(`country.${country}`) })}
                    </span>
                  )}
                </span>
                <span className="block break-words">{incident.text}</span>
                <span className="block text-xs break-all text-slate-500">{incident.incidentId}</span>
                {'closedAt' in incident && incident.outcome && (
                  <span className="mt-0.5 block font-semibold" data-testid="incident-outcome">
                    {incident.outcome === 'duplicate' && incident.duplicateOf
                      ? t('handover.outcome.duplicateOf', { id: incident.duplicateOf })
                      : t(`handover.outcome.${incident.outcome}`)}
                  </span>
                )}
                {'closingNote' in incident && incident.closingNote && (
                  <span className="mt-0.5 block text-slate-700">
                    <strong>{t('handover.col.outcome')}:</strong> {incident.closingNote}
                  </span>
                )}
              </td>
              <td className={td}>
                <AgencyName agency={incident.agency} />
                {incident.owner && incident.owner !== incident.agency && (
                  <span className="block text-sm">{t('handover.owner', { agency: t(`agency.${incident.owner}`) })}</span>
                )}
                <span className="mt-0.5 block text-sm font-semibold" data-testid="incident-status">
                  {t(`handover.incident.${incident.status}`)}
                </span>
              </td>
              <td className={`${td} tabular-nums`}>
                {incident.people === undefined
                  ? '—'
                  : incident.minors
                    ? t('handover.people.minors', { n: formatCount(incident.people, locale), minors: formatCount(incident.minors, locale) })
                    : t('handover.people', { n: formatCount(incident.people, locale) })}
              </td>
              <td className={td}>
                <When at={incident.openedAt} />
              </td>
              <td className={td}>
                <When at={'closedAt' in incident ? incident.closedAt : incident.updatedAt} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function QueueCard({ queue, from, to }: { queue: HandoverQueue; from: number; to: number }) {
  const { t, locale } = useI18n();
  const name = t('handover.queue.name', { post: t(`post.${queue.post}`), direction: t(`direction.${queue.direction}`) });
  const none = t('handover.queue.noData');
  const peakAt = queue.peak ? bothClocks(queue.peak.at, locale) : null;
  return (
    <article className="handover-keep rounded-lg border border-slate-300 p-3" data-queue={`${queue.post}/${queue.direction}`}>
      <h3 className="text-lg font-bold text-slate-900">{name}</h3>
      <dl className="my-2 grid grid-cols-4 gap-2 text-sm">
        <div>
          <dt className="text-slate-600">{t('handover.queue.current')}</dt>
          <dd className="text-xl font-bold tabular-nums" data-testid="queue-current">
            {queue.current ? formatCount(queue.current.waiting, locale) : none}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('handover.queue.peak')}</dt>
          <dd className="text-xl font-bold tabular-nums" data-testid="queue-peak">
            {queue.peak ? formatCount(queue.peak.waiting, locale) : none}
          </dd>
          {peakAt && (
            <dd className="text-slate-600 tabular-nums">
              {peakAt.arica} {t('clock.arica')} · {peakAt.tacna} {t('clock.tacna')}
            </dd>
          )}
        </div>
        <div>
          <dt className="text-slate-600">{t('handover.queue.wait')}</dt>
          <dd className="text-xl font-bold tabular-nums">
            {queue.peakWaitMinutes !== null ? t('handover.queue.waitMinutes', { n: formatCount(queue.peakWaitMinutes, locale) }) : none}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('handover.queue.level')}</dt>
          <dd className="text-xl font-bold tabular-nums">{queue.level !== null ? formatCount(queue.level, locale) : none}</dd>
        </div>
      </dl>
      <QueueChart queue={queue} from={from} to={to} name={name} />
    </article>
  );
}

function UnitTable({ brief }: { brief: HandoverReply }) {
  const { t, locale } = useI18n();
  const statuses = [...new Set(brief.units.flatMap((u) => Object.keys(u.byStatus)))].sort();
  const th = 'border-b border-slate-400 px-2 py-1.5 text-left text-sm font-semibold text-slate-700';
  const td = 'border-b border-slate-200 px-2 py-1.5 tabular-nums';
  return (
    <table className="handover-table w-full border-collapse" data-testid="units">
      <thead>
        <tr>
          <th scope="col" className={th}>
            {t('handover.col.agency')}
          </th>
          {statuses.map((status) => (
            <th scope="col" key={status} className={th}>
              {unitStatusLabel(status, t)}
            </th>
          ))}
          <th scope="col" className={th}>
            {t('handover.units.total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {brief.units.map((row) => (
          <tr key={row.agency} data-units={row.agency}>
            <th scope="row" className={`${td} text-left font-normal`}>
              <AgencyName agency={row.agency} />
            </th>
            {statuses.map((status) => (
              <td key={status} className={td}>
                {formatCount(row.byStatus[status] ?? 0, locale)}
              </td>
            ))}
            <td className={`${td} font-bold`} data-testid="units-total">
              {formatCount(row.total, locale)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AlertTable({ alerts }: { alerts: readonly HandoverAlert[] }) {
  const { t } = useI18n();
  const th = 'border-b border-slate-400 px-2 py-1.5 text-left text-sm font-semibold text-slate-700';
  const td = 'border-b border-slate-200 px-2 py-1.5 align-top';
  return (
    <table className="handover-table w-full table-fixed border-collapse text-[0.95rem]" data-testid="alerts">
      <thead>
        <tr>
          <th scope="col" className={th}>
            {t('handover.col.alert')}
          </th>
          <th scope="col" className={`${th} w-[15%]`}>
            {t('handover.col.agency')}
          </th>
          <th scope="col" className={`${th} w-[16%]`}>
            {t('handover.col.raised')}
          </th>
          <th scope="col" className={`${th} w-[20%]`}>
            {t('handover.col.ack')}
          </th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.alertId} data-alert={alert.alertId}>
            <td className={td}>
              <span className="block font-semibold">{t(`handover.alerts.kind.${alert.kind}`)}</span>
              {alert.post && alert.direction && (
                <span className="block">
                  {t('handover.queue.name', { post: t(`post.${alert.post}`), direction: t(`direction.${alert.direction}`) })}
                </span>
              )}
              {alert.incidentId && <span className="block text-xs text-slate-500">{alert.incidentId}</span>}
              {alert.text && <span className="block break-words">{alert.text}</span>}
            </td>
            <td className={td}>
              <AgencyName agency={alert.agency} />
            </td>
            <td className={td}>
              <When at={alert.raisedAt} />
            </td>
            <td className={td}>
              {alert.acknowledged ? (
                <>
                  <span className="block font-semibold">{t('handover.alerts.acknowledged')}</span>
                  <When at={alert.acknowledged.at} />
                </>
              ) : (
                <span className="font-semibold text-red-700">{t('handover.alerts.pending')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
