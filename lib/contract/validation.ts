/**
 * Turning untrusted input into events, or into a list of problems a sender can act on.
 * Every problem names where it is: the index in a batch and the field path.
 */
import type { z } from 'zod';
import { eventInputSchema, type ConcordiaEvent } from './events.ts';
import type { Problem } from './http.ts';

/** Most events one request may carry. Larger loads go in several requests (or as NDJSON). */
export const MAX_BATCH_SIZE = 500;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

export function problemsFromZod(error: z.ZodError, index?: number): Problem[] {
  return error.issues.map((issue) => ({
    ...(index === undefined ? {} : { index }),
    field: formatPath(issue.path),
    message: describeIssue(issue),
  }));
}

/** Zod's messages, with the cases senders hit most made specific. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && issue.path.length === 0) return issue.message;
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  return issue.message;
}

export function parseEvent(raw: unknown, schema: typeof eventInputSchema = eventInputSchema, index?: number): Parsed<ConcordiaEvent> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsFromZod(result.error, index) };
}

/**
 * A body is one event or an array of at most MAX_BATCH_SIZE. Every event is checked so the sender
 * sees all problems at once; the batch is accepted only if there are none.
 */
export function parseEventBatch(
  raw: unknown,
  schema: typeof eventInputSchema = eventInputSchema,
): Parsed<ConcordiaEvent[]> & { single?: boolean } {
  if (!Array.isArray(raw)) {
    const one = parseEvent(raw, schema);
    return one.ok ? { ok: true, value: [one.value], single: true } : one;
  }
  if (raw.length === 0) return { ok: false, problems: [{ field: '', message: 'the batch is empty' }] };
  if (raw.length > MAX_BATCH_SIZE) {
    return {
      ok: false,
      problems: [{ field: '', message: `a batch holds at most ${MAX_BATCH_SIZE} events; got ${raw.length}` }],
    };
  }
  const events: ConcordiaEvent[] = [];
  const problems: Problem[] = [];
  raw.forEach((item, index) => {
    const parsed = parseEvent(item, schema, index);
    if (parsed.ok) events.push(parsed.value);
    else problems.push(...parsed.problems);
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: events };
}
