/**
 * POST /api/actions: a workflow step as a coordinator, officer or admin asks for it. The body names
 * the step and its fields only; the server stamps actor, agency, releasability and time, so a body
 * carrying any of them is refused (see STAMPED_FIELDS).
 */
import { z } from 'zod';
import { agencySchema } from './agencies.ts';
import { idSchema, LIMITS, postIdSchema } from './primitives.ts';
import {
  closeOutcomeSchema,
  confidenceSchema,
  impactSchema,
  postStatusSchema,
  queueLevelSchema,
  taskingAnswerSchema,
  unitAvailabilitySchema,
  unitRefSchema,
} from './workflow.ts';

const text = z.string().trim().min(1).max(2000);

export const actionStepSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('incident.validated'),
    incidentId: idSchema,
    owner: agencySchema,
    impact: impactSchema,
    confidence: confidenceSchema,
    response: text,
  }),
  z.strictObject({ type: z.literal('incident.returned'), incidentId: idSchema, reason: text }),
  z.strictObject({ type: z.literal('incident.transfer'), incidentId: idSchema, to: agencySchema, text: text.optional() }),
  z.strictObject({ type: z.literal('incident.transfer.accepted'), incidentId: idSchema }),
  z.strictObject({
    type: z.literal('incident.followup'),
    incidentId: idSchema,
    reportId: idSchema.optional(),
    people: z.int().min(0).max(LIMITS.people).optional(),
    minors: z.int().min(0).max(LIMITS.people).optional(),
    text: text.optional(),
    confidence: confidenceSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('incident.closed'),
    incidentId: idSchema,
    outcome: closeOutcomeSchema,
    duplicateOf: idSchema.optional(),
    text: text.optional(),
  }),
  z.strictObject({
    type: z.literal('tasking.assigned'),
    taskingId: idSchema,
    incidentId: idSchema,
    units: z.array(unitRefSchema).min(1).max(20),
    text: text.optional(),
  }),
  z.strictObject({
    type: z.literal('tasking.answer'),
    taskingId: idSchema,
    unit: unitRefSchema,
    answer: taskingAnswerSchema,
    reason: text.optional(),
  }),
  z.strictObject({ type: z.literal('unit.availability'), unitId: idSchema, availability: unitAvailabilitySchema }),
  z.strictObject({ type: z.literal('post.status'), post: postIdSchema, status: postStatusSchema, notice: text.optional() }),
  z.strictObject({ type: z.literal('queue.levels'), levels: z.array(queueLevelSchema).min(1).max(20) }),
  z.strictObject({
    type: z.literal('workflow.timers'),
    acceptTimeoutMinutes: z
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    onSceneMaxMinutes: z
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
  }),
  z.strictObject({ type: z.literal('alert.acknowledged'), alertId: idSchema }),
]);
export type ActionStep = z.infer<typeof actionStepSchema>;
export type ActionType = ActionStep['type'];

/** Fields only the server sets on a step; a body that carries one is refused with 400. */
export const STAMPED_FIELDS = ['agency', 'releasability', 'actor', 'occurredAt', 'provenance'] as const;

export const actionRequestSchema = z.strictObject({
  /** Chosen by the client; a retry with the same id stores nothing new (idempotent). */
  id: idSchema,
  /** `live` (the default) or a training session's channel the caller takes part in. */
  channel: z.string().min(1).max(LIMITS.idLength).optional(),
  step: actionStepSchema,
});
export type ActionRequest = z.infer<typeof actionRequestSchema>;

/** 201 (stored) or 200 (already stored: a retry) from POST /api/actions. */
export const actionReplySchema = z.object({
  id: z.string(),
  channel: z.string(),
  seq: z.int().min(1),
  type: z.string(),
  duplicate: z.boolean(),
});
export type ActionReply = z.infer<typeof actionReplySchema>;
