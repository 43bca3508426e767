import { describe, expect, it } from 'vitest';
import { waitTimesReplySchema, type WaitTime, type WaitTimesReply } from './waitTimes.ts';
import { readWaitTimesReply } from './waitTimesReader.ts';

const ROW: WaitTime = {
  post: 'chacalluta',
  postName: 'Complejo Fronterizo Chacalluta',
  direction: 'to-peru',
  waiting: 140,
  waitMinutes: 45,
  updatedAt: '2025-12-01T14:55:00Z',
};
const VALID: WaitTimesReply = {
  generatedAt: '2025-12-01T15:00:00.123-03:00',
  waitTimes: [ROW, { ...ROW, post: 'santa-rosa', waitMinutes: undefined }],
};

const INSTANTS = [
  '2025-12-01T15:00:00Z',
  '2025-12-01T15:00:00.5+05:30',
  '2025-12-01T15:00Z',
  '2025-12-01',
  '2025-12-01T15:00:00',
  '2025-12-01 15:00:00Z',
  '2024-02-29T00:00:00Z',
  '2025-02-29T00:00:00Z',
  '2025-04-31T00:00:00Z',
  '2025-12-01T24:00:00Z',
  '2025-12-01T15:00:00+24:00',
  1764601200000,
  null,
];

const ROW_REPLACEMENTS: Record<string, unknown[]> = {
  post: ['santa-rosa', 'tacna', '', 3, undefined],
  postName: ['', 'x', 3, null, undefined],
  direction: ['to-chile', 'north', undefined],
  waiting: [0, -1, 1.5, '140', 2 ** 53, Number.NaN, undefined],
  waitMinutes: [0, -1, 2.5, '45', null, undefined],
  updatedAt: [...INSTANTS, undefined],
  extra: ['x'],
};

function variants(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [
    ['valid', VALID],
    ['no rows', { ...VALID, waitTimes: [] }],
    ['null', null],
    ['array', [VALID]],
    ['rows not an array', { ...VALID, waitTimes: ROW }],
    ['extra top-level key', { ...VALID, cached: true }],
    ['a row that is not an object', { ...VALID, waitTimes: [ROW, 'row'] }],
  ];
  for (const value of INSTANTS) out.push([`generatedAt = ${String(value)}`, { ...VALID, generatedAt: value }]);
  for (const [key, values] of Object.entries(ROW_REPLACEMENTS)) {
    for (const value of values) out.push([`row.${key} = ${String(value)}`, { ...VALID, waitTimes: [ROW, { ...ROW, [key]: value }] }]);
  }
  return out;
}

describe('readWaitTimesReply, the public board’s zod-free reader', () => {
  it.each(variants())('agrees with waitTimesReplySchema: %s', (_name, value) => {
    const parsed = waitTimesReplySchema.safeParse(value);
    expect(readWaitTimesReply(value)).toEqual(parsed.success ? parsed.data : null);
  });

  it('reads a valid reply whole', () => {
    expect(readWaitTimesReply(VALID)?.waitTimes).toHaveLength(2);
  });
});
