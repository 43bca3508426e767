/**
 * NDJSON: one event per line, exactly as POST /api/events takes it. A line without its own
 * `provenance` gets one naming the sending system, the format and its id; a line that brings
 * provenance keeps it untouched (an export re-imported still says where each event first came
 * from). Blank lines are skipped. When restoring an export, lines are taken exactly as written.
 */
import type { SplitLine } from './lineSplitter.ts';
import { isPlainObject, provenanceFor, type NormaliseContext, type Normalised } from './normalised.ts';

/** Longest line taken; a longer one is reported as a bad line. No valid event comes close. */
export const MAX_NDJSON_LINE_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface NdjsonOptions {
  /**
   * Restoring an export: lines are events exactly as stored before, so none gets a provenance it
   * did not have (a report typed on a phone did not arrive "as NDJSON").
   */
  restore?: boolean;
}

export function normaliseNdjsonLine(split: SplitLine, context: NormaliseContext, options: NdjsonOptions = {}): Normalised | null {
  const { line } = split;
  if (split.tooLong) {
    return {
      line,
      problems: [{ field: '', message: `the line is ${split.length} bytes long; at most ${MAX_NDJSON_LINE_BYTES} are taken` }],
    };
  }
  let text: string;
  try {
    text = utf8.decode(split.bytes);
  } catch {
    return { line, problems: [{ field: '', message: 'the line is not valid UTF-8' }] };
  }
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, problems: [{ field: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  if (!isPlainObject(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    return { line, problems: [{ field: '', message: `each line must be one event (a JSON object); this one is ${kind}` }] };
  }
  if (value.provenance !== undefined || options.restore) return { line, event: value };
  const originalId = typeof value.id === 'string' ? value.id : undefined;
  return { line, event: { ...value, provenance: provenanceFor('ndjson', context.source, originalId) } };
}
