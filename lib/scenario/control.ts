/**
 * What a trainer may ask of an exercise, as the API accepts it (POST /api/training/:id/control)
 * and the console sends it: one schema for both.
 */
import { z } from 'zod';
import { speedSchema } from './clock.ts';
import { slugSchema } from './scenarioFile.ts';

export const controlCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('play'), speed: speedSchema.optional() }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('speed'), speed: speedSchema }),
  z
    .strictObject({
      action: z.literal('seek'),
      /** An instant with its offset, e.g. "2025-12-01T14:55:00-03:00". */
      at: z.iso.datetime({ offset: true }).optional(),
      milestone: slugSchema.optional(),
    })
    .refine((c) => (c.at === undefined) !== (c.milestone === undefined), {
      message: 'give either "at" or "milestone"',
      path: ['at'],
    }),
]);
export type ControlCommand = z.infer<typeof controlCommandSchema>;

export const createSessionSchema = z.strictObject({ scenario: slugSchema });
