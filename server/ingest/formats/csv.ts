/**
 * CSV: a header row naming columns from CSV_COLUMNS (any order, any subset that includes the
 * required ones), then one event per row. Read with csv-parse as a stream, so a long file never
 * sits in memory. Spreadsheets from Chile and Peru often write `;` between fields and a decimal
 * comma; the delimiter is taken from the header row, and with `;` a decimal comma is accepted.
 *
 * A row without an `id` gets one derived from its contents, so importing the same file twice
 * stores its rows once.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { CSV_COLUMNS, NUMERIC_CSV_COLUMNS, REQUIRED_CSV_COLUMNS, type CsvColumn } from './csvColumns.ts';
import type { ItemProblem } from '../../../lib/contract/http.ts';
import { FormatError, provenanceFor, type NormaliseContext, type Normalised } from './normalised.ts';

/** Longest record taken; csv-parse cannot skip past a longer one, so reading stops there. */
export const MAX_CSV_RECORD_BYTES = 64 * 1024;

export type CsvDelimiter = ',' | ';';

export interface CsvHeader {
  columns: CsvColumn[];
  delimiter: CsvDelimiter;
}

/** A record as read, or the syntax error that stopped reading. */
export type CsvRecord = { line: number; cells: string[] } | { line: number; stop: string };

const CANONICAL = new Map<string, CsvColumn>(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** Checks the header row: known columns (case does not matter), none twice, the required ones present. */
export function parseCsvHeader(cells: string[], delimiter: CsvDelimiter): CsvHeader {
  const problems: Array<ItemProblem & { line: number }> = [];
  const columns: CsvColumn[] = [];
  cells.forEach((cell, i) => {
    const column = CANONICAL.get(cell.trim().toLowerCase());
    if (!column) {
      problems.push({ line: 1, field: cell || `column ${i + 1}`, message: `unknown column; known columns: ${CSV_COLUMNS.join(', ')}` });
    } else if (columns.includes(column)) {
      problems.push({ line: 1, field: column, message: 'the column appears twice' });
    }
    if (column) columns.push(column);
  });
  for (const required of REQUIRED_CSV_COLUMNS) {
    if (!columns.includes(required)) problems.push({ line: 1, field: required, message: 'required column missing from the header' });
  }
  if (problems.length) throw new FormatError('the header row is not usable; nothing was read', problems);
  return { columns, delimiter };
}

/** Turns one data row into an event object; cells left empty are absent fields. */
export function normaliseCsvRow(header: CsvHeader, cells: string[], line: number, context: NormaliseContext): Normalised {
  if (cells.length !== header.columns.length) {
    return { line, problems: [{ field: '', message: `the header has ${header.columns.length} fields; this row has ${cells.length}` }] };
  }
  const problems: ItemProblem[] = [];
  const values = new Map<CsvColumn, string>();
  header.columns.forEach((column, i) => {
    const cell = cells[i].trim();
    if (cell !== '') values.set(column, cell);
  });

  const event: Record<string, unknown> = {};
  const provenance: Record<string, unknown> = {};
  for (const [column, cell] of values) {
    if (NUMERIC_CSV_COLUMNS.has(column)) {
      const number = parseNumber(cell, header.delimiter);
      if (number === null) {
        problems.push({ field: column, message: `"${cell}" is not a number` });
        continue;
      }
      if (column === 'lat' || column === 'lon') continue; // assembled into position below
      event[column] = number;
    } else if (column === 'source' || column === 'originalId') {
      provenance[column] = cell;
    } else if (column === 'synthetic') {
      const flag = parseFlag(cell);
      if (flag === null) problems.push({ field: column, message: `"${cell}" is not true or false` });
      else provenance.synthetic = flag;
    } else {
      event[column] = cell;
    }
  }

  const lat = values.get('lat');
  const lon = values.get('lon');
  if ((lat === undefined) !== (lon === undefined)) {
    problems.push({ field: lat === undefined ? 'lat' : 'lon', message: 'lat and lon go together: give both or neither' });
  } else if (lat !== undefined && lon !== undefined) {
    const position = { lat: parseNumber(lat, header.delimiter), lon: parseNumber(lon, header.delimiter) };
    if (position.lat !== null && position.lon !== null) event.position = position;
  }
  if (problems.length) return { line, problems };

  if (event.id === undefined) event.id = derivedId(header.columns, cells);
  event.provenance = {
    ...provenanceFor(
      'csv',
      (provenance.source as string | undefined) ?? context.source,
      (provenance.originalId as string | undefined) ?? values.get('id') ?? undefined,
    ),
    ...(provenance.synthetic !== undefined ? { synthetic: provenance.synthetic } : {}),
  };
  return { line, event };
}

/**
 * Reads records from a byte stream. The delimiter is chosen from the header line; a syntax error
 * csv-parse cannot recover from (an unclosed quote, a record over the size limit) ends reading
 * with a `stop` record, since the rows after it cannot be trusted to be read correctly.
 */
export async function* readCsvRecords(source: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecord & { delimiter: CsvDelimiter }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  for (;;) {
    if (head.some((b) => b.includes(0x0a)) || headBytes > MAX_CSV_RECORD_BYTES) break;
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    headBytes += chunk.length;
  }
  const delimiter = detectDelimiter(Buffer.concat(head).toString('utf8').split('\n', 1)[0]);

  async function* replay() {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: MAX_CSV_RECORD_BYTES,
  });
  const input = Readable.from(replay(), { objectMode: false });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      lastLine = info.lines;
      yield { line: info.lines, cells: record, delimiter };
    }
  } catch (error) {
    const csvError = error as CsvError & { lines?: number };
    const isSyntaxError = typeof csvError.code === 'string' && (csvError.code.startsWith('CSV_') || csvError.code.startsWith('INVALID_'));
    if (!isSyntaxError) throw error;
    // csv-parse names the line where it gave up (for an unclosed quote, the end of the input);
    // the record it could not read starts after the last one it did.
    yield {
      line: lastLine + 1,
      stop: `unreadable CSV from this line on (${csvError.message}); nothing from here to the end was read`,
      delimiter,
    };
  } finally {
    input.destroy();
  }
}

/** The delimiter of a header line: `;` when it has more of those than commas (outside quotes). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number; with `;` as delimiter a decimal comma ("-18,33") is accepted too. */
export function parseNumber(cell: string, delimiter: CsvDelimiter): number | null {
  const text = delimiter === ';' && /^[+-]?\d+,\d+$/.test(cell) ? cell.replace(',', '.') : cell;
  return NUMBER.test(text) ? Number(text) : null;
}

function parseFlag(cell: string): boolean | null {
  const value = cell.toLowerCase();
  if (['true', '1', 'yes', 'sí', 'si'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  return null;
}

/** A stable id from the row's contents: the same row imported again is the same event. */
function derivedId(columns: CsvColumn[], cells: string[]): string {
  const canonical = JSON.stringify(columns.map((c, i) => [c, cells[i].trim()]).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `csv-${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}
