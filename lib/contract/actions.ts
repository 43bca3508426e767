/**
 * POST /api/actions: a workflow step as a coordinator, officer or admin asks for it. The body names
 * the step and its fields only; the server stamps actor, agency, releasability and time, so a body
 * carrying any of them is refused (see STAMPED_FIELDS).
 */
import { z } from 'zod';
import { workflowEventSchemas as events } from './events.ts';
import { idSchema, LIMITS } from './primitives.ts';

/** Fields only the server sets on a step; a body that carries one is refused with 400. */
export const STAMPED_FIELDS = ['agency', 'releasability', 'actor', 'occurredAt', 'provenance'] as const;

/** A step as a body names it: its event's fields, less the envelope the server stamps (and the id, given beside it). */
const stepBody = { id: true, agency: true, releasability: true, actor: true, occurredAt: true, provenance: true } as const;

export const actionStepSchema = z.discriminatedUnion('type', [
  events.incidentValidated.omit(stepBody),
  events.incidentReturned.omit(stepBody),
  events.incidentTransfer.omit(stepBody),
  events.incidentTransferAccepted.omit(stepBody),
  events.incidentFollowup.omit(stepBody),
  events.incidentClosed.omit(stepBody),
  events.taskingAssigned.omit(stepBody),
  events.taskingAnswer.omit(stepBody),
  events.unitAvailability.omit(stepBody),
  events.postStatus.omit(stepBody),
  events.queueLevels.omit(stepBody),
  events.workflowTimers.omit(stepBody),
  events.alertAcknowledged.omit(stepBody),
]);
export type ActionStep = z.infer<typeof actionStepSchema>;
export type ActionType = ActionStep['type'];

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
