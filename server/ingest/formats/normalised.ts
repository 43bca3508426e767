/**
 * What every format normaliser produces: for each item of the input (a line, a CSV record, a CoT
 * <event>, a GeoJSON feature) either a plain event object, not yet validated, or the problems that
 * kept it from becoming one. Both carry the item's line number, so a sender learns where to look.
 * Validation against the contract happens once, later, with the same schemas as POST /api/events.
 */
import type { Provenance } from '../../../lib/contract/events.ts';
import type { IngestFormat, ItemProblem } from '../../../lib/contract/http.ts';

/** An item turned into a plain event object; the contract's schemas still have to accept it. */
export interface Candidate {
  line: number;
  event: Record<string, unknown>;
}

/** An item that could not be turned into an event at all (not JSON, a line too long…). */
export interface Rejected {
  line: number;
  problems: ItemProblem[];
}

export type Normalised = Candidate | Rejected;

export function isRejected(item: Normalised): item is Rejected {
  return 'problems' in item;
}

/** What a normaliser needs to know about the request. */
export interface NormaliseContext {
  /** The sending system, for provenance.source when the item does not say. */
  source: string;
}

/** A request-level problem: the input as a whole cannot be read (an unknown CSV column, malformed XML). */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly problems: Array<ItemProblem & { line?: number }> = [],
  ) {
    super(message);
  }
}

/**
 * Provenance for an item that did not bring its own: the sending system, this format and the id
 * the item had in its source, so any stored event can be traced back to the line it came from.
 */
export function provenanceFor(format: IngestFormat, source: string, originalId?: string): Provenance {
  return { source, format, ...(originalId ? { originalId } : {}) };
}

/** Plain objects only: JSON arrays, null and primitives are not events. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
