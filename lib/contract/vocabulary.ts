/**
 * The contract's fixed lists, without their schemas (events.ts builds those from them), so code
 * that only needs a list — the wall's bundle — does not carry zod.
 */
/**
 * The coordinators' workflow (issue 14): steps of incidents, taskings, units, posts and alerts. The
 * one list: the projection keeps these out of the feed, and ingest takes them only from
 * POST /api/actions and the alert raiser (except those in AGENCY_SENT_WORKFLOW_TYPES).
 */
export const WORKFLOW_EVENT_TYPES = [
  'incident.validated',
  'incident.returned',
  'incident.transfer',
  'incident.transfer.accepted',
  'incident.followup',
  'tasking.assigned',
  'tasking.answer',
  'unit.availability',
  'post.status',
  'queue.levels',
  'workflow.timers',
  'alert.raised',
  'alert.acknowledged',
] as const;
export type WorkflowEventType = (typeof WORKFLOW_EVENT_TYPES)[number];

/** Workflow events an agency's own system may still send through ingest: a post's system knows when it closes. */
export const AGENCY_SENT_WORKFLOW_TYPES = ['post.status'] as const satisfies readonly WorkflowEventType[];

export const EVENT_TYPES = [
  'unit.position',
  'patrol.report',
  'queue.update',
  'incident',
  'incident.closed',
  'deployment',
  'bulletin',
  ...WORKFLOW_EVENT_TYPES,
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const UNIT_STATUSES = ['patrolling', 'stationary', 'responding', 'returning', 'off-duty'] as const;
export const INCIDENT_KINDS = ['crossing', 'blockade', 'stranded-group', 'medical', 'smuggling', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const QUEUE_DIRECTIONS = ['to-peru', 'to-chile'] as const;

/** Where an incident stands in the workflow. */
export const INCIDENT_STATUSES = ['reported', 'validated', 'returned', 'assigned', 'on-scene', 'closed'] as const;
/** EUROSUR impact levels (Regulation (EU) 2021/581, Art. 9). */
export const IMPACTS = ['low', 'medium', 'high', 'very-high'] as const;
/** How an incident ended. */
export const CLOSE_OUTCOMES = ['resolved', 'unfounded', 'transferred', 'duplicate'] as const;
/** Credibility of the information (Admiralty scale, in words). */
export const CREDIBILITIES = ['confirmed', 'probable', 'possible', 'doubtful', 'improbable', 'unknown'] as const;
/** Reliability of the source (Admiralty scale, in words). */
export const RELIABILITIES = ['reliable', 'usually-reliable', 'fairly-reliable', 'not-usually-reliable', 'unreliable', 'unknown'] as const;
/** A tasked unit's answers, in the order they normally come. */
export const TASKING_ANSWERS = ['accept', 'decline', 'on-scene', 'done'] as const;
/** A unit's availability for taskings (distinct from its patrol status on the map). */
export const UNIT_AVAILABILITIES = ['available', 'assigned', 'en-route', 'on-scene', 'out-of-service'] as const;
export const POST_STATUSES = ['open', 'restricted', 'closed', 'update-pending'] as const;
/** Streams of a queue whose windows (ventanillas) are counted. */
export const QUEUE_STREAMS = ['vehicles', 'buses', 'trucks', 'pedestrians'] as const;
export const ALERT_KINDS = ['queue-level', 'incident-severity', 'tasking-overdue', 'unit-silent'] as const;
/** Who took a workflow step; `system` is the server's alert raiser. */
export const ACTOR_ROLES = ['coordinator', 'officer', 'trainer', 'admin', 'system'] as const;
/** Workflow timers until an admin configures them, in minutes. */
export const DEFAULT_WORKFLOW_TIMERS = { acceptTimeoutMinutes: 10, onSceneMaxMinutes: 120 } as const;
