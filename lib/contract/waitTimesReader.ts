/**
 * Reads GET /api/public/wait-times without zod: the public board is read on phones at the border,
 * on a weak signal, so its bundle stays small. It accepts exactly what `waitTimesReplySchema`
 * (waitTimes.ts) accepts; waitTimesReader.test.ts holds the two together so they cannot drift.
 */
import { BORDER_POST_IDS } from '../geo/borderPosts.ts';
import { QUEUE_DIRECTIONS } from './vocabulary.ts';
import type { WaitTime, WaitTimesReply } from './waitTimes.ts';

/** An RFC 3339 instant with Z or an offset, as zod's `z.iso.datetime({ offset: true })` (zod/v4/core/regexes.js) checks it. */
const INSTANT = new RegExp(
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))' +
    'T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
);
const REPLY_KEYS = ['generatedAt', 'waitTimes'];
const WAIT_TIME_KEYS = ['post', 'postName', 'direction', 'waiting', 'waitMinutes', 'updatedAt'];

/** The reply as `waitTimesReplySchema` parses it, or null when it does not match. */
export function readWaitTimesReply(value: unknown): WaitTimesReply | null {
  if (!isStrictRecord(value, REPLY_KEYS) || !isInstant(value.generatedAt) || !Array.isArray(value.waitTimes)) return null;
  const waitTimes: WaitTime[] = [];
  for (const item of value.waitTimes) {
    const waitTime = readWaitTime(item);
    if (!waitTime) return null;
    waitTimes.push(waitTime);
  }
  return { generatedAt: value.generatedAt, waitTimes };
}

function readWaitTime(value: unknown): WaitTime | null {
  if (!isStrictRecord(value, WAIT_TIME_KEYS)) return null;
  const { post, postName, direction, waiting, waitMinutes, updatedAt } = value;
  if (!isOneOf(post, BORDER_POST_IDS) || typeof postName !== 'string' || !isOneOf(direction, QUEUE_DIRECTIONS)) return null;
  if (!isCount(waiting) || (waitMinutes !== undefined && !isCount(waitMinutes)) || !isInstant(updatedAt)) return null;
  return { post, postName, direction, waiting, ...(waitMinutes === undefined ? {} : { waitMinutes }), updatedAt };
}

/** A plain object with no key but these (zod's strictObject). */
function isStrictRecord(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => keys.includes(key));
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** zod's `z.int().min(0)`: a safe integer, not negative. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value);
}
