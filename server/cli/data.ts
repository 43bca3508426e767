/**
 * The data command line: import a file into a running Concordia and export a time range from it,
 * over the same HTTP API agency systems use (POST /api/ingest/<format>, GET /api/export), with an
 * agency key. Going through the server keeps one ingest path and one set of checks, and is safe
 * while the server runs. Documented in docs/ingest.md.
 *
 *   npm run data -- import shift.csv --key $KEY --dry-run
 *   npm run data -- import export.ndjson --restore --credentials data/initial-credentials.json
 *   npm run data -- export --from 2025-12-14T00:00:00-03:00 --to 2025-12-15T00:00:00-03:00 --out day.ndjson --key $KEY
 *
 * One command works on the files instead, with the server stopped (server/cli/migrateToPostgres.ts):
 *
 *   npm run data -- migrate-to-postgres --to postgres://concordia@localhost/concordia --data-dir ./data
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { splitLines } from '../ingest/formats/lineSplitter.ts';
import { MAX_NDJSON_LINE_BYTES } from '../ingest/formats/ndjson.ts';
import {
  errorReplySchema,
  INGEST_FORMATS,
  ingestReportSchema,
  type IngestFormat,
  type IngestReport,
  type LineFailure,
} from '../../lib/contract/http.ts';
import { emptyIngestReport } from '../ingest/formats/lineByLineIngest.ts';
import { EXPORT_FORMATS } from '../export/exportFormats.ts';
import { CredentialsFileError, keysByAgency, readInitialCredentials } from '../auth/initialCredentials.ts';
import { EnvironmentError, readDataCliConfig } from '../config.ts';
import { MigrationRefused, migrateToPostgres } from './migrateToPostgres.ts';

const USAGE = `Usage: npm run data -- <command> [options]
  import <file> [--format ndjson|csv|cot|geojson] [--dry-run] [--channel <channel>] [--source <name>]
         [--restore]   an NDJSON export: events are stored exactly as exported (no provenance added)
  export [--format ndjson|csv|geojson] [--from <ISO time>] [--to <ISO time>] [--after <seq>] [--through <seq>]
         [--channel <channel>] [--out <file>]
  migrate-to-postgres --to <postgres://…> [--data-dir <dir>] [--force]
         copies a SQLite data dir (default CONCORDIA_DATA_DIR, else ./data) into PostgreSQL: the
         event log (seqs kept), accounts, keys, sessions, devices, TAK certificates, audit trail
         and exercise sessions. Stop the server first. A target holding other data is refused
         unless --force (empties its event log; accounts already there are kept). Safe to re-run.
Connection:
  --url <url>            the server (default: CONCORDIA_URL, else http://localhost:3000)
  --key <agency key>     the credential (default: CONCORDIA_KEY)
  --credentials <file>   an initial-credentials.json instead of --key: import sends each NDJSON
                         line with its own agency's key; --as <agency> picks the key otherwise
The format is taken from the file name (.ndjson .jsonl .csv .xml .cot .geojson) unless given.`;

export class UsageError extends Error {}

export interface DataIo {
  /** Report lines (stdout). */
  out(line: string): void;
  /** Progress and errors (stderr). */
  err(line: string): void;
  /** Where `export` without --out writes. */
  stdout: Writable;
  /** Read by config.ts (CONCORDIA_URL, PORT, CONCORDIA_KEY); the process's environment when absent. */
  env?: Record<string, string | undefined>;
}

/** Lines sent in one request when importing a multi-agency file: each run of one agency. */
const MAX_LINES_PER_REQUEST = 5_000;
/** Attempts when the server says "too many requests". */
const MAX_RATE_LIMIT_RETRIES = 20;

