/**
 * The coordinators' workflow as events (issue 14): incidents validated, returned, transferred,
 * followed up and closed with an outcome; units tasked and answering; unit availability; post
 * status; configured queue levels and timers; alerts raised and acknowledged. Built by
 * `createWorkflowSchemas` from the same envelope and limits as every other event (events.ts folds
 * them into the one union).
 *
 * Each step carries the `actor` who took it (stamped by the server from the session, never taken
 * from a body sent to POST /api/actions) and its envelope's agency and releasability (those of the
 * incident it belongs to, stamped by the server too).
 */
import { z } from 'zod';
import { agencySchema } from './agencies.ts';
import { idSchema, LIMITS, postIdSchema, queueDirectionSchema } from './primitives.ts';
import {
  ACTOR_ROLES,
  ALERT_KINDS,
  CLOSE_OUTCOMES,
  CREDIBILITIES,
  IMPACTS,
  POST_STATUSES,
  QUEUE_STREAMS,
  RELIABILITIES,
  TASKING_ANSWERS,
  UNIT_AVAILABILITIES,
} from './vocabulary.ts';

export const impactSchema = z.enum(IMPACTS);
export const closeOutcomeSchema = z.enum(CLOSE_OUTCOMES);
export const taskingAnswerSchema = z.enum(TASKING_ANSWERS);
export const unitAvailabilitySchema = z.enum(UNIT_AVAILABILITIES);
export const postStatusSchema = z.enum(POST_STATUSES);
export const queueStreamSchema = z.enum(QUEUE_STREAMS);
export const alertKindSchema = z.enum(ALERT_KINDS);

/** Who took a step: the account (or `system`) and the role it acted in. */
export const actorSchema = z.strictObject({
  accountId: idSchema,
  role: z.enum(ACTOR_ROLES),
});

/** A report's confidence: credibility of the information, reliability of the source, validated or not. */
export const confidenceSchema = z.strictObject({
  credibility: z.enum(CREDIBILITIES),
  reliability: z.enum(RELIABILITIES),
  validated: z.boolean(),
});

/** A unit named across agencies: two agencies may both have a "M-1". */
export const unitRefSchema = z.strictObject({ agency: agencySchema, unitId: idSchema });

const windowsCount = z.int().min(0).max(500);
/** Windows (ventanillas) per stream: how many the post has open, and how many are staffed and available. */
const streamWindows = z
  .strictObject({ open: windowsCount, available: windowsCount })
  .refine((w) => w.available <= w.open, { message: 'available windows cannot exceed open windows' });
export const queueWindowsSchema = z.strictObject({
  vehicles: streamWindows.optional(),
  buses: streamWindows.optional(),
  trucks: streamWindows.optional(),
  pedestrians: streamWindows.optional(),
});

/** One configured alert level: at or above `waiting` people, or `waitMinutes` of waiting. */
export const queueLevelSchema = z
  .strictObject({
    post: postIdSchema,
    direction: queueDirectionSchema,
    waiting: z.int().min(1).max(LIMITS.waiting).optional(),
    waitMinutes: z.int().min(1).max(LIMITS.waitMinutes).optional(),
  })
  .refine((l) => l.waiting !== undefined || l.waitMinutes !== undefined, {
    message: 'a level needs waiting or waitMinutes',
  });

/** What an alert is about: whichever of these apply. */
export const alertSubjectSchema = z.strictObject({
  incidentId: idSchema.optional(),
  taskingId: idSchema.optional(),
  unit: unitRefSchema.optional(),
  post: postIdSchema.optional(),
  direction: queueDirectionSchema.optional(),
});

