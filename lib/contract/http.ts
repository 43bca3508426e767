/**
 * The HTTP contract, beside the socket's (socket.ts): every reply body that the browser, the CLI or
 * the tests read, as one zod schema and one inferred type. The server builds each reply typed by
 * it; the clients parse with it instead of casting.
 *
 * The wall's bundle carries no zod: what it reads has a hand-written guard beside its schema
 * (clientConfig.ts), tested against the schema so the two cannot drift.
 */
import { z } from 'zod';
import { regionBoundsSchema } from '../geo/region.ts';
import { agencySchema } from './agencies.ts';
import { incidentKindSchema, positionSchema, postIdSchema, queueDirectionSchema, severitySchema, storedEventSchema } from './events.ts';
import { releasabilitySchema } from './releasability.ts';
import { ALERT_KINDS, CLOSE_OUTCOMES, IMPACTS, INCIDENT_STATUSES, UNIT_AVAILABILITIES } from './vocabulary.ts';
import type { Picture } from '../projection/picture.ts';

/** One thing wrong with what a sender sent. */
export const problemSchema = z.object({
  /** Position in the batch; absent when the body was a single event. */
  index: z.int().min(0).optional(),
  /** Line of an uploaded file (POST /api/ingest/:format), when the problem stopped the reading. */
  line: z.int().min(0).optional(),
  /** Dotted path to the field, e.g. "position.lat"; "" for the event as a whole. */
  field: z.string(),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Every refusal, from every endpoint: `{ error: { code, message, problems? } }`. The message is safe to show. */
export const errorReplySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z.array(problemSchema).optional(),
    /** On a refusal that passes with time (429, 423): the same seconds as Retry-After. */
    retryAfterSeconds: z.int().min(1).optional(),
  }),
});
export type ErrorReply = z.infer<typeof errorReplySchema>;

/** 201 from POST /api/events (and the other ingest routes that store events as one batch). */
export const ingestReceiptSchema = z.object({
  accepted: z.array(z.object({ id: z.string(), seq: z.int().min(0) })),
  /** Ids already stored before (same agency and id): not stored again. */
  duplicates: z.array(z.string()),
});
export type IngestReceipt = z.infer<typeof ingestReceiptSchema>;

