/**
 * Feeds normalised items into the one ingest path, `Ingest.submit`, a chunk at a time, and keeps
 * the report the sender gets back. This is where the bad-line policy lives (docs/ingest.md):
 *
 * - each item is checked on its own, by Ingest.submit with the contract's schemas and the same
 *   agency and clock rules as POST /api/events; a bad item is reported by line number with its
 *   problems and is not stored;
 * - items are submitted in chunks of MAX_BATCH_SIZE: each chunk is one durable commit, so memory
 *   stays bounded however long the input, and the caller reads no further until the chunk has
 *   committed (back-pressure reaches the sender through TCP);
 * - a dry run does every check and stores nothing.
 *
 * All-or-nothing is not offered for a stream: it would mean holding the whole upload.
 */
import { createEventSchemas, type ConcordiaEvent, type ValidationPolicy } from '../../../lib/contract/events.ts';
import type { IngestFormat, IngestReport, ItemProblem, Problem } from '../../../lib/contract/http.ts';
import { MAX_BATCH_SIZE, problemsFromZod } from '../../../lib/contract/validation.ts';
import { postingRights } from '../../auth/permissions.ts';
import type { Principal } from '../../auth/roles.ts';
import { MAX_FUTURE_SKEW_MS, type Ingest } from '../ingest.ts';
import { isRejected, type Normalised } from './normalised.ts';

/** Failures listed in one report; more are counted but not listed, so the answer stays small. */
export const MAX_LISTED_FAILURES = 1_000;

/** A report before any item is read; the server's ingest and the data CLI's multi-agency import both start here. */
export function emptyIngestReport(format: IngestFormat, channel: string, dryRun: boolean): IngestReport {
  return {
    format,
    channel,
    dryRun,
    complete: true,
    received: 0,
    valid: 0,
    accepted: 0,
    duplicates: 0,
    failed: 0,
    failures: [],
    unlistedFailures: 0,
  };
}

export interface LineByLineOptions {
  ingest: Ingest;
  principal: Principal;
  channel: string;
  format: IngestFormat;
  policy: ValidationPolicy;
  dryRun?: boolean;
  /** Renames a contract field path ("position.lat") to what the sender wrote ("lat"). */
  fieldName?: (contractField: string) => string;
  now?: () => number;
  chunkSize?: number;
}

interface Pending {
  line: number;
  event: Record<string, unknown>;
}

const schemaCache = new WeakMap<ValidationPolicy, ReturnType<typeof createEventSchemas>['eventInput']>();

export class LineByLineIngest {
  private readonly schema;
  private readonly anyAgency: boolean;
  private readonly chunk: Pending[] = [];
  private readonly report: IngestReport;

  constructor(private readonly options: LineByLineOptions) {
    let schema = schemaCache.get(options.policy);
    if (!schema) {
      schema = createEventSchemas(options.policy).eventInput;
      schemaCache.set(options.policy, schema);
    }
    this.schema = schema;
    this.anyAgency = postingRights(options.principal, options.channel).anyAgency;
    this.report = emptyIngestReport(options.format, options.channel, options.dryRun === true);
  }

  /** Takes one item; resolves once any chunk it completed is durable. */
  async add(item: Normalised): Promise<void> {
    this.report.received += 1;
    if (isRejected(item)) return this.fail(item.line, item.problems);
    if (this.report.dryRun) {
      // Nothing will be submitted, so the checks Ingest.submit would make are made here.
      const checked = this.check(item.event);
      if ('problems' in checked) return this.fail(item.line, checked.problems, idOf(item.event));
      this.report.valid += 1;
      return;
    }
    this.chunk.push({ line: item.line, event: item.event });
    if (this.chunk.length >= (this.options.chunkSize ?? MAX_BATCH_SIZE)) await this.flush();
  }

  /** Records that reading stopped at `line` (e.g. broken CSV quoting): nothing after it was read. */
  stop(line: number, problems: ItemProblem[]): void {
    this.report.complete = false;
    this.report.received += 1; // the unreadable record counts as one item read, and failed
    this.fail(line, problems);
  }

  /** Submits what is left and returns the report. */
  async finish(): Promise<IngestReport> {
    await this.flush();
    // A chunk's bad items are found when it is submitted, after later items were read.
    this.report.failures.sort((a, b) => a.line - b.line);
    return this.report;
  }

  private check(raw: Record<string, unknown>): { event: ConcordiaEvent } | { problems: ItemProblem[] } {
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) return { problems: this.rename(problemsFromZod(parsed.error)) };
    const event = parsed.data;
    const problems: ItemProblem[] = [];
    const { principal } = this.options;
    if (!this.anyAgency && event.agency !== principal.agency) {
      problems.push({ field: 'agency', message: `this credential posts for ${principal.agency}, not ${event.agency}` });
    }
    const limit = (this.options.now?.() ?? Date.now()) + MAX_FUTURE_SKEW_MS;
    if (Date.parse(event.occurredAt) > limit) problems.push({ field: 'occurredAt', message: 'is more than 10 minutes in the future' });
    return problems.length ? { problems: this.rename(problems) } : { event };
  }

  private rename(problems: Array<Pick<Problem, 'field' | 'message'>>): ItemProblem[] {
    const name = this.options.fieldName;
    return problems.map(({ field, message }) => ({ field: name ? name(field) : field, message }));
  }

  private fail(line: number, problems: ItemProblem[], id?: string): void {
    this.report.failed += 1;
    if (this.report.failures.length < MAX_LISTED_FAILURES) this.report.failures.push({ line, ...(id ? { id } : {}), problems });
    else this.report.unlistedFailures += 1;
  }

  /**
   * Submits the chunk. Ingest.submit validates it and refuses the whole batch if any event is bad,
   * naming each bad one by index: those are reported and the rest submitted again. Clean input,
   * the common case, is validated once.
   */
  private async flush(): Promise<void> {
    let pending = this.chunk.splice(0);
    const { ingest, principal, channel } = this.options;
    while (pending.length > 0) {
      const result = await ingest.submit(
        principal,
        channel,
        pending.map((p) => p.event),
      );
      if (result.ok) {
        this.report.valid += pending.length;
        this.report.accepted += result.receipt.accepted.length;
        this.report.duplicates += result.receipt.duplicates.length;
        return;
      }
      const failure = result.failure;
      const byIndex = new Map<number, ItemProblem[]>();
      for (const problem of 'problems' in failure ? (failure.problems ?? []) : []) {
        if (problem.index === undefined) continue;
        const list = byIndex.get(problem.index) ?? [];
        list.push(...this.rename([problem]));
        byIndex.set(problem.index, list);
      }
      if (byIndex.size === 0) {
        // Refused as a whole (the channel closed, the credential lost its right): nothing stored.
        const message = 'message' in failure ? failure.message : 'refused';
        for (const p of pending) this.fail(p.line, [{ field: '', message }], idOf(p.event));
        return;
      }
      const failedLines = new Map(pending.map((p, index) => [p.line, byIndex.get(index)]));
      for (const p of pending) {
        const problems = failedLines.get(p.line);
        if (problems) this.fail(p.line, problems, idOf(p.event));
      }
      pending = pending.filter((_, index) => !byIndex.has(index));
    }
  }
}

function idOf(event: Record<string, unknown>): string | undefined {
  return typeof event.id === 'string' ? event.id : undefined;
}
