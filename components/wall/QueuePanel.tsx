'use client';
/**
 * Queues at the border posts: a card per post and direction. Cards with data show the number
 * waiting, its trend in words, wait, refused and minors, a sparkline and when it was last updated;
 * posts without data get a slim "sin datos" card after them.
 *
 * Pass `now` so ages agree with the rest of the wall; without it the panel ticks its own clock.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatAge, formatBothZones, formatCount } from '@/lib/i18n/format.ts';
import type { Picture, QueueState } from '@/lib/projection/picture.ts';
import { queueTrend, type Trend } from '@/lib/projection/selectors.ts';
import { TrendArrow } from './icons.tsx';
import { QueueSparkline } from './QueueSparkline.tsx';
import { isQueueOld, queueSlots, sparklineWindow, type QueueSlot } from './queueSlots.ts';
import { useNow } from './useNow.ts';
import { countText, formatDuration } from './wallFormat.ts';

export interface QueuePanelProps {
  picture: Picture;
  /** Epoch ms; optional, but pass the wall's clock. */
  now?: number;
}

const AGE_TICK_MS = 15_000;

export function QueuePanel({ picture, now }: QueuePanelProps) {
  const { t } = useI18n();
  const ticking = useNow(AGE_TICK_MS, now === undefined);
  const at = now ?? ticking ?? undefined;
  const slots = queueSlots(picture);
  return (
    <section aria-labelledby="wall-queues-title" className="@container flex flex-col gap-3">
      <h2 id="wall-queues-title" className="text-2xl font-bold tracking-wide text-slate-100 uppercase">
        {t('wall.queues.title')}
      </h2>
      <div className="grid grid-cols-1 gap-3 @[72rem]:grid-cols-2">
        {slots.map((slot) =>
          slot.queue ? <QueueCard key={slot.key} queue={slot.queue} now={at} /> : <EmptyQueueCard key={slot.key} slot={slot} />,
        )}
      </div>
    </section>
  );
}

const TREND_STYLE: Record<Trend, string> = {
  rising: 'text-stale',
  falling: 'text-emerald-300',
  steady: 'text-slate-100',
};

function QueueCard({ queue, now }: { queue: QueueState; now: number | undefined }) {
  const { t, locale } = useI18n();
  const trend = queueTrend(queue);
  const old = now !== undefined && isQueueOld(queue, now);
  const range = sparklineWindow(queue, now);
  const details = [
    queue.waitMinutes !== undefined && t('wall.queue.wait', { duration: formatDuration(t, queue.waitMinutes) }),
    queue.refused !== undefined && countText(t, locale, queue.refused, 'wall.queue.refused'),
    queue.minors !== undefined && countText(t, locale, queue.minors, 'wall.queue.minors'),
  ].filter((d): d is string => Boolean(d));

  return (
    <article
      data-queue-card={queue.key}
      data-trend={trend}
      data-old={old ? '' : undefined}
      className={`flex flex-col gap-1.5 rounded-xl border-2 bg-panel px-4 py-2.5 ${old ? 'border-stale' : 'border-line'}`}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h3 className="text-[26px] leading-tight font-bold whitespace-nowrap">
          {t(`post.${queue.post}`)} <span className="font-semibold text-slate-200">· {t(`direction.${queue.direction}`)}</span>
        </h3>
        <div className="ml-auto flex shrink-0 items-center gap-3">
          {old && (
            <span className="rounded-md bg-stale px-2 text-xl font-black tracking-wide text-black">{t('wall.queue.old')}</span>
          )}
          <p className={`flex items-center gap-1.5 text-xl font-bold ${TREND_STYLE[trend]}`} data-testid="queue-trend">
            <TrendArrow trend={trend} />
            {t(`wall.trend.${trend}`)}
          </p>
        </div>
      </header>

      <div className="grid grid-cols-[13.5rem_minmax(0,1fr)] items-end gap-3">
        <div className="flex flex-col">
          <span
            data-testid="queue-waiting"
            className={`text-[64px] leading-none font-bold tabular-nums ${old ? 'text-slate-300' : 'text-white'}`}
          >
            {formatCount(queue.waiting, locale)}
          </span>
          <span className="text-xl text-slate-200">{t('wall.queue.waiting')}</span>
        </div>
        <QueueSparkline history={queue.history} from={range.from} to={range.to} />
      </div>

      {details.length > 0 && (
        <p className="text-xl font-semibold text-slate-100 tabular-nums">{details.join(' · ')}</p>
      )}

      <p className="flex flex-wrap items-center gap-x-2 text-xl text-slate-200 tabular-nums">
        <span>{t('wall.queue.updated', { time: formatBothZones(queue.updatedAt, locale) })}</span>
        {now !== undefined && (
          <span className={old ? 'font-bold text-stale' : ''}>· {formatAge(now - Date.parse(queue.updatedAt), locale)}</span>
        )}
      </p>
    </article>
  );
}

function EmptyQueueCard({ slot }: { slot: QueueSlot }) {
  const { t } = useI18n();
  return (
    <article
      data-queue-card={slot.key}
      data-empty=""
      className="flex items-baseline justify-between gap-3 rounded-xl border-2 border-dashed border-line px-4 py-1.5 text-xl"
    >
      <span className="font-semibold text-slate-100">
        {t(`post.${slot.post}`)} · {t(`direction.${slot.direction}`)}
      </span>
      <span className="text-slate-200">{t('wall.queue.noData')}</span>
    </article>
  );
}
