/**
 * What the officer types, turned into one contract event. The form keeps numbers as the strings
 * the inputs hold; this module decides which fields a report type sends and checks the result
 * with the contract's own schema, so the phone refuses exactly what the server would refuse.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import {
  createEventSchemas,
  LIMITS,
  type EventInput,
  type IncidentKind,
  type PostId,
  type Position,
  type QueueDirection,
  type Severity,
  type UnitStatus,
  type ValidationPolicy,
} from '@/lib/contract/events.ts';

/** The four reports an officer files from the phone. */
export const REPORT_TYPES = ['incident', 'patrol.report', 'queue.update', 'unit.position'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** Report types that speak for the officer's unit, so they need a unit on the account. */
export const UNIT_REPORT_TYPES: ReadonlySet<ReportType> = new Set(['patrol.report', 'unit.position']);

export interface ReportDraft {
  type: ReportType;
  position: Position | null;
  status: UnitStatus | '';
  text: string;
  people: string;
  minors: string;
  post: PostId | '';
  direction: QueueDirection | '';
  waiting: string;
  waitMinutes: string;
  refused: string;
  kind: IncidentKind | '';
  severity: Severity | '';
}

export const EMPTY_DRAFT: ReportDraft = {
  type: 'incident',
  position: null,
  status: '',
  text: '',
  people: '',
  minors: '',
  post: '',
  direction: '',
  waiting: '',
  waitMinutes: '',
  refused: '',
  kind: '',
  severity: '',
};

/** Who sends, and the identity the report gets when the officer taps send. */
export interface SendContext {
  agency: Agency;
  unitId: string | null;
  /** The event id, made on the phone and kept through every retry. */
  id: string;
  /** When the officer tapped send (ISO 8601). */
  occurredAt: string;
}

/** A problem with one form field, in words the form can show (a message key and its values). */
export interface FieldProblem {
  /** The form field it belongs to: "position", "text", "people", ... or "" for the report. */
  field: string;
  key: ReportProblemKey;
  params?: Record<string, number>;
}

export type ReportProblemKey =
  | 'report.problem.required'
  | 'report.problem.choose'
  | 'report.problem.count'
  | 'report.problem.tooLong'
  | 'report.problem.positionMissing'
  | 'report.problem.positionOutside'
  | 'report.problem.minors'
  | 'report.problem.noUnit'
  | 'report.problem.noSession'
  | 'report.problem.invalid';

export type BuiltReport = { ok: true; event: EventInput } | { ok: false; problems: FieldProblem[] };

/** Ids of incidents opened from a phone: the unit (or agency) and 8 hex digits of the event id. */
export function incidentIdFor(context: Pick<SendContext, 'agency' | 'unitId' | 'id'>): string {
  const owner = (context.unitId ?? context.agency).toUpperCase();
  const suffix = context.id
    .replace(/[^0-9a-f]/gi, '')
    .slice(0, 8)
    .toUpperCase();
  return `${owner}-${suffix}`;
}

/** Turns the draft into the event this report type sends; empty optional fields are left out. */
export function draftToEvent(draft: ReportDraft, context: SendContext): Record<string, unknown> {
  const envelope = { id: context.id, type: draft.type, agency: context.agency, occurredAt: context.occurredAt };
  const position = draft.position ?? undefined;
  switch (draft.type) {
    case 'unit.position':
      return compact({ ...envelope, unitId: context.unitId ?? undefined, position, status: draft.status || undefined });
    case 'patrol.report':
      return compact({ ...envelope, unitId: context.unitId ?? undefined, position, text: draft.text, people: count(draft.people) });
    case 'queue.update':
      return compact({
        ...envelope,
        post: draft.post || undefined,
        direction: draft.direction || undefined,
        waiting: count(draft.waiting),
        waitMinutes: count(draft.waitMinutes),
        refused: count(draft.refused),
        minors: count(draft.minors),
      });
    case 'incident':
      return compact({
        ...envelope,
        incidentId: incidentIdFor(context),
        position,
        kind: draft.kind || undefined,
        severity: draft.severity || undefined,
        text: draft.text,
        people: count(draft.people),
        minors: count(draft.minors),
      });
  }
}

/**
 * Builds the event and checks it against the contract with this server's limits. On failure every
 * field problem is returned at once, so the officer can fix them in one pass.
 */
export function buildReport(draft: ReportDraft, context: SendContext, policy: ValidationPolicy): BuiltReport {
  if (UNIT_REPORT_TYPES.has(draft.type) && !context.unitId) {
    return { ok: false, problems: [{ field: '', key: 'report.problem.noUnit' }] };
  }
  const raw = draftToEvent(draft, context);
  const result = schemasFor(policy).safeParse(raw);
  if (result.success) return { ok: true, event: raw as EventInput };
  return { ok: false, problems: dedupe(result.error.issues.map((issue) => describeIssue(issue, raw, policy, draft.type))) };
}

/** Zod issues from the contract, reduced to what the officer can act on. */
interface IssueLike {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  origin?: string;
}

const COUNT_LIMITS: Record<string, number> = {
  people: LIMITS.people,
  minors: LIMITS.people,
  waiting: LIMITS.waiting,
  refused: LIMITS.waiting,
  waitMinutes: LIMITS.waitMinutes,
};
/** Minors at a queue are counted against the queue, not against a group. */
const QUEUE_COUNT_LIMITS: Record<string, number> = { ...COUNT_LIMITS, minors: LIMITS.waiting };
const CHOICE_FIELDS = new Set(['post', 'direction', 'kind', 'severity', 'status']);

export function describeIssue(issue: IssueLike, raw: Record<string, unknown>, policy: ValidationPolicy, type?: ReportType): FieldProblem {
  const limits = type === 'queue.update' ? QUEUE_COUNT_LIMITS : COUNT_LIMITS;
  const [head, sub] = issue.path.map(String);
  const field = head ?? '';
  if (field === 'position') {
    // No position at all, or one outside the region (lat/lon beyond the bounds).
    return sub ? { field, key: 'report.problem.positionOutside' } : { field, key: 'report.problem.positionMissing' };
  }
  if (issue.code === 'custom' && field === 'minors') return { field, key: 'report.problem.minors' };
  if (field in limits) {
    if (raw[field] === undefined) return { field, key: 'report.problem.required' };
    return { field, key: 'report.problem.count', params: { max: limits[field] } };
  }
  if (CHOICE_FIELDS.has(field)) return { field, key: 'report.problem.choose' };
  if (field === 'text') {
    if (issue.code === 'too_big') return { field, key: 'report.problem.tooLong', params: { max: policy.maxTextLength } };
    return { field, key: 'report.problem.required' };
  }
  if (field === 'unitId') return { field: '', key: 'report.problem.noUnit' };
  return { field, key: 'report.problem.invalid' };
}

/** One message per field: the first is the one to fix first. */
function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}

