import { describe, expect, it } from 'vitest';
import { currentMilestone, fractionOf, instantAt, milestoneMarks } from '@/components/training/timelineMath.ts';

const range = { start: Date.parse('2025-11-20T00:00:00-03:00'), end: Date.parse('2025-12-20T00:00:00-03:00') };
const m = (id: string, at: string) => ({ id, at, title: { es: id, en: id } });

describe('timeline maths', () => {
  it('maps instants to fractions and back to whole minutes, clamped to the scenario', () => {
    const crossing = Date.parse('2025-12-01T14:55:00-03:00');
    expect(instantAt(fractionOf(crossing, range), range)).toBe(crossing);
    expect(fractionOf(range.start - 1, range)).toBe(0);
    expect(instantAt(2, range)).toBe(range.end);
  });

  it('places milestone marks and finds the one the clock has reached', () => {
    const milestones = [m('b', '2025-12-01T14:55:00-03:00'), m('a', '2025-11-20T12:00:00-03:00')];
    const marks = milestoneMarks(milestones, range);
    expect(marks[0].left).toBeGreaterThan(marks[1].left);
    expect(currentMilestone(milestones, Date.parse('2025-11-25T00:00:00-03:00'))?.id).toBe('a');
    expect(currentMilestone(milestones, Date.parse('2025-12-02T00:00:00-03:00'))?.id).toBe('b');
    expect(currentMilestone(milestones, range.start)).toBeUndefined();
  });
});
