/**
 * Exercises get the whole workflow (issue 14, point 7): on a training channel "now" is the
 * exercise clock's time, so steps, overdue timers and alerts run on exercise time exactly as they
 * run on real time on the live channel.
 */
import { isTrainingChannel, LIVE_CHANNEL, TRAINING_PREFIX } from '../../lib/contract/channelNames.ts';

/** What the workflow needs of the training sessions (server/training's TrainingSessions). */
export interface Exercises {
  get(id: string): { channel: string; clock: { time(): number } } | undefined;
  list(): readonly { channel: string }[];
}

/** The channel's "now" in epoch ms: its exercise clock on a training channel that has one, else the server's clock. */
export function channelNow(channel: string, training: Exercises | undefined, now: () => number = Date.now): number {
  if (!isTrainingChannel(channel)) return now();
  return training?.get(channel.slice(TRAINING_PREFIX.length))?.clock.time() ?? now();
}

/** The live channel and every exercise's channel. */
export function workflowChannels(training: Exercises | undefined): string[] {
  return [LIVE_CHANNEL, ...(training?.list().map((session) => session.channel) ?? [])];
}
