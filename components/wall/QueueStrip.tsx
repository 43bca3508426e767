'use client';
/**
 * The queues under the map: one tile for every post and direction, always in the same place, so
 * a coordinator learns where to look. A tile says the post and direction, the people waiting in
 * large digits with the trend, the wait, how old the count is, and a sparkline with its time axis
 * and the alert level. An old count is framed amber and says so; a count at or above its alert
 * level turns red.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatAge, formatCount } from '@/lib/i18n/format.ts';
import type { Picture, QueueState } from '@/lib/projection/picture.ts';
import { isAtQueueLevel, queueAlertLevel } from '@/lib/projection/queueLevels.ts';
import { queueTrend, type Trend } from '@/lib/projection/selectors.ts';
import { TrendArrow } from '@/components/shared/icons.tsx';
import { QueueSparkline } from '@/components/wall/QueueSparkline.tsx';
import { isQueueOld, queueSlots, sparklineWindow, type QueueSlot } from '@/components/wall/queueSlots.ts';
import { formatDuration } from '@/components/shared/wallFormat.ts';

export interface QueueStripProps {
  picture: Picture;
  /** Epoch ms: the wall's clock (exercise time in an exercise). */
  now: number;
}

const TREND_STYLE: Record<Trend, string> = {
  rising: 'text-stale',
  falling: 'text-emerald-300',
  steady: 'text-slate-200',
};

export function QueueStrip({ picture, now }: QueueStripProps) {
  return (
    <div className="grid grid-cols-4 gap-3">
      {queueSlots(picture, { dataFirst: false }).map((slot) => (
        <QueueTile key={slot.key} slot={slot} picture={picture} now={now} />
      ))}
    </div>
  );
}

function QueueTile({ slot, picture, now }: { slot: QueueSlot; picture: Picture; now: number }) {
  const { t } = useI18n();
  const { queue } = slot;
  const level = queueAlertLevel(picture, slot.post, slot.direction);
  const old = queue !== undefined && isQueueOld(queue, now);
  const over = queue !== undefined && !old && isAtQueueLevel(level, queue);
  const frame = over
    ? 'border-alert bg-alert/15'
    : old
      ? 'border-dashed border-stale'
      : queue
        ? 'border-line'
        : 'border-dashed border-line';
  return (
    <article
      data-queue-card={slot.key}
      data-empty={queue ? undefined : ''}
      data-old={old ? '' : undefined}
      data-over-level={over ? '' : undefined}
      className={`flex min-w-0 flex-col gap-1 rounded-xl border-[3px] bg-panel px-3 py-2 ${frame}`}
    >
      <h3 className="flex flex-col text-[2rem] leading-[1.1] font-bold">
        <span className="truncate">{t(`post.${slot.post}`)}</span>
        <span className="truncate font-semibold text-slate-200">{t(`direction.${slot.direction}`)}</span>
      </h3>
      {queue ? <QueueFigures queue={queue} now={now} old={old} over={over} level={level?.waiting} /> : <NoData />}
    </article>
  );
}

function QueueFigures({ queue, now, old, over, level }: { queue: QueueState; now: number; old: boolean; over: boolean; level?: number }) {
  const { t, locale } = useI18n();
  const trend = queueTrend(queue);
  const window = sparklineWindow(queue, now);
  return (
    <>
      <div className="flex items-baseline justify-between gap-2" data-trend={trend}>
        <span
          data-testid="queue-waiting"
          className={`text-[3.5rem] leading-none font-black tabular-nums ${over ? 'text-alert' : old ? 'text-slate-300' : 'text-white'}`}
        >
          {formatCount(queue.waiting, locale)}
        </span>
        <span className="flex items-center gap-2">
          {(old || over) && (
            <span
              className={`shrink-0 self-center rounded-md px-1.5 text-[1.5rem] leading-tight font-black ${old ? 'bg-stale text-black' : 'bg-alert text-white'}`}
              title={old ? t('wall.queue.old') : undefined}
            >
              {old ? t('wall.queue.oldShort') : t('wall.queue.overLevel')}
            </span>
          )}
          <span
            className={`flex items-center gap-1 text-[2rem] font-bold ${TREND_STYLE[trend]}`}
            data-testid="queue-trend"
            title={t(`wall.trend.${trend}`)}
          >
            <TrendArrow trend={trend} />
            <span className="sr-only">{t(`wall.trend.${trend}`)}</span>
          </span>
        </span>
      </div>
      <p className="text-[2rem] leading-tight font-semibold tabular-nums">
        <span className="block min-w-0 truncate">
          {queue.waitMinutes !== undefined ? (
            <>
              <span className="text-[1.25rem] font-normal text-slate-300">{t('wall.queue.waitLabel')} </span>
              {formatDuration(t, queue.waitMinutes)}
            </>
          ) : (
            <span className="text-[1.25rem] font-normal text-slate-300">{t('wall.queue.waiting')}</span>
          )}
        </span>
      </p>
      <QueueSparkline history={queue.history} from={window.from} to={window.to} spanMinutes={window.spanMinutes} level={level} />
      <p className={`text-[2rem] leading-tight tabular-nums ${old ? 'font-bold text-stale' : 'text-slate-200'}`}>
        <time dateTime={queue.updatedAt}>{formatAge(now - Date.parse(queue.updatedAt), locale)}</time>
      </p>
    </>
  );
}

function NoData() {
  const { t } = useI18n();
  return <p className="text-[2rem] leading-tight text-slate-400">{t('wall.queue.noData')}</p>;
}
