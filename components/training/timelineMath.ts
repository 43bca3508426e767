/** Positions on the console's timeline: instants ↔ fractions of the scenario, and milestone marks. */
import type { Milestone } from '@/lib/scenario/scenarioFile.ts';

export interface Range {
  start: number;
  end: number;
}

/** Where an instant sits along the scenario, 0…1. */
export function fractionOf(at: number, range: Range): number {
  if (range.end <= range.start) return 0;
  return Math.min(1, Math.max(0, (at - range.start) / (range.end - range.start)));
}

/** The instant at a fraction, rounded to the minute (a trainer jumps to minutes, not milliseconds). */
export function instantAt(fraction: number, range: Range): number {
  const raw = range.start + Math.min(1, Math.max(0, fraction)) * (range.end - range.start);
  return Math.round(raw / 60_000) * 60_000;
}

export interface Mark {
  milestone: Milestone;
  /** Percent from the left. */
  left: number;
}

export function milestoneMarks(milestones: readonly Milestone[], range: Range): Mark[] {
  return milestones.map((milestone) => ({ milestone, left: fractionOf(Date.parse(milestone.at), range) * 100 }));
}

/** The milestone the clock is at or most recently passed, if any. */
export function currentMilestone(milestones: readonly Milestone[], at: number): Milestone | undefined {
  let current: Milestone | undefined;
  for (const m of milestones) if (Date.parse(m.at) <= at && (!current || Date.parse(m.at) >= Date.parse(current.at))) current = m;
  return current;
}
