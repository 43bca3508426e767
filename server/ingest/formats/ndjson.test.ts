import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitLines } from './lineSplitter.ts';
import { MAX_NDJSON_LINE_BYTES, normaliseNdjsonLine } from './ndjson.ts';
import type { Normalised } from './normalised.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

async function normalise(input: Buffer | string): Promise<Normalised[]> {
  const out: Normalised[] = [];
  for await (const split of splitLines([typeof input === 'string' ? Buffer.from(input) : input], MAX_NDJSON_LINE_BYTES)) {
    const item = normaliseNdjsonLine(split, { source: 'pnp-avl' });
    if (item) out.push(item);
  }
  return out;
}

describe('NDJSON normaliser', () => {
  it('turns each line into the event it holds, adding provenance unless the line brings its own', async () => {
    const items = await normalise(fixture('pnp-events.ndjson'));
    const lines = fixture('pnp-events.ndjson').toString('utf8').split('\n');
    expect(items.map((i) => i.line)).toEqual([1, 2, 4, 5]); // line 3 is blank: skipped, not an error
    expect(items[0]).toEqual({
      line: 1,
      event: { ...JSON.parse(lines[0]), provenance: { source: 'pnp-avl', format: 'ndjson', originalId: 'pnp-avl-USE-1-0001' } },
    });
    // The incident names its own source system: kept as sent.
    expect(items[3]).toEqual({ line: 5, event: JSON.parse(lines[4]) });
  });

  it('reports a line that is not JSON, not an object, not UTF-8 or too long, by its line number', async () => {
    const long = JSON.stringify({ text: 'x'.repeat(MAX_NDJSON_LINE_BYTES) });
    const input = Buffer.concat([
      Buffer.from('{"id":\n[1,2]\n"just a string"\n'),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from(`${long}\n{"id":"ok"}\n`),
    ]);
    const items = await normalise(input);
    expect(items.map((i) => ('problems' in i ? [i.line, i.problems[0].message] : [i.line, 'ok']))).toEqual([
      [1, expect.stringMatching(/^not JSON: /)],
      [2, 'each line must be one event (a JSON object); this one is an array'],
      [3, 'each line must be one event (a JSON object); this one is string'],
      [4, 'the line is not valid UTF-8'],
      [5, `the line is ${long.length} bytes long; at most ${MAX_NDJSON_LINE_BYTES} are taken`],
      [6, 'ok'],
    ]);
  });
});
