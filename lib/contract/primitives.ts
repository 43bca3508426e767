/** Schemas shared by every event file of the contract (events.ts, workflow.ts), kept apart so neither imports the other's module. */
import { z } from 'zod';
import { BORDER_POST_IDS } from '../geo/borderPosts.ts';
import { QUEUE_DIRECTIONS } from './vocabulary.ts';

/** Upper bounds that no real report reaches; larger numbers are typos or garbage. */
export const LIMITS = {
  /** People in one group or at one incident. The 2023 crisis peaked near 400. */
  people: 10_000,
  /** People waiting at one post and direction. Peak days see ~22,000 crossings in 24 h. */
  waiting: 50_000,
  /** Minutes of waiting: a week. */
  waitMinutes: 7 * 24 * 60,
  /** Troops or officers in one deployment. */
  personnel: 10_000,
  idLength: 100,
  shortTextLength: 120,
} as const;

export const postIdSchema = z.enum(BORDER_POST_IDS);
export const queueDirectionSchema = z.enum(QUEUE_DIRECTIONS);

/** Ids chosen by senders: printable, no spaces, safe in URLs and logs. */
export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'use letters, digits and . _ : @ - only');
