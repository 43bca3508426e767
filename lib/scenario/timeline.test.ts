import { describe, expect, it } from 'vitest';
import { project, applyEvents, emptyPicture } from '../projection/picture.ts';
import * as make from '../testing/eventFactory.ts';
import { eventInputSchema } from '../contract/events.ts';
import { comparablePicture, mergeByTime, numbered, Timeline } from './timeline.ts';

const at = (hhmm: string) => `2025-12-01T${hhmm}:00-03:00`;
const parse = (e: ReturnType<typeof make.bulletin>) => eventInputSchema.parse(e);

describe('Timeline', () => {
  const events = [
    parse(make.bulletin({ id: 'c', occurredAt: at('12:00') })),
    parse(make.bulletin({ id: 'a', occurredAt: at('10:00') })),
    parse(make.bulletin({ id: 'b1', occurredAt: at('11:00') })),
    parse(make.bulletin({ id: 'b2', occurredAt: '2025-12-01T09:00:00-05:00' })), // 11:00 in Chile
  ];

  it('sorts by instant whatever the offset, keeping file order on ties', () => {
    const line = new Timeline(events);
    expect(line.slice(0, line.length).map((t) => t.event.id)).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('finds everything at or before an instant', () => {
    const line = new Timeline(events);
    expect(line.countThrough(Date.parse(at('09:59')))).toBe(0);
    expect(line.countThrough(Date.parse(at('11:00')))).toBe(3);
    expect(line.countThrough(Date.parse(at('23:00')))).toBe(4);
  });

  it('inserts injects after events already at the same instant, and merges scenario first on ties', () => {
    const scenario = new Timeline(events);
    const injects = new Timeline();
    injects.insert(parse(make.bulletin({ id: 'i2', occurredAt: at('11:30') })));
    injects.insert(parse(make.bulletin({ id: 'i1', occurredAt: at('11:00') })));
    const merged = mergeByTime(scenario.slice(0, 4), injects.slice(0, 2));
    expect(merged.map((t) => t.event.id)).toEqual(['a', 'b1', 'b2', 'i1', 'i2', 'c']);
  });

  it('gives the same comparable picture released at once or in batches with other seqs', () => {
    const line = new Timeline(events);
    const all = line.slice(0, line.length);
    const atOnce = project(numbered(all, 'training:x', 1));
    let stepwise = emptyPicture();
    stepwise = applyEvents(stepwise, numbered(all.slice(0, 1), 'training:x', 500));
    stepwise = applyEvents(stepwise, numbered(all.slice(1), 'training:x', 501));
    expect(comparablePicture(stepwise)).toEqual(comparablePicture(atOnce));
    expect(stepwise.seq).not.toBe(atOnce.seq);
  });

  it('dates receipt in exercise time: on time for the scenario, late for a back-dated inject', () => {
    const injects = new Timeline();
    const placed = injects.insert(parse(make.bulletin({ id: 'late', occurredAt: at('10:00') })), Date.parse(at('10:30')));
    const [scenarioEvent, inject] = numbered([new Timeline(events).at(0), placed], 'training:x', 1);
    expect(scenarioEvent.receivedAt).toBe(new Date(at('10:00')).toISOString());
    expect(inject.receivedAt).toBe(new Date(at('10:30')).toISOString());
    expect(
      injects.insert(parse(make.bulletin({ id: 'ahead', occurredAt: at('11:00') })), Date.parse(at('10:30'))).enteredAt,
    ).toBeUndefined();
  });
});