/** The formats POST /api/ingest/:format reads line by line. */
export const INGEST_FORMATS = ['ndjson', 'csv', 'cot', 'geojson'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** A problem with one item of a file, named as the sender wrote it (a CSV column, a CoT attribute…). */
export const itemProblemSchema = z.object({
  /** "" for the whole item. */
  field: z.string(),
  message: z.string(),
});
export type ItemProblem = z.infer<typeof itemProblemSchema>;

export const lineFailureSchema = z.object({
  line: z.int().min(0),
  /** The item's id, when it had one. */
  id: z.string().optional(),
  problems: z.array(itemProblemSchema),
});
export type LineFailure = z.infer<typeof lineFailureSchema>;

/** 200 from POST /api/ingest/:format: what happened to each item of the file. */
export const ingestReportSchema = z.object({
  format: z.enum(INGEST_FORMATS),
  channel: z.string(),
  dryRun: z.boolean(),
  /** False when reading stopped before the end of the input (see the last failure). */
  complete: z.boolean(),
  /** Items read: non-blank lines, CSV records, CoT events, GeoJSON features. */
  received: z.int().min(0),
  /** Items that passed every check. In a real run, accepted + duplicates. */
  valid: z.int().min(0),
  /** Stored now. Always 0 in a dry run. */
  accepted: z.int().min(0),
  /** Already stored before (same agency and id), so not stored again. Unknown in a dry run. */
  duplicates: z.int().min(0),
  failed: z.int().min(0),
  /** Failed items in line order, at most MAX_LISTED_FAILURES of them. */
  failures: z.array(lineFailureSchema),
  /** Failed items counted in `failed` but not listed. */
  unlistedFailures: z.int().min(0),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

export const ROLES = ['coordinator', 'officer', 'trainer', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** The public view of a user, as the API returns it. */
export const userViewSchema = z.object({
  username: z.string().min(1),
  role: roleSchema,
  agency: agencySchema,
  unitId: z.string().min(1).nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

/** 200 from POST /api/session. The token is also set as a cookie; tools send it as a bearer. */
export const signInReplySchema = z.object({
  token: z.string().min(1),
  user: userViewSchema,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SignInReply = z.infer<typeof signInReplySchema>;

/** 200 from GET /api/session: who this session belongs to. */
export const sessionReplySchema = z.object({ user: userViewSchema });
export type SessionReply = z.infer<typeof sessionReplySchema>;

/** 200 from GET /api/client-config: what the browser needs to know about this deployment. Nothing secret. */
export const clientConfigSchema = z.object({
  unitFadeMinutes: z.number().positive(),
  /** Field reports, incidents and bulletins stay on the wall's feed at least this long. */
  feedKeepMinutes: z.number().positive(),
  tileUrl: z.string().min(1).nullable(),
  bounds: regionBoundsSchema,
  maxTextLength: z.int().min(1),
  maxBatchSize: z.int().min(1),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

/** 200 from GET /api/events: one page of a channel, in seq order, as far as `through`. */
export const eventsPageSchema = z.object({
  channel: z.string().min(1),
  events: z.array(storedEventSchema),
  /** How far this page reaches (page on with `after=through`), even when its last events were not visible to the reader. */
  through: z.int().min(0),
});
export type EventsPage = z.infer<typeof eventsPageSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The projection's picture as JSON. Its type is the projection's own (lib/projection/picture.ts);
 * the check here is of its frame — the five collections and the seq — not a second description of it.
 */
export const pictureSchema = z.custom<Picture>(
  (value) =>
    isRecord(value) &&
    Number.isInteger(value.seq) &&
    isRecord(value.units) &&
    isRecord(value.queues) &&
    isRecord(value.incidents) &&
    isRecord(value.deployments) &&
    Array.isArray(value.feed),
  'not a picture: expected seq, units, queues, incidents, deployments and feed',
);

/** 200 from GET /api/state: the reader's picture of a channel as of `seq` (the socket's snapshot). */
export const snapshotReplySchema = z.object({ channel: z.string().min(1), seq: z.int().min(0), picture: pictureSchema });
export type SnapshotReply = z.infer<typeof snapshotReplySchema>;

/** One line of the audit trail (GET /api/audit, admins only). */
export const auditEntrySchema = z.object({
  id: z.int().min(1),
  at: z.iso.datetime({ offset: true }),
  actor: z.string(),
  agency: z.string().nullable(),
  /** The server's list of actions grows with its capabilities; readers show it as text. */
  action: z.string().min(1),
  target: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  detail: z.string().nullable(),
  address: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** 200 from GET /api/audit. */
export const auditReplySchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditReply = z.infer<typeof auditReplySchema>;

/** The longest period a handover brief covers (GET /api/handover): two shifts of a day each way. */
export const HANDOVER_MAX_HOURS = 48;
/** The period a brief covers when none is asked for: the last 12 h, one shift. */
export const HANDOVER_DEFAULT_HOURS = 12;

const handoverInstant = z.iso.datetime({ offset: true });
const handoverIncidentSchema = z.object({
  incidentId: z.string().min(1),
  /** The agency that first reported it. */
  agency: agencySchema,
  kind: incidentKindSchema,
  severity: severitySchema,
  text: z.string(),
  people: z.int().min(0).optional(),
  minors: z.int().min(0).optional(),
  openedAt: handoverInstant,
  updatedAt: handoverInstant,
  /** `national`: shown only to the reporting agency's country. */
  releasability: releasabilitySchema,
  /** Where it stands in its lifecycle at the end of the period. */
  status: z.enum(INCIDENT_STATUSES),
  /** The agency responsible (set at validation). */
  owner: agencySchema.optional(),
  impact: z.enum(IMPACTS),
});

/** One queue (post and direction) over the period. */
const handoverQueueSchema = z.object({
  post: postIdSchema,
  direction: queueDirectionSchema,
  /** The latest count before the end of the period (it may come from before its start). */
  current: z.object({ waiting: z.int().min(0), waitMinutes: z.int().min(0).optional(), at: handoverInstant }).nullable(),
  /** The highest count reported within the period, and when. */
  peak: z.object({ waiting: z.int().min(0), at: handoverInstant }).nullable(),
  /** The longest wait reported within the period, in minutes. */
  peakWaitMinutes: z.int().min(0).nullable(),
  /** The alert level in force (people waiting), when there is one. */
  level: z.int().min(0).nullable(),
  /** The latest count before the period started, so a chart begins at its left edge. */
  atStart: z.object({ at: handoverInstant, waiting: z.int().min(0) }).nullable(),
  /** Counts within the period in time order, at most one per `bucketMinutes` (the highest in it). */
  series: z.array(z.object({ at: handoverInstant, waiting: z.int().min(0) })),
  bucketMinutes: z.int().min(1),
  /** Counts reported within the period (before bucketing). */
  reports: z.int().min(0),
});

/** Units of one agency that reported within the period, counted by their last status. */
const handoverUnitsSchema = z.object({
  agency: agencySchema,
  total: z.int().min(0),
  /** Status → units; `unknown` for units that never said. */
  byStatus: z.record(z.string(), z.int().min(0)),
});

/** 200 from GET /api/handover: the brief of one period, as the asking reader may see it. */
export const handoverReplySchema = z.object({
  channel: z.string().min(1),
  period: z.object({ from: handoverInstant, to: handoverInstant }),
  generatedAt: handoverInstant,
  /** Whose view this is: binational events plus this country's national ones (or binational only). */
  scope: z.enum(['CL', 'PE', 'binational-only']),
  /** Open at the end of the period: most severe first, then oldest first. */
  openIncidents: z.array(handoverIncidentSchema),
  /** Closed within the period, latest first. */
  closedIncidents: z.array(
    handoverIncidentSchema.extend({
      closedAt: handoverInstant,
      outcome: z.enum(CLOSE_OUTCOMES).optional(),
      duplicateOf: z.string().optional(),
      closingNote: z.string().optional(),
    }),
  ),
  /** Incidents opened within the period (open or closed since). */
  openedInPeriod: z.int().min(0),
  queues: z.array(handoverQueueSchema),
  units: z.array(handoverUnitsSchema),
  /** Alerts raised within the period (latest first), acknowledged or not by its end. */
  alerts: z.array(
    z.object({
      alertId: z.string().min(1),
      kind: z.enum(ALERT_KINDS),
      agency: agencySchema,
      raisedAt: handoverInstant,
      text: z.string().optional(),
      incidentId: z.string().optional(),
      post: postIdSchema.optional(),
      direction: queueDirectionSchema.optional(),
      /** When and by which role it was acknowledged, if before the end of the period. */
      acknowledged: z.object({ at: handoverInstant, role: z.string() }).optional(),
    }),
  ),
});
export type HandoverReply = z.infer<typeof handoverReplySchema>;
export type HandoverIncident = HandoverReply['openIncidents'][number];
export type HandoverClosedIncident = HandoverReply['closedIncidents'][number];
export type HandoverQueue = HandoverReply['queues'][number];
export type HandoverUnits = HandoverReply['units'][number];
export type HandoverAlert = HandoverReply['alerts'][number];

/** 200 from GET /healthz: the process is alive and serves requests (nothing about the store). */
export const livenessReplySchema = z.object({ ok: z.literal(true) });
export type LivenessReply = z.infer<typeof livenessReplySchema>;

/** GET /readyz: 200 when ready to take writes, 503 with the same body saying why not. */
export const readinessReplySchema = z.object({
  ready: z.boolean(),
  store: z.object({
    engine: z.enum(['sqlite', 'postgresql']),
    /** A query answered. */
    reachable: z.boolean(),
    /** A small probe write committed (and, on SQLite, the disk keeps its reserve). */
    writable: z.boolean(),
    /** The schema is at the version this build needs. */
    migrated: z.boolean(),
    /** Why not, when one of the above is false. */
    problem: z.string().optional(),
  }),
});
export type ReadinessReply = z.infer<typeof readinessReplySchema>;

/** Where one tasked unit stands on its tasking, as its officer's phone shows it. */
export const PHONE_TASKING_STATES = ['assigned', 'accepted', 'declined', 'on-scene', 'done'] as const;

/**
 * One tasking of the officer's unit with the incident it is about (a summary: counts and
 * position of the group, never names). `finishedAt` when the unit is done or declined, or the
 * incident closed: the phone keeps showing it for a while, as finished.
 */
export const phoneTaskingSchema = z.object({
  taskingId: z.string().min(1),
  incidentId: z.string().min(1),
  state: z.enum(PHONE_TASKING_STATES),
  assignedAt: z.string(),
  /** When the unit's state last changed. */
  since: z.string(),
  /** The coordinator's note with the tasking. */
  text: z.string().optional(),
  finishedAt: z.string().optional(),
  incident: z.object({
    kind: incidentKindSchema,
    severity: severitySchema,
    status: z.enum(INCIDENT_STATUSES),
    impact: z.enum(IMPACTS).optional(),
    text: z.string(),
    people: z.int().min(0).optional(),
    minors: z.int().min(0).optional(),
    position: positionSchema,
    /** The response taken or planned, given at validation. */
    response: z.string().optional(),
  }),
});
export type PhoneTasking = z.infer<typeof phoneTaskingSchema>;

/** 200 from GET /api/taskings?channel=: the signed-in officer's unit, its availability and its taskings. */
export const phoneTaskingsReplySchema = z.object({
  channel: z.string(),
  /** The channel's seq the answer was read at. */
  seq: z.int().min(0),
  /** Null when the account has no unit (nothing can be tasked to it). */
  unit: z
    .object({
      agency: agencySchema,
      unitId: z.string().min(1),
      availability: z.enum(UNIT_AVAILABILITIES),
      /** Since when (absent while the unit has never been tasked). */
      since: z.string().optional(),
    })
    .nullable(),
  /** Open taskings first, newest first; then the recently finished. */
  taskings: z.array(phoneTaskingSchema),
});
export type PhoneTaskingsReply = z.infer<typeof phoneTaskingsReplySchema>;