/** Runs a command; resolves with the process exit code (0 ok, 1 some lines failed, 2 usage). */
export async function runData(argv: string[], io: DataIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      credentials: { type: 'string' },
      as: { type: 'string' },
      format: { type: 'string' },
      channel: { type: 'string' },
      source: { type: 'string' },
      'dry-run': { type: 'boolean' },
      restore: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      after: { type: 'string' },
      through: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const [command, file] = positionals;
  const config = readDataCliConfig(io.env);
  const url = values.url?.replace(/\/$/, '') ?? config.url;
  const keys = values.credentials ? keysByAgency(readInitialCredentials(values.credentials)) : null;
  const singleKey = () => {
    const key = values.key ?? (keys && values.as ? keys.get(values.as) : undefined) ?? config.key;
    if (!key) throw new UsageError('give --key (or CONCORDIA_KEY), or --credentials with --as <agency>');
    return key;
  };

  if (command === 'import') {
    if (!file) throw new UsageError(`import needs a file\n\n${USAGE}`);
    const format = importFormat(values.format, file);
    const query = new URLSearchParams();
    if (values.channel) query.set('channel', values.channel);
    if (values.source) query.set('source', values.source);
    if (values['dry-run']) query.set('dryRun', 'true');
    if (values.restore) {
      if (format !== 'ndjson') throw new UsageError('--restore takes an NDJSON export');
      query.set('restore', 'true');
    }
    const endpoint = `${url}/api/ingest/${format}?${query}`;
    const report =
      keys && !values.as && format === 'ndjson'
        ? await importByAgency(endpoint, file, keys, io)
        : await send(endpoint, format, () => createReadStream(file), singleKey());
    printReport(report, io);
    return report.failed > 0 ? 1 : 0;
  }

  if (command === 'export') {
    const format = values.format ?? 'ndjson';
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const query = new URLSearchParams({ format });
    for (const name of ['channel', 'from', 'to', 'after', 'through'] as const) {
      const value = values[name];
      if (value !== undefined) query.set(name, value);
    }
    const res = await withRetries(() => fetch(`${url}/api/export?${query}`, { headers: { authorization: `Bearer ${singleKey()}` } }));
    if (res.status !== 200 || !res.body) throw new UsageError(await describeError(res));
    const target = values.out ? createWriteStream(values.out) : io.stdout;
    // stdout is not ours to close: end only a file.
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), target, { end: Boolean(values.out) });
    io.err(`exported ${format} through seq ${res.headers.get('x-concordia-through')}${values.out ? ` to ${values.out}` : ''}`);
    return 0;
  }

  if (command === 'migrate-to-postgres') {
    // `--to` is also export's time bound; here it is the target database.
    const target = values.to;
    if (!target || !/^postgres(ql)?:\/\/\S+$/.test(target)) throw new UsageError(`migrate-to-postgres needs --to postgres://…\n\n${USAGE}`);
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : config.dataDir;
    try {
      const report = await migrateToPostgres({ dataDir, to: target, force: values.force, progress: io.err });
      const events = Object.values(report.channels).reduce((sum, c) => sum + c.events, 0);
      const copied = Object.values(report.channels).reduce((sum, c) => sum + c.copied, 0);
      io.out(
        `migrated ${dataDir} to PostgreSQL: ${events} events on ${Object.keys(report.channels).length} channels (${copied} copied now), ` +
          `${report.accounts.users?.read ?? 0} accounts, ${report.audit} audit entries, ${report.sessions} exercise sessions copied`,
      );
      return 0;
    } catch (error) {
      if (error instanceof MigrationRefused) {
        io.err(error.message);
        return 2;
      }
      throw error;
    }
  }

  throw new UsageError(USAGE);
}

function importFormat(given: string | undefined, file: string): IngestFormat {
  if (given) {
    if (!(INGEST_FORMATS as readonly string[]).includes(given))
      throw new UsageError(`--format must be one of ${INGEST_FORMATS.join(', ')}`);
    return given as IngestFormat;
  }
  const byExtension: Record<string, IngestFormat> = {
    '.ndjson': 'ndjson',
    '.jsonl': 'ndjson',
    '.csv': 'csv',
    '.xml': 'cot',
    '.cot': 'cot',
    '.geojson': 'geojson',
  };
  const format = byExtension[path.extname(file).toLowerCase()];
  if (!format) throw new UsageError(`cannot tell the format of ${file}; give --format`);
  return format;
}

const CONTENT_TYPES: Record<IngestFormat, string> = {
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
  cot: 'application/xml',
  geojson: 'application/geo+json',
};

/** One upload; the body is made afresh for each attempt (a 429 is retried after Retry-After). */
async function send(endpoint: string, format: IngestFormat, body: () => Readable | string, key: string): Promise<IngestReport> {
  const res = await withRetries(() => {
    const made = body();
    return fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': CONTENT_TYPES[format] },
      body: typeof made === 'string' ? made : (Readable.toWeb(made) as ReadableStream),
      duplex: 'half',
    } as RequestInit);
  });
  if (res.status !== 200) throw new UsageError(await describeError(res));
  const report = ingestReportSchema.safeParse(await res.json().catch(() => null));
  if (!report.success) throw new UsageError(`${endpoint} answered 200 with a body that is not an ingest report`);
  return report.data;
}

