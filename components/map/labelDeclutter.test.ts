import { describe, expect, it } from 'vitest';
import { chooseNudge, labelsToHide, mirrorX, placeLabels, type LabelBox, type Placement } from '@/components/map/labelDeclutter.ts';

const at = (left: number, top: number, width = 100, height = 30) => ({ left, top, right: left + width, bottom: top + height });

describe('labelsToHide', () => {
  it('keeps labels that do not overlap', () => {
    const labels: LabelBox[] = [
      { id: 1, kind: 'unit', rank: 0, box: at(0, 0) },
      { id: 2, kind: 'unit', rank: 0, box: at(0, 40) },
    ];
    expect(labelsToHide(labels)).toEqual(new Set());
  });

  it('hides a unit label under an incident label, whatever their order', () => {
    const labels: LabelBox[] = [
      { id: 1, kind: 'unit', rank: 0, box: at(10, 10) },
      { id: 2, kind: 'incident', rank: 0, box: at(0, 0) },
    ];
    expect(labelsToHide(labels)).toEqual(new Set([1]));
  });

  it('between two incidents keeps the higher-ranked (more severe) one', () => {
    const labels: LabelBox[] = [
      { id: 1, kind: 'incident', rank: 100, box: at(0, 0) },
      { id: 2, kind: 'incident', rank: 800, box: at(20, 5) },
    ];
    expect(labelsToHide(labels)).toEqual(new Set([1]));
  });

  it('hides only what overlaps something kept: a chain keeps every other label', () => {
    const labels: LabelBox[] = [0, 1, 2].map((i) => ({ id: i, kind: 'unit' as const, rank: 0, box: at(i * 60, 0) }));
    expect(labelsToHide(labels)).toEqual(new Set([1]));
  });

  it('never hides an obstacle, and keeps labels of its kind and lower off it but not higher ones', () => {
    const labels: LabelBox[] = [
      { id: 1, kind: 'incident', rank: 0, box: at(0, 0, 36, 36), obstacle: true },
      { id: 2, kind: 'unit', rank: 0, box: at(10, 10) },
      { id: 3, kind: 'incident', rank: 0, box: at(200, 0) },
      { id: 4, kind: 'post', rank: 0, box: at(210, 5, 20, 20), obstacle: true },
      { id: 5, kind: 'incident', rank: 0, box: at(20, 20) },
    ];
    expect(labelsToHide(labels)).toEqual(new Set([2, 5]));
  });

  it("never lets a marker's own mark hide its own label", () => {
    const labels: LabelBox[] = [
      { id: 1, kind: 'cluster', rank: 0, box: at(0, 0, 40, 40), obstacle: true, owner: 7 },
      { id: 2, kind: 'cluster', rank: 0, box: at(0, 39, 60, 20), owner: 7 },
      { id: 3, kind: 'cluster', rank: 0, box: at(0, 30, 60, 20), owner: 8 },
    ];
    expect(labelsToHide(labels)).toEqual(new Set([3]));
  });

  it('treats labels that only touch as overlapping, so they never read as one', () => {
    const labels: LabelBox[] = [
      { id: 1, kind: 'unit', rank: 0, box: at(0, 0) },
      { id: 2, kind: 'unit', rank: 0, box: at(101, 0) },
    ];
    expect(labelsToHide(labels)).toEqual(new Set([2]));
  });
});

describe('placeLabels', () => {
  it('moves a blocked label to its first free alternate before hiding it', () => {
    const unit = at(10, 0);
    const labels: LabelBox[] = [
      { id: 1, kind: 'post', rank: 0, box: at(50, 0) },
      { id: 2, kind: 'unit', rank: 0, box: unit, alternates: [mirrorX(unit, 0)] },
      { id: 3, kind: 'unit', rank: 0, box: at(60, 0), alternates: [at(60, 0)] },
    ];
    expect(placeLabels(labels)).toEqual(
      new Map<number, Placement>([
        [1, 0],
        [2, 1],
        [3, 'hidden'],
      ]),
    );
  });

  it('mirrors a label to the other side of its marker', () => {
    expect(mirrorX(at(10, 0, 100, 30), 0)).toEqual(at(-110, 0, 100, 30));
  });
});

describe('chooseNudge', () => {
  const steps = [
    { dx: 0, dy: 0 },
    { dx: 0, dy: 70 },
    { dx: -70, dy: 0 },
  ];
  it('stays on its spot when nothing is there', () => {
    expect(chooseNudge(at(0, 0, 40, 40), [at(100, 100)], steps)).toEqual({ dx: 0, dy: 0 });
  });
  it('moves to the first free place when an incident sits on the spot', () => {
    expect(chooseNudge(at(0, 0, 40, 40), [at(-10, -10, 60, 130)], steps)).toEqual({ dx: -70, dy: 0 });
  });
  it('stays on its spot when no place is free', () => {
    expect(chooseNudge(at(0, 0, 40, 40), [at(-200, -200, 400, 400)], steps)).toEqual({ dx: 0, dy: 0 });
  });
});
