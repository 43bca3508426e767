/**
 * Channel names, without their schema (channels.ts): what a wall's bundle needs, so it carries no zod.
 * A channel is one stream of events with its own `seq`. `live` is real operations; each training
 * exercise has its own `training:<id>`, so exercises can never mix with live operations.
 */
export const LIVE_CHANNEL = 'live';
export const TRAINING_PREFIX = 'training:';

/** A `Channel` (channels.ts) when `sessionId` is 1–64 of [A-Za-z0-9_-]. */
export function trainingChannel(sessionId: string): string {
  return `${TRAINING_PREFIX}${sessionId}`;
}

export function isTrainingChannel(channel: string): boolean {
  return channel.startsWith(TRAINING_PREFIX);
}
