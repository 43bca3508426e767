import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '@/components/realtime/throttle.ts';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('writes the first value at once, then only the newest, at most once per interval', () => {
    const written: number[] = [];
    const t = throttle((v: number) => written.push(v), 5_000);
    t.push(1);
    expect(written).toEqual([1]);
    t.push(2);
    t.push(3);
    vi.advanceTimersByTime(4_999);
    expect(written).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(written).toEqual([1, 3]);
    vi.advanceTimersByTime(20_000);
    expect(written).toEqual([1, 3]); // nothing new: nothing written
    t.push(4); // the interval since the last write has passed
    expect(written).toEqual([1, 3, 4]);
  });

  it('flush writes what waits now and restarts the interval; cancel drops it', () => {
    const written: string[] = [];
    const t = throttle((v: string) => written.push(v), 5_000);
    t.push('a');
    t.push('b');
    t.flush();
    expect(written).toEqual(['a', 'b']);
    t.flush();
    expect(written).toEqual(['a', 'b']);
    t.push('c');
    t.cancel();
    vi.advanceTimersByTime(10_000);
    expect(written).toEqual(['a', 'b']);
  });
});
