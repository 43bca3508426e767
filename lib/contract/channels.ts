import { z } from 'zod';

/** The channel name's schema; the names themselves and their helpers live in channelNames.ts. */
export const channelSchema = z
  .string()
  .max(80)
  .regex(/^(live|training:[A-Za-z0-9_-]{1,64})$/, 'channel must be "live" or "training:<id>"');
export type Channel = z.infer<typeof channelSchema>;
