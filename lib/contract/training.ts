/**
 * The training API's answers, one schema and one type each, for the server (server/training),
 * which builds them, and the console (components/training), which parses them.
 */
import { z } from 'zod';
import { clockStateSchema } from '../scenario/clock.ts';
import { localizedSchema, milestoneSchema, scenarioSummarySchema } from '../scenario/scenarioFile.ts';

/** Why a restored session is paused: shown in the console. */
export const restoreNoticeSchema = z.object({
  restoredAt: z.iso.datetime({ offset: true }),
  wasPlaying: z.boolean(),
});
export type RestoreNotice = z.infer<typeof restoreNoticeSchema>;

/** GET /api/training/:id */
export const sessionViewSchema = z.object({
  id: z.string().min(1),
  channel: z.string().min(1),
  scenario: z.object({
    id: z.string().min(1),
    title: localizedSchema,
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    milestones: z.array(milestoneSchema),
  }),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
  clock: clockStateSchema,
  seq: z.int().min(0),
  /** False when this server keeps sessions in memory only: a restart ends them. */
  persistent: z.boolean(),
  /** Set when the session was restored after a restart (and is paused because of it). */
  restored: restoreNoticeSchema.optional(),
  /** GET /api/training/:id only: whether the account asking may post reports to this session. */
  mayPost: z.boolean().optional(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** GET /api/training */
export const sessionListSchema = z.object({
  sessions: z.array(sessionViewSchema),
  persistent: z.boolean(),
  problem: z.string().nullable(),
});
export type SessionList = z.infer<typeof sessionListSchema>;

/** 201 from POST /api/training: the new session and the channel its events go to. */
export const createdSessionSchema = z.object({
  id: z.string().min(1),
  channel: z.string().min(1),
  session: sessionViewSchema,
});
export type CreatedSession = z.infer<typeof createdSessionSchema>;

/** GET /api/scenarios: the catalog. */
export const scenarioListSchema = z.object({ scenarios: z.array(scenarioSummarySchema) });
export type ScenarioList = z.infer<typeof scenarioListSchema>;
