/**
 * The event contract: every event Concordia accepts, stores, projects and sends is one of these.
 * Server, browser, tests and tools import the schemas and the types inferred from them; nothing
 * else describes an event.
 *
 * Schemas are built by `createEventSchemas(policy)` so the region bounds and text limit can be
 * configured per deployment; `eventInputSchema` is the default instance and the source of the types.
 */
import { z } from 'zod';
import { agencySchema, countryOf } from './agencies.ts';
import { releasabilitySchema } from './releasability.ts';
import type { RegionBounds } from '../geo/region.ts';
import { ARICA_TACNA_BOUNDS } from '../geo/operatingArea.ts';
import { idSchema, LIMITS, postIdSchema, queueDirectionSchema } from './primitives.ts';
import { createWorkflowSchemas, queueWindowsSchema, closeOutcomeSchema, confidenceSchema, actorSchema, impactSchema } from './workflow.ts';
import { INCIDENT_KINDS, SEVERITIES, UNIT_STATUSES, type EventType } from './vocabulary.ts';

export interface ValidationPolicy {
  bounds: RegionBounds;
  /** Longest free text accepted, in characters. */
  maxTextLength: number;
}

export const DEFAULT_POLICY: ValidationPolicy = {
  bounds: ARICA_TACNA_BOUNDS,
  maxTextLength: 2000,
};

export { idSchema, LIMITS, postIdSchema, queueDirectionSchema } from './primitives.ts';

export const incidentKindSchema = z.enum(INCIDENT_KINDS);
export const severitySchema = z.enum(SEVERITIES);
export const unitStatusSchema = z.enum(UNIT_STATUSES);

/** Where an event came from, when it was not typed into Concordia directly. */
export const provenanceSchema = z.strictObject({
  /** The sending system, e.g. "pnp-avl" or "scenario:dec-2025". */
  source: z.string().min(1).max(LIMITS.shortTextLength),
  /** The format it arrived in, e.g. "json", "csv", "cot". */
  format: z.string().min(1).max(40).optional(),
  /** The id the event had in its source system. */
  originalId: z
    .string()
    .min(1)
    .max(LIMITS.shortTextLength * 2)
    .optional(),
  /** True for generated training material that did not happen. */
  synthetic: z.boolean().optional(),
  /** Citations for sourced facts (URLs or reference labels). */
  refs: z.array(z.string().min(1).max(300)).max(20).optional(),
});

