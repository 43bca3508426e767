/**
 * A small seeded random source, so the same seed always gives the same scenario byte for byte.
 * xmur3 turns the seed string into 32 bits, mulberry32 generates from it: a dozen lines, well
 * known, and good enough for jitter in synthetic data (not for anything secret).
 */
import { mulberry32 } from '../../lib/random/prng.ts';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** Roughly normal (mean 0, sd 1): the sum of uniforms, bounded, which is what jitter needs. */
  gauss(): number;
  pick<T>(items: readonly T[]): T;
  /** A source of its own, so adding draws in one part of the generator does not shift another. */
  fork(label: string): Random;
}

function xmur3(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

export function seededRandom(seed: string): Random {
  const next = mulberry32(xmur3(seed));
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    gauss: () => next() + next() + next() + next() + next() + next() - 3,
    pick: (items) => items[Math.floor(next() * items.length)],
    fork: (label) => seededRandom(`${seed}/${label}`),
  };
  return random;
}
