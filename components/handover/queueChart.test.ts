import { describe, expect, it } from 'vitest';
import { niceTop, queueChart } from '@/components/handover/queueChart.ts';

const HOUR = 3_600_000;
const from = Date.UTC(2025, 11, 1, 9, 0);
const to = from + 12 * HOUR;
const box = { width: 400, height: 120, left: 40, bottom: 20 };

describe('queue chart of the handover brief', () => {
  it('scales from zero to a round number above the peak, or above the alert level', () => {
    expect(niceTop(410)).toBe(500);
    expect(niceTop(180)).toBe(200);
    expect(niceTop(0)).toBe(10);
    const series = [
      { at: from + HOUR, waiting: 140 },
      { at: from + 5 * HOUR, waiting: 410 },
    ];
    expect(queueChart({ from, to, series, level: 300, ...box }).top).toBe(500);
    expect(queueChart({ from, to, series: [{ at: from, waiting: 50 }], level: 300, ...box }).top).toBe(500); // 345 → 500
    expect(queueChart({ from, to, series: [{ at: from, waiting: 50 }], ...box }).top).toBe(50);
  });

  it('draws the peak highest, the level across, and starts at the left edge from the count in force', () => {
    const chart = queueChart({
      from,
      to,
      atStart: { at: from - HOUR, waiting: 90 },
      series: [
        { at: from + HOUR, waiting: 140 },
        { at: from + 6 * HOUR, waiting: 410 },
        { at: to - HOUR, waiting: 220 },
      ],
      level: 300,
      offsetMinutes: -180, // ticks on Arica's even hours: 06:00 there is 09:00 UTC
      ...box,
    });
    const pts = chart.points.split(' ').map((p) => p.split(',').map(Number));
    expect(pts).toHaveLength(4);
    expect(pts[0][0]).toBe(40); // the left edge
    expect(chart.peak).toMatchObject({ waiting: 410, x: 218 }); // half way across 356 units
    expect(Math.min(...pts.map(([, y]) => y))).toBe(chart.peak!.y);
    expect(chart.levelY).toBeGreaterThan(chart.peak!.y);
    expect(chart.xTicks.map((t) => (t.at - from) / HOUR)).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it('puts ticks on even hours of UTC unless told the clock', () => {
    const chart = queueChart({ from, to, series: [], ...box });
    expect(chart.xTicks.map((t) => (t.at - from) / HOUR)).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it('draws nothing but the axes when nothing was reported', () => {
    const chart = queueChart({ from, to, series: [], ...box });
    expect(chart.points).toBe('');
    expect(chart.area).toBe('');
    expect(chart.peak).toBeUndefined();
  });
});
