'use client';
/**
 * The wall's feed: field reports, incidents and bulletins (the picture keeps routine positions
 * and queue counts out; the map and the queue strip show those in place), newest first, in rows
 * of a fixed height the room can read: as many of the newest as fit. Routine updates never push
 * an item out; a newer report, incident or bulletin does, and so does the deployment's keep time
 * (with a few of the latest kept on a quiet day).
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { StoredEvent } from '@/lib/contract/events.ts';
import { formatAge } from '@/lib/i18n/format.ts';
import { AgencyBadge } from '@/components/shared/AgencyBadge.tsx';
import { eventText, feedForWall, isLateReport, summarizeEvent } from '@/components/shared/feedSummary.ts';
import { usePagedRows } from '@/components/wall/usePagedRows.ts';
import { formatCompactBothZones } from '@/components/shared/wallFormat.ts';

export interface WallFeedProps {
  events: StoredEvent[];
  /** Epoch ms: the wall's clock (exercise time in an exercise). */
  now: number;
  /** Items younger than this stay in the feed's rotation. */
  keepMinutes: number;
}

const ROW_REM = 6;
const GAP_REM = 0.5;
/** A quiet feed still shows this many of its latest items, however old. */
const AT_LEAST = 3;

export function WallFeed({ events, now, keepMinutes }: WallFeedProps) {
  const { t } = useI18n();
  const shown = feedForWall(events, now, keepMinutes * 60_000, AT_LEAST);
  const { boxRef, page } = usePagedRows(shown, {
    rowRem: ROW_REM,
    gapRem: GAP_REM,
    newestKey: shown[0] && `${shown[0].channel}/${shown[0].seq}`,
  });
  const onPage = new Set(page.items);
  return (
    <section aria-labelledby="wall-feed-title" data-wall-feed="" className="flex min-h-0 flex-[2] flex-col gap-2">
      <h2
        id="wall-feed-title"
        className="flex items-center gap-3 text-[2rem] leading-tight font-bold tracking-wide text-slate-100 uppercase"
      >
        <span className="truncate" title={t('wall.feed.keptFor', { m: keepMinutes })}>
          {t('wall.feed.title')}
        </span>
      </h2>
      <div ref={boxRef} className="min-h-0 flex-1 overflow-hidden">
        {shown.length === 0 ? (
          <p className="rounded-xl border-2 border-dashed border-line px-4 py-2 text-[2rem] text-slate-100">{t('wall.feed.empty')}</p>
        ) : (
          <ol className="flex flex-col gap-2">
            {shown.map((event) => (
              <FeedRow key={`${event.channel}/${event.seq}`} event={event} now={now} hidden={!onPage.has(event)} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

function FeedRow({ event, now, hidden }: { event: StoredEvent; now: number; hidden: boolean }) {
  const { t, locale } = useI18n();
  const text = eventText(event);
  const source = event.provenance?.source;
  const synthetic = event.provenance?.synthetic === true;
  const severe = event.type === 'incident' && (event.severity === 'high' || event.severity === 'critical');
  return (
    <li
      data-seq={event.seq}
      data-type={event.type}
      hidden={hidden}
      className={`flex h-[6rem] flex-col justify-center overflow-hidden rounded-xl border-2 border-line bg-panel px-3 text-[2rem] leading-[1.2] ${
        severe ? 'border-l-[0.75rem] border-l-alert' : ''
      }`}
    >
      <div className="flex min-w-0 items-center gap-3">
        <span className="min-w-0 truncate font-bold text-white">{summarizeEvent(event, t, locale)}</span>
        <time
          dateTime={event.occurredAt}
          className="ml-auto shrink-0 text-slate-200 tabular-nums"
          title={formatCompactBothZones(event.occurredAt, locale, t)}
        >
          {formatAge(now - Date.parse(event.occurredAt), locale)}
        </time>
      </div>
      <p className="flex min-w-0 items-baseline gap-3">
        <AgencyBadge agency={event.agency} />
        {synthetic && <span className="shrink-0 rounded-md bg-violet-400 px-2 font-bold text-violet-950">{t('wall.feed.synthetic')}</span>}
        {isLateReport(event) && (
          <span className="shrink-0 font-semibold text-stale tabular-nums">
            {t('wall.feed.received', { time: formatCompactBothZones(event.receivedAt, locale, t) })}
          </span>
        )}
        {text && <span className="min-w-0 truncate text-slate-100">{text}</span>}
        {/* The source is for the record (and the desk); on the wall it gives way to the text. */}
        {source && <span className="sr-only">{t('wall.feed.source', { source })}</span>}
      </p>
    </li>
  );
}
