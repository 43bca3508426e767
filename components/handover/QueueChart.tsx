'use client';
/**
 * One queue over the brief's period as inline SVG (sharp on paper): people waiting against time,
 * hour ticks in Arica time, the alert level dashed, the peak marked. The SVG keeps its aspect ratio,
 * so circles stay round and text keeps its size when printed.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { HandoverQueue } from '@/lib/contract/http.ts';
import { ARICA_TIME_ZONE, formatCount, formatTime } from '@/lib/i18n/format.ts';
import { zoneOffsetMinutes } from '@/components/handover/period.ts';
import { queueChart } from '@/components/handover/queueChart.ts';

const W = 520;
const H = 150;
const LEFT = 44;
const BOTTOM = 22;

/** Half an hour label's width at 11 px ("12:00"), in viewBox units. */
const HALF_LABEL = 16;

/**
 * An hour label centred on its tick, except at the chart's ends: there it runs inwards, so the
 * first does not run into the axis's "Arica" and the last is not cut at the edge of the sheet.
 */
function tickAnchor(x: number): 'start' | 'middle' | 'end' {
  if (x - HALF_LABEL < LEFT) return 'start';
  if (x + HALF_LABEL > W) return 'end';
  return 'middle';
}

export function QueueChart({ queue, from, to, name }: { queue: HandoverQueue; from: number; to: number; name: string }) {
  const { t, locale } = useI18n();
  const chart = queueChart({
    from,
    to,
    series: queue.series.map((p) => ({ at: Date.parse(p.at), waiting: p.waiting })),
    atStart: queue.atStart ? { at: Date.parse(queue.atStart.at), waiting: queue.atStart.waiting } : null,
    level: queue.level,
    width: W,
    height: H,
    left: LEFT,
    bottom: BOTTOM,
    offsetMinutes: zoneOffsetMinutes(from, ARICA_TIME_ZONE),
  });
  const label =
    t('handover.queue.chart', { queue: name, max: formatCount(queue.peak?.waiting ?? 0, locale) }) +
    (queue.level !== null ? t('handover.queue.chartLevel', { level: formatCount(queue.level, locale) }) : '');
  const baseY = H - BOTTOM;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" data-queue-chart="">
      {chart.yTicks.map((tick) => (
        <g key={tick.value}>
          <line x1={LEFT} x2={W - 4} y1={tick.y} y2={tick.y} stroke="#d4d8e0" strokeWidth={1} />
          <text x={LEFT - 6} y={tick.y + 4} textAnchor="end" fontSize={11} fill="#475569">
            {formatCount(tick.value, locale)}
          </text>
        </g>
      ))}
      {chart.xTicks.map((tick) => (
        <g key={tick.at}>
          <line x1={tick.x} x2={tick.x} y1={baseY} y2={baseY + 4} stroke="#64748b" strokeWidth={1} />
          <text x={tick.x} y={H - 6} textAnchor={tickAnchor(tick.x)} fontSize={11} fill="#475569">
            {formatTime(tick.at, ARICA_TIME_ZONE, locale)}
          </text>
        </g>
      ))}
      <text x={LEFT - 6} y={H - 6} textAnchor="end" fontSize={10} fill="#64748b">
        {t('clock.arica')}
      </text>
      {chart.area && <path d={chart.area} fill="#0ea5e9" fillOpacity={0.15} />}
      {chart.points && <polyline points={chart.points} fill="none" stroke="#0369a1" strokeWidth={2} strokeLinejoin="round" />}
      {chart.levelY !== undefined && queue.level !== null && (
        <g data-alert-level={queue.level}>
          <line x1={LEFT} x2={W - 4} y1={chart.levelY} y2={chart.levelY} stroke="#dc2626" strokeWidth={1.5} strokeDasharray="6 4" />
          <text x={W - 6} y={chart.levelY - 4} textAnchor="end" fontSize={11} fontWeight={700} fill="#b91c1c">
            {t('handover.queue.axisLevel', { n: formatCount(queue.level, locale) })}
          </text>
        </g>
      )}
      {chart.peak && <circle cx={chart.peak.x} cy={chart.peak.y} r={4} fill="#0369a1" stroke="#fff" strokeWidth={1.5} />}
      <line x1={LEFT} x2={W - 4} y1={baseY} y2={baseY} stroke="#64748b" strokeWidth={1} />
    </svg>
  );
}
