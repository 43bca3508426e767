'use client';
/**
 * One queue's recent history as a hand-drawn SVG line over a time axis (−span … now), scaled from
 * zero to its maximum or a little above its alert level, whichever is higher, with the level as a
 * red dashed line. The SVG stretches to the tile's width, so the newest point is an HTML dot
 * placed over it (an SVG circle would stretch into an ellipse).
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatCount } from '@/lib/i18n/format.ts';
import type { QueuePoint } from '@/lib/projection/picture.ts';
import { buildSparkline } from '@/components/wall/sparkline.ts';
import { formatDuration } from '@/components/shared/wallFormat.ts';

const W = 240;
const H = 64;
const PAD = 4;

export interface QueueSparklineProps {
  history: QueuePoint[];
  /** The window, epoch ms (sparklineWindow). */
  from: number;
  to: number;
  spanMinutes: number;
  /** The alert level, people waiting. */
  level?: number;
}

export function QueueSparkline({ history, from, to, spanMinutes, level }: QueueSparklineProps) {
  const { t, locale } = useI18n();
  const line = buildSparkline(
    history.map((p) => ({ at: Date.parse(p.at), value: p.waiting })),
    { width: W, height: H, pad: PAD, from, to, level },
  );
  const span = formatDuration(t, spanMinutes);
  const label =
    t('wall.queue.chartSpan', { span, n: formatCount(line?.max ?? 0, locale) }) +
    (level !== undefined ? t('wall.queue.chartLevel', { n: formatCount(level, locale) }) : '');
  return (
    <figure className="flex min-w-0 flex-col" data-sparkline="" data-span-minutes={spanMinutes}>
      <div className="relative h-[3.5rem] w-full rounded-md bg-wall">
        <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="absolute inset-0 size-full">
          <line x1={0} x2={W} y1={H - PAD} y2={H - PAD} className="stroke-line" strokeWidth={2} vectorEffect="non-scaling-stroke" />
          {line && (
            <>
              <path d={line.area} className="fill-sky-400/20" />
              <polyline
                points={line.points}
                fill="none"
                className="stroke-sky-300"
                strokeWidth={3}
                strokeLinejoin="round"
                strokeLinecap="round"
                vectorEffect="non-scaling-stroke"
              />
            </>
          )}
          {line?.levelY !== undefined && (
            <line
              data-alert-level={level}
              x1={0}
              x2={W}
              y1={line.levelY}
              y2={line.levelY}
              className="stroke-alert"
              strokeDasharray="8 6"
              strokeWidth={2.5}
              vectorEffect="non-scaling-stroke"
            />
          )}
        </svg>
        {line?.levelY !== undefined && level !== undefined && (
          <span
            aria-hidden="true"
            className="absolute left-1 -translate-y-full text-[1.125rem] leading-none font-bold text-alert tabular-nums"
            style={{ top: `${(line.levelY / H) * 100}%` }}
          >
            {t('wall.queue.level', { n: formatCount(level, locale) })}
          </span>
        )}
        {line && (
          <span
            aria-hidden="true"
            className="absolute size-[0.75rem] -translate-x-1/2 -translate-y-1/2 rounded-full bg-sky-200 ring-2 ring-wall"
            style={{ left: `${(line.last.x / W) * 100}%`, top: `${(line.last.y / H) * 100}%` }}
          />
        )}
      </div>
      <figcaption aria-hidden="true" className="flex justify-between text-[1.125rem] leading-tight text-slate-300 tabular-nums">
        <span>{t('wall.queue.axisStart', { span })}</span>
        <span>{t('wall.queue.axisNow')}</span>
      </figcaption>
    </figure>
  );
}