export function createEventSchemas(policy: ValidationPolicy = DEFAULT_POLICY) {
  const { bounds } = policy;
  const position = z.strictObject({
    lat: z
      .number()
      .min(bounds.south, `latitude must be between ${bounds.south} and ${bounds.north}`)
      .max(bounds.north, `latitude must be between ${bounds.south} and ${bounds.north}`),
    lon: z
      .number()
      .min(bounds.west, `longitude must be between ${bounds.west} and ${bounds.east}`)
      .max(bounds.east, `longitude must be between ${bounds.west} and ${bounds.east}`),
  });
  const text = z.string().trim().min(1).max(policy.maxTextLength);
  const shortText = z.string().trim().min(1).max(LIMITS.shortTextLength);
  const count = (max: number) => z.int().min(0).max(max);

  const envelope = {
    id: idSchema,
    agency: agencySchema,
    /** When it happened, as the sender saw it: ISO 8601 with an offset (or Z). */
    occurredAt: z.iso.datetime({ offset: true }),
    releasability: releasabilitySchema.default('binational'),
    provenance: provenanceSchema.optional(),
  };

  const unitPosition = z.strictObject({
    ...envelope,
    type: z.literal('unit.position'),
    unitId: idSchema,
    position,
    callsign: shortText.optional(),
    status: unitStatusSchema.optional(),
    /** Degrees clockwise from north. */
    heading: z.number().min(0).lt(360).optional(),
  });

  const patrolReport = z.strictObject({
    ...envelope,
    type: z.literal('patrol.report'),
    unitId: idSchema,
    position,
    text,
    people: count(LIMITS.people).optional(),
    confidence: confidenceSchema.optional(),
  });

  const queueUpdate = z.strictObject({
    ...envelope,
    type: z.literal('queue.update'),
    post: postIdSchema,
    direction: queueDirectionSchema,
    waiting: count(LIMITS.waiting),
    waitMinutes: count(LIMITS.waitMinutes).optional(),
    /** People refused entry since the previous update. */
    refused: count(LIMITS.waiting).optional(),
    /** Minors among those waiting. */
    minors: count(LIMITS.waiting).optional(),
    /** Windows (ventanillas) open and available per stream. */
    windows: queueWindowsSchema.optional(),
  });

  /** Opens an incident, or updates it when the incidentId is already open. */
  const incident = z.strictObject({
    ...envelope,
    type: z.literal('incident'),
    incidentId: idSchema,
    position,
    kind: incidentKindSchema,
    severity: severitySchema,
    text,
    people: count(LIMITS.people).optional(),
    minors: count(LIMITS.people).optional(),
    /** The reporter's confidence in what they report. */
    confidence: confidenceSchema.optional(),
    /** EUROSUR impact; until validation sets it, derived from severity (see the projection). */
    impact: impactSchema.optional(),
  });

  /** Closes an incident; from the workflow with an outcome (duplicate needs duplicateOf). */
  const incidentClosed = z.strictObject({
    ...envelope,
    type: z.literal('incident.closed'),
    incidentId: idSchema,
    text: text.optional(),
    outcome: closeOutcomeSchema.optional(),
    duplicateOf: idSchema.optional(),
    actor: actorSchema.optional(),
  });

  const deployment = z.strictObject({
    ...envelope,
    type: z.literal('deployment'),
    deploymentId: idSchema,
    position,
    /** Troops or officers deployed; a negative change is a new deployment event with the new total. */
    personnel: count(LIMITS.personnel),
    text,
    area: shortText.optional(),
  });

  const bulletin = z.strictObject({
    ...envelope,
    type: z.literal('bulletin'),
    title: shortText,
    text,
    position: position.optional(),
  });

  const workflow = createWorkflowSchemas({ envelope, text });

  const eventInput = z
    .discriminatedUnion('type', [
      unitPosition,
      patrolReport,
      queueUpdate,
      incident,
      incidentClosed,
      deployment,
      bulletin,
      ...Object.values(workflow),
    ])
    .superRefine((event, ctx) => {
      if (event.type === 'incident.closed' && (event.outcome === 'duplicate') !== (event.duplicateOf !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['duplicateOf'],
          message: 'duplicateOf is required with outcome duplicate, and only with it',
        });
      }
      if (event.type === 'tasking.answer' && event.answer === 'decline' && event.reason === undefined) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a decline needs a reason' });
      }
      if (event.releasability === 'national' && countryOf(event.agency) === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['releasability'],
          message: `${event.agency} belongs to no single country, so it cannot send national events`,
        });
      }
      if ('minors' in event && event.minors !== undefined) {
        const total = event.type === 'queue.update' ? event.waiting : event.people;
        if (total !== undefined && event.minors > total) {
          ctx.addIssue({
            code: 'custom',
            path: ['minors'],
            message: 'minors cannot exceed the total count',
          });
        }
      }
    });

  return { position, eventInput, incidentClosed, workflow };
}

const defaultSchemas = createEventSchemas();
export const { position: positionSchema, eventInput: eventInputSchema } = defaultSchemas;
/** The workflow steps' event schemas (and incident.closed) under the default policy: POST /api/actions derives its bodies from them. */
export const workflowEventSchemas = { ...defaultSchemas.workflow, incidentClosed: defaultSchemas.incidentClosed };

/** An event as a sender writes it (releasability may be omitted). */
export type EventInput = z.input<typeof eventInputSchema>;
/** An event after validation: defaults applied. */
export type ConcordiaEvent = z.output<typeof eventInputSchema>;
export type Position = z.infer<typeof positionSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type EventOf<T extends EventType> = Extract<ConcordiaEvent, { type: T }>;
export type PostId = z.infer<typeof postIdSchema>;
export type QueueDirection = z.infer<typeof queueDirectionSchema>;
export type IncidentKind = z.infer<typeof incidentKindSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type UnitStatus = z.infer<typeof unitStatusSchema>;

/** What the server adds when it stores an event. */
export const storedFieldsSchema = z.strictObject({
  channel: z.string(),
  /** Strictly increasing within the channel, starting at 1, without gaps. */
  seq: z.int().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
});

/** An event as the server hands it out: the validated event plus its place in the channel. */
export type StoredEvent = ConcordiaEvent & z.infer<typeof storedFieldsSchema>;

/**
 * A stored event as a reader receives it (GET /api/events, exports): the stored fields checked, and
 * the rest re-validated as the event it claims to be, so a reader never trusts a shape it only hopes for.
 */
export const storedEventSchema = storedFieldsSchema.loose().transform((value, ctx): StoredEvent => {
  const { channel, seq, receivedAt, ...event } = value;
  const parsed = eventInputSchema.safeParse(event);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return { ...parsed.data, channel, seq, receivedAt };
});