/** "" is "not given"; anything else is passed on as a number for the contract to judge. */
function count(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function compact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

// The schema depends only on the policy; build it once per policy the page sees.
let cached: { policy: ValidationPolicy; schema: ReturnType<typeof createEventSchemas>['eventInput'] } | null = null;
function schemasFor(policy: ValidationPolicy) {
  if (cached?.policy !== policy) cached = { policy, schema: createEventSchemas(policy).eventInput };
  return cached.schema;
}

export function isReportType(type: string): type is ReportType {
  return (REPORT_TYPES as readonly string[]).includes(type);
}

/** A refused report back in the form, to be corrected and sent again (as a new report). */
export function eventToDraft(event: EventInput): ReportDraft | null {
  if (!isReportType(event.type)) return null;
  const fields = event as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const number = (value: unknown) => (typeof value === 'number' ? String(value) : '');
  const position = fields.position as Position | undefined;
  return {
    type: event.type,
    position: position ? { lat: position.lat, lon: position.lon } : null,
    status: text(fields.status) as ReportDraft['status'],
    text: text(fields.text),
    people: number(fields.people),
    minors: number(fields.minors),
    post: text(fields.post) as ReportDraft['post'],
    direction: text(fields.direction) as ReportDraft['direction'],
    waiting: number(fields.waiting),
    waitMinutes: number(fields.waitMinutes),
    refused: number(fields.refused),
    kind: text(fields.kind) as ReportDraft['kind'],
    severity: text(fields.severity) as ReportDraft['severity'],
  };
}

/** After sending: a clean form of the same type; the post and direction stay for the next count. */
export function clearedAfterSend(draft: ReportDraft): ReportDraft {
  return { ...EMPTY_DRAFT, type: draft.type, post: draft.post, direction: draft.direction };
}
