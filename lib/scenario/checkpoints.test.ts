import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '../contract/events.ts';
import { applyEvents, project } from '../projection/picture.ts';
import * as make from '../testing/eventFactory.ts';
import { Checkpoints, rebased } from './checkpoints.ts';
import { numbered, Timeline } from './timeline.ts';

const START = Date.parse('2025-12-01T00:00:00-03:00');
const events = Array.from({ length: 95 }, (_, i) => {
  const occurredAt = new Date(START + i * 60_000).toISOString();
  const kinds = [
    make.unitPosition({ id: `u-${i}`, unitId: `U-${i % 7}`, occurredAt }),
    make.queueUpdate({ id: `q-${i}`, waiting: i, occurredAt }),
    make.incident({ id: `i-${i}`, incidentId: `I-${i % 5}`, occurredAt }),
    make.bulletin({ id: `b-${i}`, occurredAt }),
  ];
  return eventInputSchema.parse(kinds[i % kinds.length]);
});

describe('Checkpoints', () => {
  const line = new Timeline(events);
  const checkpoints = new Checkpoints(line, 10);

  it('start from the nearest checkpoint and give exactly the picture of projecting everything', () => {
    for (const count of [0, 9, 10, 37, 90, 95]) {
      const head = 1_000;
      const from = checkpoints.best(count);
      const k = from?.count ?? 0;
      expect(k).toBe(Math.floor(count / 10) * 10);
      const base = from ? rebased(from.picture, 'training:x', head) : project([]);
      const picture = applyEvents(base, numbered(line.slice(k, count), 'training:x', head + k + 1));
      const direct = project(numbered(line.slice(0, count), 'training:x', head + 1));
      expect(picture.feed.map((e) => e.seq)).toEqual(direct.feed.map((e) => e.seq));
      expect({ ...picture, seq: Math.max(picture.seq, head) }).toEqual({ ...direct, seq: Math.max(direct.seq, head) });
    }
  });

  it('never covers an instant after the first inject', () => {
    const firstInject = line.at(24).at; // checkpoints at 10 and 20 end before it; 30 would not
    expect(checkpoints.best(95, firstInject)?.count).toBe(20);
  });

  it('stop at the first national event: it is not for every reader', () => {
    const mixed = [...events];
    mixed[15] = eventInputSchema.parse(make.unitPosition({ id: 'secret', occurredAt: events[15].occurredAt, releasability: 'national' }));
    expect(new Checkpoints(new Timeline(mixed), 10).count).toBe(1);
  });
});
