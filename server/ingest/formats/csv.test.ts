import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, normaliseCsvRow, parseCsvHeader, parseNumber, readCsvRecords, type CsvHeader } from './csv.ts';
import { FormatError, type Normalised } from './normalised.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** What the CSV route does: header first, then each row; a stop record ends reading. */
async function normalise(input: Buffer | string): Promise<Array<Normalised | { stop: string; line: number }>> {
  const out: Array<Normalised | { stop: string; line: number }> = [];
  let header: CsvHeader | undefined;
  for await (const record of readCsvRecords(Readable.from([typeof input === 'string' ? Buffer.from(input) : input]))) {
    if ('stop' in record) {
      out.push({ line: record.line, stop: record.stop });
      break;
    }
    if (!header) header = parseCsvHeader(record.cells, record.delimiter);
    else out.push(normaliseCsvRow(header, record.cells, record.line, { source: 'pdi-csv' }));
  }
  return out;
}

const problemsByLine = (items: Awaited<ReturnType<typeof normalise>>) =>
  Object.fromEntries(
    items.map((i) => [i.line, 'stop' in i ? i.stop : 'problems' in i ? i.problems.map((p) => `${p.field}: ${p.message}`) : 'ok']),
  );

describe('CSV normaliser', () => {
  it('maps columns to event fields: lat/lon to position, numbers as numbers, source and ids to provenance', async () => {
    const expected = JSON.parse(fixture('pdi-shift.json').toString('utf8'));
    const items = await normalise(fixture('pdi-shift.csv'));
    expect(items).toEqual(expected.map((event: object, i: number) => ({ line: i + 2, event })));
  });

  it('reads a Spanish-locale spreadsheet (BOM, ";" between fields, decimal comma, CRLF) as the same events', async () => {
    const semicolon = await normalise(fixture('pdi-shift-semicolon.csv'));
    const comma = await normalise(fixture('pdi-shift.csv'));
    expect(semicolon.map((i) => ('event' in i ? i.event : i))).toEqual(comma.map((i) => ('event' in i ? i.event : i)));
  });

  it('reports each bad row by line, and stops at quoting it cannot read past', async () => {
    const byLine = problemsByLine(await normalise(fixture('pdi-bad-rows.csv')));
    expect(byLine).toEqual({
      2: 'ok',
      3: [': the header has 11 fields; this row has 6'],
      4: ['waiting: "muchos" is not a number'],
      5: ['lon: lat and lon go together: give both or neither'],
      6: 'ok', // another agency's row: refused later, when checked against the credential
      7: 'ok', // a bad time and a negative count: refused later, by the contract's schema
      9: 'ok',
      10: expect.stringMatching(/^unreadable CSV from this line on \(Quote Not Closed.*\); nothing from here to the end was read$/),
    });
  });

  it('derives a stable id from the row when the id column is empty', async () => {
    const csv = 'type,agency,occurredAt,post,direction,waiting\nqueue.update,pdi,2025-12-14T12:00:00-03:00,chacalluta,to-chile,85\n';
    const [first] = await normalise(csv);
    const [again] = await normalise(csv);
    const [other] = await normalise(csv.replace(',85', ',86'));
    expect('event' in first && first.event.id).toMatch(/^csv-[0-9a-f]{32}$/);
    expect('event' in again && again.event.id).toBe('event' in first && first.event.id);
    expect('event' in other && other.event.id).not.toBe('event' in first && first.event.id);
    // No id from the sender, so no originalId either.
    expect('event' in first && first.event.provenance).toEqual({ source: 'pdi-csv', format: 'csv' });
  });

  it('refuses a header with unknown, repeated or missing columns before reading any row', () => {
    const attempt = () => parseCsvHeader(['id', 'Type', 'agency', 'fecha', 'agency'], ',');
    expect(attempt).toThrow(FormatError);
    try {
      attempt();
    } catch (error) {
      expect((error as FormatError).problems.map((p) => `${p.line} ${p.field}: ${p.message.split(';')[0]}`)).toEqual([
        '1 fecha: unknown column',
        '1 agency: the column appears twice',
        '1 occurredAt: required column missing from the header',
      ]);
    }
  });

  it('takes the delimiter from the header and decimal commas only with ";"', () => {
    expect(detectDelimiter('id;type;agency;"a,b"')).toBe(';');
    expect(detectDelimiter('id,type,agency')).toBe(',');
    expect(parseNumber('-18,33', ';')).toBe(-18.33);
    expect(parseNumber('-18,33', ',')).toBeNull();
    expect(parseNumber('1e3', ',')).toBe(1000);
    expect(parseNumber('12 personas', ',')).toBeNull();
    expect(parseNumber('0x10', ',')).toBeNull();
  });
});
