import { describe, expect, it } from 'vitest';
import { project } from '../../lib/projection/picture.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { isQueueOld, queueSlots, sparklineWindow, SPARKLINE_HOURS } from './queueSlots.ts';

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
  it('ends at now, or at the newest point when now is unknown or behind it', () => {
    const picture = project(make.stored([make.queueUpdate({ occurredAt: t(0) })]));
    const queue = picture.queues['santa-rosa/to-peru'];
    const span = SPARKLINE_HOURS * 3_600_000;
    expect(sparklineWindow(queue, Date.parse(t(90)))).toEqual({ from: Date.parse(t(90)) - span, to: Date.parse(t(90)) });
    expect(sparklineWindow(queue, undefined).to).toBe(Date.parse(t(0)));
    expect(sparklineWindow(queue, Date.parse(t(-5))).to).toBe(Date.parse(t(0)));
  });
});
