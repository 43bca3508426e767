import { z } from 'zod';

/**
 * A channel is one stream of events with its own `seq`. `live` is real operations; each training
 * exercise has its own `training:<id>`, so exercises can never mix with live operations.
 */
export const LIVE_CHANNEL = 'live';
export const TRAINING_PREFIX = 'training:';

export const channelSchema = z
  .string()
  .max(80)
  .regex(/^(live|training:[A-Za-z0-9_-]{1,64})$/, 'channel must be "live" or "training:<id>"');
export type Channel = z.infer<typeof channelSchema>;

export function trainingChannel(sessionId: string): Channel {
  return `${TRAINING_PREFIX}${sessionId}`;
}

export function isTrainingChannel(channel: string): boolean {
  return channel.startsWith(TRAINING_PREFIX);
}
