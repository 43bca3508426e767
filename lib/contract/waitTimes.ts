/**
 * The public wait-time feed (GET /api/public/wait-times, no sign-in): per border post and
 * direction, the latest binational queue report. It is built from the binational picture only, and
 * only from these fields, so nothing national-only, no incident, unit or minors count can reach it.
 *
 * Windows open/available and a post's status are not in the contract yet; when they are, they
 * join here as optional fields ("where known").
 */
import { z } from 'zod';
import { BORDER_POST_IDS } from '../geo/borderPosts.ts';
import { QUEUE_DIRECTIONS } from './vocabulary.ts';

export const waitTimeSchema = z.strictObject({
  post: z.enum(BORDER_POST_IDS),
  /** The post's official name, for feeds read without Concordia's vocabulary. */
  postName: z.string(),
  direction: z.enum(QUEUE_DIRECTIONS),
  /** People waiting, as last reported. */
  waiting: z.int().min(0),
  /** Estimated minutes of waiting, when the reporting agency gave one. */
  waitMinutes: z.int().min(0).optional(),
  /** When the report was made (the agency's occurredAt), ISO 8601. */
  updatedAt: z.iso.datetime({ offset: true }),
});
export type WaitTime = z.infer<typeof waitTimeSchema>;

export const waitTimesReplySchema = z.strictObject({
  /** When this reply was computed; replies are cached for CACHE seconds. */
  generatedAt: z.iso.datetime({ offset: true }),
  waitTimes: z.array(waitTimeSchema),
});
export type WaitTimesReply = z.infer<typeof waitTimesReplySchema>;

/** The CSV form's columns, in order. */
export const WAIT_TIME_CSV_COLUMNS = ['post', 'post_name', 'direction', 'waiting', 'wait_minutes', 'updated_at'] as const;