async function withRetries(request: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await request();
    if (res.status !== 429 || attempt >= MAX_RATE_LIMIT_RETRIES) return res;
    await res.body?.cancel();
    const seconds = Number(res.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000));
  }
}

/**
 * An NDJSON file holding several agencies' events (an export being restored): consecutive lines
 * of one agency go in one request with that agency's key, in file order, so the events keep
 * their order in the new store. Line numbers in the report are the file's.
 */
async function importByAgency(endpoint: string, file: string, keys: Map<string, string>, io: DataIo): Promise<IngestReport> {
  const { searchParams } = new URL(endpoint);
  const total = emptyIngestReport('ndjson', searchParams.get('channel') ?? 'live', searchParams.get('dryRun') === 'true');
  const localFailure = (failure: LineFailure) => {
    total.received += 1;
    total.failed += 1;
    total.failures.push(failure);
  };
  let run: { agency: string; lines: string[]; numbers: number[] } | null = null;
  const flush = async () => {
    if (!run || run.lines.length === 0) return;
    const { agency, lines, numbers } = run;
    run = null;
    const report = await send(endpoint, 'ndjson', () => `${lines.join('\n')}\n`, keys.get(agency)!);
    total.received += report.received;
    total.valid += report.valid;
    total.accepted += report.accepted;
    total.duplicates += report.duplicates;
    total.failed += report.failed;
    total.unlistedFailures += report.unlistedFailures;
    for (const failure of report.failures) total.failures.push({ ...failure, line: numbers[failure.line - 1] ?? failure.line });
    io.err(`… ${total.received} lines sent`);
  };

  for await (const split of splitLines(createReadStream(file), MAX_NDJSON_LINE_BYTES)) {
    if (split.tooLong) {
      localFailure({
        line: split.line,
        problems: [{ field: '', message: `the line is ${split.length} bytes long; at most ${MAX_NDJSON_LINE_BYTES} are taken` }],
      });
      continue;
    }
    const text = split.bytes.toString('utf8');
    if (text.trim() === '') continue;
    const agency = agencyOf(text);
    if (!agency || !keys.has(agency)) {
      localFailure({
        line: split.line,
        problems: [
          {
            field: 'agency',
            message: agency
              ? `no key for ${agency} in the credentials file`
              : 'not an event with an agency: cannot tell which key to send it with',
          },
        ],
      });
      continue;
    }
    if (run && (run.agency !== agency || run.lines.length >= MAX_LINES_PER_REQUEST)) await flush();
    run ??= { agency, lines: [], numbers: [] };
    run.lines.push(text);
    run.numbers.push(split.line);
  }
  await flush();
  total.failures.sort((a, b) => a.line - b.line);
  return total;
}

function agencyOf(line: string): string | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    const agency = typeof value === 'object' && value !== null ? (value as { agency?: unknown }).agency : undefined;
    return typeof agency === 'string' ? agency : undefined;
  } catch {
    return undefined;
  }
}

function printReport(report: IngestReport, io: DataIo): void {
  const verb = report.dryRun ? 'dry run: nothing stored;' : '';
  io.out(
    `${verb} ${report.received} read, ${report.valid} valid, ${report.accepted} accepted, ${report.duplicates} duplicates, ${report.failed} failed`.trim(),
  );
  for (const failure of report.failures) {
    for (const problem of failure.problems) {
      io.out(`line ${failure.line}${failure.id ? ` (${failure.id})` : ''}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`);
    }
  }
  if (report.unlistedFailures) io.out(`… and ${report.unlistedFailures} more failed lines not listed`);
  if (!report.complete) io.out('reading stopped early; see the last line above');
}

async function describeError(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const { error } = errorReplySchema.parse(JSON.parse(text));
    const problems = (error.problems ?? []).map(
      (p) => `\n  ${p.line ? `line ${p.line}: ` : ''}${p.field ? `${p.field}: ` : ''}${p.message}`,
    );
    return `${res.status} ${error.code}: ${error.message}${problems.join('')}`;
  } catch {
    return `${res.status}: ${text.slice(0, 200)}`;
  }
}

// Run only when executed directly (tests import runData).
if (process.argv[1] && path.basename(process.argv[1]).startsWith('data')) {
  runData(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    stdout: process.stdout,
  })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(
        error instanceof UsageError ||
          error instanceof CredentialsFileError ||
          error instanceof EnvironmentError ||
          error instanceof TypeError
          ? error.message
          : error,
      );
      process.exit(2);
    });
}
