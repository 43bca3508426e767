import { describe, expect, it } from 'vitest';
import { project } from '@/lib/projection/picture.ts';
import * as make from '@/lib/testing/eventFactory.ts';
import { isQueueOld, queueSlots, sparklineWindow, SPARKLINE_HOURS } from '@/components/wall/queueSlots.ts';

const t = (minutes: number) => new Date(Date.UTC(2025, 11, 1, 17, 0) + minutes * 60_000).toISOString();

describe('queueSlots', () => {
  it('lists every post and direction, with data first, each group in fixed order', () => {
    const picture = project(
      make.stored([
        make.queueUpdate({ post: 'chacalluta', direction: 'to-chile', occurredAt: t(0) }),
        make.queueUpdate({ post: 'santa-rosa', direction: 'to-peru', occurredAt: t(1) }),
      ]),
    );
    expect(queueSlots(picture).map((s) => [s.key, Boolean(s.queue)])).toEqual([
      ['santa-rosa/to-peru', true],
      ['chacalluta/to-chile', true],
      ['santa-rosa/to-chile', false],
      ['chacalluta/to-peru', false],
    ]);
  });
});

describe('isQueueOld', () => {
  it('calls a queue old after half an hour without an update', () => {
    const picture = project(make.stored([make.queueUpdate({ occurredAt: t(0) })]));
    const queue = picture.queues['santa-rosa/to-peru'];
    expect(isQueueOld(queue, Date.parse(t(30)))).toBe(false);
    expect(isQueueOld(queue, Date.parse(t(31)))).toBe(true);
  });
});

describe('sparklineWindow', () => {
  const queueOf = (minutes: number[]) =>
    project(make.stored(minutes.map((m) => make.queueUpdate({ occurredAt: t(m) })))).queues['santa-rosa/to-peru'];

  it('ends at now, or at the newest point when now is unknown or behind it', () => {
    const queue = queueOf([0]);
    expect(sparklineWindow(queue, Date.parse(t(90))).to).toBe(Date.parse(t(90)));
    expect(sparklineWindow(queue, undefined).to).toBe(Date.parse(t(0)));
    expect(sparklineWindow(queue, Date.parse(t(-5))).to).toBe(Date.parse(t(0)));
  });

  it('fits the data held: half an hour of counts fills a 30-minute chart, not a sliver of 6 h', () => {
    expect(sparklineWindow(queueOf([0, 10, 20]), Date.parse(t(25)))).toEqual({
      from: Date.parse(t(-5)),
      to: Date.parse(t(25)),
      spanMinutes: 30,
    });
    expect(sparklineWindow(queueOf([0, 50]), Date.parse(t(70))).spanMinutes).toBe(120);
  });

  it('never shows more than SPARKLINE_HOURS', () => {
    const queue = queueOf([0, 60 * 10]);
    const window = sparklineWindow(queue, Date.parse(t(60 * 10)));
    expect(window.spanMinutes).toBe(SPARKLINE_HOURS * 60);
    expect(window.to - window.from).toBe(SPARKLINE_HOURS * 3_600_000);
  });
});
