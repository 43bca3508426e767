/**
 * Which channel the report page posts to, and whether it may. `/report` is live operations;
 * `/report?channel=training:<id>` is one exercise, reached from the trainer console's QR code. The
 * page reads the channel from its own address in the browser (the service worker's saved copy of
 * the page is the same for every channel), asks the server about the exercise, and offers its form
 * only when the exercise exists and the account may post to it. Pure: the hooks do the I/O.
 */
import { channelSchema } from '@/lib/contract/channels.ts';
import { isTrainingChannel, LIVE_CHANNEL, TRAINING_PREFIX } from '@/lib/contract/channelNames.ts';
import { sessionViewSchema } from '@/lib/contract/training.ts';
import type { ClockState } from '@/lib/scenario/clock.ts';

export type ReportTarget =
  | { kind: 'live'; channel: typeof LIVE_CHANNEL }
  | { kind: 'exercise'; channel: string; sessionId: string }
  /** An address naming something that is not a channel: nothing can be posted from it. */
  | { kind: 'invalid' };

/** Reads `?channel=` from the page's query string ("" or "?…"). No channel is live. */
export function readReportTarget(search: string): ReportTarget {
  const requested = new URLSearchParams(search).get('channel');
  if (requested === null) return { kind: 'live', channel: LIVE_CHANNEL };
  const parsed = channelSchema.safeParse(requested);
  if (!parsed.success) return { kind: 'invalid' };
  if (!isTrainingChannel(parsed.data)) return { kind: 'live', channel: LIVE_CHANNEL };
  return { kind: 'exercise', channel: parsed.data, sessionId: parsed.data.slice(TRAINING_PREFIX.length) };
}

/** What the page knows about the exercise behind its channel, from GET /api/training/:id. */
export type ExerciseCheck =
  | { kind: 'checking' }
  | { kind: 'open'; clock: ClockState; receivedAt: number; mayPost: boolean }
  /** 404: no such session, or it ended. `seen`: this page saw it running (so it ended). */
  | { kind: 'gone'; seen: boolean }
  /** No usable answer (offline, server trouble); `last` is what the page last knew, if anything. */
  | { kind: 'unreachable'; last: Extract<ExerciseCheck, { kind: 'open' }> | null };

/** The parts of GET /api/training/:id the phone needs; the rest of the view may change without breaking it. */
const sessionAnswer = sessionViewSchema.pick({ clock: true, mayPost: true });

/** Folds one answer into what the page knew before. */
export function readExerciseAnswer(previous: ExerciseCheck, status: number | null, body: unknown, receivedAt: number): ExerciseCheck {
  const last = previous.kind === 'open' ? previous : previous.kind === 'unreachable' ? previous.last : null;
  if (status === 404) return { kind: 'gone', seen: last !== null || (previous.kind === 'gone' && previous.seen) };
  if (status === 200) {
    const parsed = sessionAnswer.safeParse(body);
    // An older server says nothing about posting: it refuses officers, so say so before they type.
    if (parsed.success) return { kind: 'open', clock: parsed.data.clock, receivedAt, mayPost: parsed.data.mayPost ?? false };
  }
  return { kind: 'unreachable', last };
}

export type PostingVerdict =
  | { kind: 'ok' }
  /** Not known yet (checking, or offline before the exercise was ever reached): the form waits. */
  | { kind: 'wait'; reason: 'checking' | 'offline' }
  | { kind: 'blocked'; reason: 'invalid-channel' | 'unknown-session' | 'ended' | 'not-permitted' };

/** Whether the page offers its form. Live is always open here (the page guard already chose who sees it). */
export function postingVerdict(target: ReportTarget, check: ExerciseCheck): PostingVerdict {
  if (target.kind === 'invalid') return { kind: 'blocked', reason: 'invalid-channel' };
  if (target.kind === 'live') return { kind: 'ok' };
  switch (check.kind) {
    case 'checking':
      return { kind: 'wait', reason: 'checking' };
    case 'gone':
      return { kind: 'blocked', reason: check.seen ? 'ended' : 'unknown-session' };
    case 'open':
      return check.mayPost ? { kind: 'ok' } : { kind: 'blocked', reason: 'not-permitted' };
    case 'unreachable':
      // Seen open before: the report waits in the outbox for this exercise, and only for it.
      if (!check.last) return { kind: 'wait', reason: 'offline' };
      return check.last.mayPost ? { kind: 'ok' } : { kind: 'blocked', reason: 'not-permitted' };
  }
}

/** The clock the page last heard, if any: what it shows and what an exercise report is timed by. */
export function knownClock(check: ExerciseCheck): { clock: ClockState; receivedAt: number } | null {
  if (check.kind === 'open') return check;
  if (check.kind === 'unreachable') return check.last;
  return null;
}
