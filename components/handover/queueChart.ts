/**
 * Geometry of a queue's chart in the handover brief, drawn as inline SVG so it prints sharp: the
 * period on the x axis, people waiting on the y axis from zero to the peak (or a little above the
 * alert level, whichever is higher), hour ticks and the level as a dashed line. Pure, tested
 * without a browser.
 */

export interface ChartPoint {
  /** Epoch ms. */
  at: number;
  waiting: number;
}

export interface ChartInput {
  from: number;
  to: number;
  /** Counts within the period, in time order. */
  series: readonly ChartPoint[];
  /** The count in force when the period began, drawn from the left edge. */
  atStart?: ChartPoint | null;
  level?: number | null;
  width: number;
  height: number;
  /** Room left for the y labels and the x labels, in SVG units. */
  left: number;
  bottom: number;
  /** Minutes the clock the ticks follow is ahead of UTC (−180 for Arica in summer), so ticks fall on its even hours. */
  offsetMinutes?: number;
}

export interface QueueChartGeometry {
  /** For `<polyline points>`; empty when nothing was reported. */
  points: string;
  /** Closed area under the line. */
  area: string;
  /** Top of the y scale (people). */
  top: number;
  yTicks: { y: number; value: number }[];
  /** Ticks along the period, one every `stepHours`. */
  xTicks: { x: number; at: number }[];
  levelY?: number;
  /** Where the highest point is drawn. */
  peak?: { x: number; y: number; waiting: number };
}

const HOUR_MS = 3_600_000;
/** The scale reaches this far above an alert level that the queue did not reach. */
const LEVEL_HEADROOM = 1.15;
const round = (n: number) => Math.round(n * 10) / 10;

/** A round top for the scale: 1, 2 or 5 times a power of ten at or above `max`. */
export function niceTop(max: number): number {
  if (max <= 0) return 10;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function queueChart(input: ChartInput): QueueChartGeometry {
  const { from, to, width, height, left, bottom } = input;
  const innerW = width - left - 4;
  const innerH = height - bottom - 6;
  const x = (at: number) => round(left + ((Math.min(Math.max(at, from), to) - from) / (to - from)) * innerW);
  const drawn: ChartPoint[] = [...(input.atStart ? [{ at: from, waiting: input.atStart.waiting }] : []), ...input.series];
  const highest = Math.max(0, ...drawn.map((p) => p.waiting));
  const level = input.level ?? undefined;
  const top = niceTop(Math.max(highest, level !== undefined ? level * LEVEL_HEADROOM : 0));
  const y = (value: number) => round(6 + (1 - value / top) * innerH);

  const xy = drawn.map((p) => ({ x: x(p.at), y: y(p.waiting) }));
  const base = round(6 + innerH);
  const points = xy.map((p) => `${p.x},${p.y}`).join(' ');
  const area = xy.length > 0 ? `M${xy[0].x},${base} ${xy.map((p) => `L${p.x},${p.y}`).join(' ')} L${xy.at(-1)!.x},${base} Z` : '';

  const hours = (to - from) / HOUR_MS;
  const stepHours = hours <= 6 ? 1 : hours <= 12 ? 2 : hours <= 24 ? 4 : 8;
  const shift = (input.offsetMinutes ?? 0) * 60_000;
  const firstTick = Math.ceil((from + shift) / (stepHours * HOUR_MS)) * stepHours * HOUR_MS - shift;
  const xTicks: QueueChartGeometry['xTicks'] = [];
  for (let at = firstTick; at <= to; at += stepHours * HOUR_MS) xTicks.push({ x: x(at), at });

  const best = input.series.reduce<ChartPoint | undefined>((b, p) => (!b || p.waiting > b.waiting ? p : b), undefined);
  return {
    points,
    area,
    top,
    yTicks: [0, top / 2, top].map((value) => ({ value, y: y(value) })),
    xTicks,
    ...(level !== undefined ? { levelY: y(Math.min(level, top)) } : {}),
    ...(best ? { peak: { x: x(best.at), y: y(best.waiting), waiting: best.waiting } } : {}),
  };
}
