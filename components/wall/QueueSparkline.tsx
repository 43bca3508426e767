'use client';
/**
 * The last hours of one queue as a hand-drawn SVG line, scaled from zero to its maximum, which is
 * labelled. The SVG stretches to the card's width, so the newest point is an HTML dot placed over
 * it (an SVG circle would stretch into an ellipse).
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatCount } from '@/lib/i18n/format.ts';
import type { QueuePoint } from '@/lib/projection/picture.ts';
import { buildSparkline } from './sparkline.ts';
import { SPARKLINE_HOURS } from './queueSlots.ts';

const W = 240;
const H = 64;
const PAD = 5;

export function QueueSparkline({ history, from, to }: { history: QueuePoint[]; from: number; to: number }) {
  const { t, locale } = useI18n();
  const line = buildSparkline(
    history.map((p) => ({ at: Date.parse(p.at), value: p.waiting })),
    { width: W, height: H, pad: PAD, from, to },
  );
  const max = formatCount(line?.max ?? 0, locale);
  return (
    <figure className="flex min-w-0 flex-col gap-0.5" data-sparkline="">
      <figcaption className="flex justify-between gap-2 text-xl leading-tight text-slate-200 tabular-nums">
        <span>{t('wall.queue.window', { h: SPARKLINE_HOURS })}</span>
        {line && <span className="font-semibold text-sky-200">{t('wall.queue.max', { n: max })}</span>}
      </figcaption>
      <div className="relative h-16 w-full rounded-md bg-wall">
        <svg
          role="img"
          aria-label={t('wall.queue.chart', { h: SPARKLINE_HOURS, n: max })}
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          className="absolute inset-0 size-full"
        >
          {/* the maximum, dashed, and the zero line */}
          <line x1={0} x2={W} y1={PAD} y2={PAD} className="stroke-sky-200/60" strokeDasharray="6 6" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
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
        </svg>
        {line && (
          <span
            aria-hidden="true"
            className="absolute size-3 -translate-x-1/2 -translate-y-1/2 rounded-full bg-sky-200 ring-2 ring-wall"
            style={{ left: `${(line.last.x / W) * 100}%`, top: `${(line.last.y / H) * 100}%` }}
          />
        )}
      </div>
    </figure>
  );
}
