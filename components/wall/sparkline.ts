/**
 * Geometry of the queue sparkline, drawn by hand in SVG: a polyline over a time window, y scaled
 * from zero to the largest value shown. Pure, so it is tested without a browser.
 */

export interface SparkPoint {
  /** Epoch milliseconds. */
  at: number;
  value: number;
}

export interface SparklineOptions {
  width: number;
  height: number;
  /** Window start and end, epoch milliseconds; points outside are not drawn. */
  from: number;
  to: number;
  /** Inset on every side so the stroke is not clipped, in SVG units. */
  pad?: number;
  /** A level to draw across the chart (the queue's alert level); the scale always reaches it. */
  level?: number;
}

export interface Sparkline {
  /** For `<polyline points=…>`: "x,y x,y …". */
  points: string;
  /** Closed path under the line, for a faint fill. */
  area: string;
  /** The largest value in the window: the top of the scale, and the label. */
  max: number;
  /** Where the newest point is drawn, for a dot. */
  last: { x: number; y: number };
  /** Where the level's line is drawn, when a level was given. */
  levelY?: number;
}

const round = (n: number) => Math.round(n * 10) / 10;
/** The scale reaches this far above an alert level that the queue has not reached. */
const LEVEL_HEADROOM = 1.15;

/**
 * Returns null when no point falls in the window. A point before the window is joined to the first
 * one inside by interpolating at the window's left edge, so a steady queue starts at the edge.
 */
export function buildSparkline(input: readonly SparkPoint[], options: SparklineOptions): Sparkline | null {
  const { width, height, from, to, pad = 2, level } = options;
  if (!(to > from)) return null;
  const sorted = [...input].sort((a, b) => a.at - b.at);
  const inside = sorted.filter((p) => p.at >= from && p.at <= to);
  if (inside.length === 0) return null;

  const before = sorted.filter((p) => p.at < from).at(-1);
  const drawn: SparkPoint[] = [...inside];
  if (before) {
    const first = inside[0];
    const share = (from - before.at) / (first.at - before.at);
    drawn.unshift({ at: from, value: before.value + (first.value - before.value) * share });
  }

  const max = Math.max(...drawn.map((p) => p.value));
  // Headroom above the level, so its line never sits on the chart's top edge.
  const scale = Math.max(max, level !== undefined && level > 0 ? level * LEVEL_HEADROOM : 0) || 1;
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const xy = drawn.map((p) => ({
    x: round(pad + ((p.at - from) / (to - from)) * innerW),
    y: round(pad + (1 - p.value / scale) * innerH),
  }));

  const bottom = round(height - pad);
  const points = xy.map((p) => `${p.x},${p.y}`).join(' ');
  const area = `M${xy[0].x},${bottom} ${xy.map((p) => `L${p.x},${p.y}`).join(' ')} L${xy.at(-1)!.x},${bottom} Z`;
  const levelY = level !== undefined ? round(pad + (1 - Math.min(level, scale) / scale) * innerH) : undefined;
  return { points, area, max: Math.round(max), last: xy.at(-1)!, ...(levelY !== undefined ? { levelY } : {}) };
}
