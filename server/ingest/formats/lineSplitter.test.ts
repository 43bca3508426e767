import { describe, expect, it } from 'vitest';
import { splitLines, type SplitLine } from './lineSplitter.ts';

async function collect(chunks: Array<string | Buffer>, max = 16): Promise<Array<string | { tooLong: number; line: number }>> {
  async function* source() {
    yield* chunks;
  }
  const out: Array<string | { tooLong: number; line: number }> = [];
  for await (const item of splitLines(source(), max) as AsyncGenerator<SplitLine>) {
    out.push(item.tooLong ? { tooLong: item.length, line: item.line } : `${item.line}:${item.bytes.toString('utf8')}`);
  }
  return out;
}

describe('splitLines', () => {
  it('numbers lines from 1, across chunk boundaries, with or without a final newline', async () => {
    expect(await collect(['ab', 'c\nde', 'f\n\ngh'])).toEqual(['1:abc', '2:def', '3:', '4:gh']);
    expect(await collect(['one\n'])).toEqual(['1:one']);
    expect(await collect([])).toEqual([]);
  });

  it('drops a Windows carriage return at the end of a line', async () => {
    expect(await collect(['a\r\nb\r', '\n'])).toEqual(['1:a', '2:b']);
  });

  it('keeps multi-byte characters split between chunks intact', async () => {
    const bytes = Buffer.from('ñandú\n');
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual(['1:ñandú']);
  });

  it('reports a line over the limit without buffering it, and goes on with the next line', async () => {
    const long = 'x'.repeat(40);
    expect(await collect(['ok\n', long.slice(0, 10), long.slice(10), '\nafter\n'])).toEqual(['1:ok', { tooLong: 40, line: 2 }, '3:after']);
    expect(await collect(['x'.repeat(16) + '\n' + 'y'.repeat(17)])).toEqual(['1:' + 'x'.repeat(16), { tooLong: 17, line: 2 }]);
  });
});