export function createWorkflowSchemas<E extends z.ZodRawShape>({ envelope, text }: { envelope: E; text: z.ZodString }) {
  const step = { ...envelope, actor: actorSchema };
  /** A step's schema: the envelope, its actor, its type and its own fields. */
  const stepEvent = <T extends string, S extends z.ZodRawShape>(type: T, fields: S) =>
    z.strictObject({ ...step, type: z.literal(type), ...fields });

  const incidentValidated = stepEvent('incident.validated', {
    incidentId: idSchema,
    /** The agency responsible from now on. */
    owner: agencySchema,
    impact: impactSchema,
    confidence: confidenceSchema,
    /** The response taken or planned (EUROSUR asks for it at validation). */
    response: text,
  });

  const incidentReturned = stepEvent('incident.returned', {
    incidentId: idSchema,
    reason: text,
  });

  const incidentTransfer = stepEvent('incident.transfer', {
    incidentId: idSchema,
    to: agencySchema,
    text: text.optional(),
  });

  const incidentTransferAccepted = stepEvent('incident.transfer.accepted', {
    incidentId: idSchema,
  });

  /** Links a later field report or a changed count to the incident. */
  const incidentFollowup = stepEvent('incident.followup', {
    incidentId: idSchema,
    /** The id of the event (e.g. a patrol.report) this follows up with, when there is one. */
    reportId: idSchema.optional(),
    people: z.int().min(0).max(LIMITS.people).optional(),
    minors: z.int().min(0).max(LIMITS.people).optional(),
    text: text.optional(),
    confidence: confidenceSchema.optional(),
  });

  const taskingAssigned = stepEvent('tasking.assigned', {
    taskingId: idSchema,
    incidentId: idSchema,
    units: z.array(unitRefSchema).min(1).max(20),
    text: text.optional(),
  });

  const taskingAnswer = stepEvent('tasking.answer', {
    taskingId: idSchema,
    unit: unitRefSchema,
    answer: taskingAnswerSchema,
    /** Required when declining. */
    reason: text.optional(),
  });

  /** A unit's availability; the unit belongs to the event's agency. */
  const unitAvailability = stepEvent('unit.availability', {
    unitId: idSchema,
    availability: unitAvailabilitySchema,
  });

  const postStatus = z.strictObject({
    ...envelope,
    actor: actorSchema.optional(),
    type: z.literal('post.status'),
    post: postIdSchema,
    status: postStatusSchema,
    notice: text.optional(),
  });

  /** Admin-configured alert levels; each level replaces the one for its post and direction. */
  const queueLevels = stepEvent('queue.levels', {
    levels: z.array(queueLevelSchema).min(1).max(20),
  });

  const workflowTimers = stepEvent('workflow.timers', {
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
  });

  /**
   * Raised by the server (actor `system`) with a deterministic id, so several nodes raising the
   * same alert store it once. Releasability is that of its subject.
   */
  const alertRaised = stepEvent('alert.raised', {
    alertId: idSchema,
    kind: alertKindSchema,
    subject: alertSubjectSchema,
    /** Play a sound on the wall (once). */
    sound: z.boolean().optional(),
    text: text.optional(),
  });

  const alertAcknowledged = stepEvent('alert.acknowledged', {
    alertId: idSchema,
  });

  return {
    incidentValidated,
    incidentReturned,
    incidentTransfer,
    incidentTransferAccepted,
    incidentFollowup,
    taskingAssigned,
    taskingAnswer,
    unitAvailability,
    postStatus,
    queueLevels,
    workflowTimers,
    alertRaised,
    alertAcknowledged,
  };
}

export type Actor = z.infer<typeof actorSchema>;
export type Confidence = z.infer<typeof confidenceSchema>;
export type UnitRef = z.infer<typeof unitRefSchema>;
export type QueueWindows = z.infer<typeof queueWindowsSchema>;
export type QueueLevel = z.infer<typeof queueLevelSchema>;
export type AlertSubject = z.infer<typeof alertSubjectSchema>;
export type Impact = z.infer<typeof impactSchema>;
export type CloseOutcome = z.infer<typeof closeOutcomeSchema>;
export type TaskingAnswer = z.infer<typeof taskingAnswerSchema>;
export type UnitAvailability = z.infer<typeof unitAvailabilitySchema>;
export type PostStatus = z.infer<typeof postStatusSchema>;
export type QueueStream = z.infer<typeof queueStreamSchema>;
export type AlertKind = z.infer<typeof alertKindSchema>;
