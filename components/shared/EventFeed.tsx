'use client';
/**
 * The latest events, newest first: time in both zones and age, agency, a one-line summary in
 * words, the sender's own text (always as text), its source, and marks for simulated events and
 * late reports.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { StoredEvent } from '@/lib/contract/events.ts';
import { formatAge } from '@/lib/i18n/format.ts';
import { AgencyBadge } from '@/components/shared/AgencyBadge.tsx';
import { eventText, isLateReport, latestEvents, summarizeEvent } from '@/components/shared/feedSummary.ts';
import { formatCompactBothZones } from '@/components/shared/wallFormat.ts';

export interface EventFeedProps {
  events: StoredEvent[];
  /** Epoch ms. */
  now: number;
  /** Most events shown; the side column has room for about a dozen. */
  limit?: number;
}

const DEFAULT_LIMIT = 20;

export function EventFeed({ events, now, limit = DEFAULT_LIMIT }: EventFeedProps) {
  const { t } = useI18n();
  const shown = latestEvents(events, limit);
  return (
    <section aria-labelledby="wall-feed-title" className="flex flex-col gap-2">
      <h2 id="wall-feed-title" className="text-2xl font-bold tracking-wide text-slate-100 uppercase">
        {t('wall.feed.title')}
      </h2>
      {shown.length === 0 ? (
        <p className="rounded-xl border-2 border-dashed border-line px-5 py-3 text-xl text-slate-100">{t('wall.feed.empty')}</p>
      ) : (
        <ol className="flex flex-col divide-y-2 divide-line rounded-xl border-2 border-line bg-panel">
          {shown.map((event) => (
            <FeedItem key={`${event.channel}/${event.seq}`} event={event} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FeedItem({ event, now }: { event: StoredEvent; now: number }) {
  const { t, locale } = useI18n();
  const text = eventText(event);
  const source = event.provenance?.source;
  const synthetic = event.provenance?.synthetic === true;
  const late = isLateReport(event);
  const severe = event.type === 'incident' && (event.severity === 'high' || event.severity === 'critical');
  return (
    <li
      data-seq={event.seq}
      data-type={event.type}
      className={`flex flex-col gap-0.5 px-4 py-2.5 ${severe ? 'border-l-[10px] border-l-alert' : ''}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4 text-xl tabular-nums">
        <span className="font-semibold text-slate-100">
          <time dateTime={event.occurredAt}>{formatCompactBothZones(event.occurredAt, locale, t)}</time>
          <span className="font-normal text-slate-200"> · {formatAge(now - Date.parse(event.occurredAt), locale)}</span>
        </span>
        <span className="ml-auto">
          <AgencyBadge agency={event.agency} />
        </span>
      </div>
      <p className="text-[22px] leading-snug font-bold text-white">{summarizeEvent(event, t, locale)}</p>
      {text && <p className="line-clamp-2 text-xl break-words text-slate-100">{text}</p>}
      {(source || synthetic || late) && (
        <p className="flex flex-wrap items-center gap-x-3 text-xl text-slate-200">
          {synthetic && (
            <span className="rounded-md bg-violet-400 px-2 font-bold tracking-wide text-violet-950">{t('wall.feed.synthetic')}</span>
          )}
          {source && <span>{t('wall.feed.source', { source })}</span>}
          {late && (
            <span className="font-semibold text-stale tabular-nums">
              {t('wall.feed.received', { time: formatCompactBothZones(event.receivedAt, locale, t) })}
            </span>
          )}
        </p>
      )}
    </li>
  );
}
