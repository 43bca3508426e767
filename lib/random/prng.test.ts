import { describe, expect, it } from 'vitest';
import { between, mulberry32, pick } from './prng.ts';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, pinned so simulated traffic and scenarios stay reproducible', () => {
    const random = mulberry32(2025);
    expect([random(), random(), random()]).toEqual([0.425480789039284, 0.6139415160287172, 0.2061573399696499]);
  });

  it('stays in [0, 1), and between and pick stay in range', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      expect(between(random, 3, 5)).toBeGreaterThanOrEqual(3);
      expect(['a', 'b']).toContain(pick(random, ['a', 'b']));
    }
  });
});
