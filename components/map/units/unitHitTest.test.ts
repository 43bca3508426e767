import { describe, expect, it } from 'vitest';
import { emptyDrawnUnits, unitAt, type DrawnUnits } from '@/components/map/units/unitHitTest.ts';

const geometry = { glyphHalf: 16, labelGap: 6, slop: 4 };

function drawn(...units: Array<{ key: string; x: number; y: number; label?: [number, number] }>): DrawnUnits {
  const d = emptyDrawnUnits();
  for (const u of units) {
    d.keys.push(u.key);
    d.xs.push(u.x);
    d.ys.push(u.y);
    d.labelWidths.push(u.label?.[0] ?? 0);
    d.labelHeights.push(u.label?.[1] ?? 0);
  }
  return d;
}

describe('unitAt', () => {
  it('finds the unit whose glyph is under the point, with a little room for a finger', () => {
    const d = drawn({ key: 'pdi/A', x: 100, y: 100 }, { key: 'pnp/B', x: 300, y: 100 });
    expect(unitAt(d, 100, 100, geometry)).toBe('pdi/A');
    expect(unitAt(d, 119, 81, geometry)).toBe('pdi/A');
    expect(unitAt(d, 303, 95, geometry)).toBe('pnp/B');
    expect(unitAt(d, 121, 100, geometry)).toBeNull();
    expect(unitAt(d, 200, 100, geometry)).toBeNull();
  });

  it('picks the unit drawn last where two overlap, the one the viewer sees', () => {
    const d = drawn({ key: 'faded/under', x: 100, y: 100 }, { key: 'fresh/over', x: 108, y: 104 });
    expect(unitAt(d, 104, 102, geometry)).toBe('fresh/over');
    expect(unitAt(d, 86, 90, geometry)).toBe('faded/under');
  });

  it('counts the label as part of the unit when a label was drawn', () => {
    const labelled = drawn({ key: 'carabineros/Z-7', x: 100, y: 100, label: [80, 44] });
    expect(unitAt(labelled, 100 + 16 + 6 + 40, 115, geometry)).toBe('carabineros/Z-7');
    expect(unitAt(labelled, 100 + 16 + 6 + 81, 100, geometry)).toBeNull();
    const bare = drawn({ key: 'carabineros/Z-7', x: 100, y: 100 });
    expect(unitAt(bare, 100 + 16 + 6 + 40, 100, geometry)).toBeNull();
  });

  it('finds nothing on an empty map', () => {
    expect(unitAt(emptyDrawnUnits(), 0, 0, geometry)).toBeNull();
  });
});
