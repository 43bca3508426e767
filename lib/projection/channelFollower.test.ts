import { describe, expect, it } from 'vitest';
import { ChannelFollower } from './channelFollower.ts';
import { emptyPicture } from './picture.ts';
import * as make from '../testing/eventFactory.ts';

const batch = (after: number, through: number) => ({
  channel: 'live',
  after,
  through,
  events: make.stored(
    Array.from({ length: through - after }, () => make.bulletin()),
    'live',
    after + 1,
  ),
});

describe('ChannelFollower', () => {
  it('applies batches in order and ignores ones it already holds', () => {
    const f = new ChannelFollower('live');
    expect(f.receive(batch(0, 2))).toBe('applied');
    expect(f.receive(batch(2, 3))).toBe('applied');
    expect(f.receive(batch(1, 3))).toBe('ignored');
    expect(f.seq).toBe(3);
    expect(f.picture.feed.map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('reports a gap without applying anything', () => {
    const f = new ChannelFollower('live');
    f.receive(batch(0, 2));
    expect(f.receive(batch(4, 5))).toBe('gap');
    expect(f.seq).toBe(2);
    expect(f.isBehind(5)).toBe(true);
  });

  it('applies only the missing part of an overlapping batch', () => {
    const f = new ChannelFollower('live');
    f.receive(batch(0, 2));
    expect(f.receive(batch(1, 4))).toBe('applied');
    expect(f.picture.feed.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
  });

  it('advances over runs it may not see (empty batches)', () => {
    const f = new ChannelFollower('live');
    f.reset({ channel: 'live', seq: 10, picture: emptyPicture() });
    expect(f.receive({ channel: 'live', after: 10, through: 12, events: [] })).toBe('applied');
    expect(f.resumeFrom()).toBe(12);
  });

  it('gives the same picture whether read after every batch or once after many', () => {
    const eager = new ChannelFollower('live');
    const lazy = new ChannelFollower('live');
    const units = ['PDI-1', 'PDI-2', 'PDI-3'];
    let seq = 0;
    for (let round = 0; round < 20; round++) {
      const events = make.stored(
        units.map((unitId, i) =>
          make.unitPosition({ agency: 'pdi', unitId, position: { lat: -18.4 + round * 0.001, lon: -70.3 + i * 0.001 } }),
        ),
        'live',
        seq + 1,
      );
      const next = { channel: 'live', after: seq, through: seq + events.length, events };
      seq = next.through;
      eager.receive(next);
      void eager.picture; // read every time
      lazy.receive(next);
    }
    expect(lazy.seq).toBe(seq);
    expect(lazy.picture).toEqual(eager.picture);
    expect(lazy.picture.units['pdi/PDI-2'].position.lat).toBeCloseTo(-18.4 + 19 * 0.001);
  });

  it('asks for a snapshot until it has a starting point', () => {
    expect(new ChannelFollower('live').resumeFrom()).toBeUndefined();
  });
});
