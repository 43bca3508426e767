import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generateScenario } from './generate-scenario.ts';

describe('generate-scenario', () => {
  it('is deterministic: the same seed gives byte-identical output', () => {
    expect(generateScenario('determinism-check')).toBe(generateScenario('determinism-check'));
  });

  it('depends on the seed: another seed moves the synthetic parts', () => {
    expect(generateScenario('seed-a')).not.toBe(generateScenario('seed-b'));
  });

  it('produced the committed file (regenerate with `npm run scenario` after changing the generator)', () => {
    const committed = readFileSync(new URL('../data/scenarios/dec-2025.json', import.meta.url), 'utf8');
    expect(generateScenario(DEFAULT_SEED) === committed).toBe(true);
  });
});
