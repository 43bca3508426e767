import { describe, expect, it } from 'vitest';
import { buildSparkline } from '@/components/wall/sparkline.ts';

const H = 3_600_000;
const box = { width: 104, height: 54, pad: 2, from: 0, to: 4 * H };

describe('buildSparkline', () => {
  it('maps time to x and value to y, with the max at the top and zero at the bottom', () => {
    const s = buildSparkline(
      [
        { at: 0, value: 0 },
        { at: 2 * H, value: 50 },
        { at: 4 * H, value: 100 },
      ],
      box,
    );
    expect(s).not.toBeNull();
    expect(s!.points).toBe('2,52 52,27 102,2');
    expect(s!.max).toBe(100);
    expect(s!.last).toEqual({ x: 102, y: 2 });
    expect(s!.area).toBe('M2,52 L2,52 L52,27 L102,2 L102,52 Z');
  });

  it('sorts points by time', () => {
    const s = buildSparkline(
      [
        { at: 4 * H, value: 100 },
        { at: 0, value: 0 },
      ],
      box,
    );
    expect(s!.points).toBe('2,52 102,2');
  });

  it('returns null when no point is in the window', () => {
    expect(buildSparkline([], box)).toBeNull();
    expect(buildSparkline([{ at: 5 * H, value: 3 }], box)).toBeNull();
    expect(buildSparkline([{ at: 0, value: 3 }], { ...box, to: 0 })).toBeNull();
  });

  it('draws a single point, and an all-zero queue flat on the bottom', () => {
    expect(buildSparkline([{ at: 4 * H, value: 7 }], box)!.points).toBe('102,2');
    const zero = buildSparkline(
      [
        { at: 0, value: 0 },
        { at: 4 * H, value: 0 },
      ],
      box,
    );
    expect(zero!.points).toBe('2,52 102,52');
    expect(zero!.max).toBe(0);
  });

  it('joins a point before the window to the first inside at the left edge', () => {
    const s = buildSparkline(
      [
        { at: -2 * H, value: 0 },
        { at: 2 * H, value: 100 },
        { at: 4 * H, value: 100 },
      ],
      box,
    );
    // Halfway from -2 h to +2 h the line is at 50.
    expect(s!.points).toBe('2,27 52,2 102,2');
    expect(s!.max).toBe(100);
  });

  it('leaves the right edge empty when the newest point is older than the window end', () => {
    const s = buildSparkline([{ at: 2 * H, value: 10 }], box);
    expect(s!.last.x).toBe(52);
  });

  it('draws the alert level across the chart, with the scale reaching above it', () => {
    const points = [
      { at: 0, value: 50 },
      { at: 4 * H, value: 100 },
    ];
    // Level 200, not reached: the scale tops at 230, the line sits at 200 of it.
    const under = buildSparkline(points, { ...box, level: 200 })!;
    expect(under.levelY).toBe(Math.round((2 + (1 - 200 / 230) * 50) * 10) / 10);
    expect(under.last.y).toBeGreaterThan(under.levelY!); // the queue is drawn below its level
    // Level 80, crossed: the scale follows the data and the line is under the newest point.
    const over = buildSparkline(points, { ...box, level: 80 })!;
    expect(over.levelY).toBe(12);
    expect(over.last.y).toBeLessThan(over.levelY!);
    expect(buildSparkline(points, box)!.levelY).toBeUndefined();
  });
});
