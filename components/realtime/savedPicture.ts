/**
 * The picture a wall held, as it is kept in the browser between two loads (pictureStore.ts): the
 * projected picture, the seq it reflects (the cursor to resume from) and when the server was last
 * heard, which is what a restored picture is "stale since". Pure: no storage, no clock.
 *
 * What is read back is checked again, by hand (no zod in the wall's bundle): another version of
 * the page may have written it. A record of another format version, another viewer or channel,
 * or older than SAVED_PICTURE_MAX_AGE_MS is not used.
 */
import type { Picture } from '@/lib/projection/picture.ts';

/** Bump whenever Picture's shape changes: a picture saved by another version is dropped, not guessed at. */
export const SAVED_PICTURE_FORMAT = 1;
/** A picture older than this (by when the server was last heard) is deleted rather than shown. */
export const SAVED_PICTURE_MAX_AGE_MS = 7 * 24 * 60 * 60_000; // a week: an outage, not a stale screen from last month
/** Pictures kept per browser (viewer × channel), the most recently saved first: the live wall and a few exercises. */
export const SAVED_PICTURES_KEPT = 4;

export interface SavedPicture {
  /** Viewer and channel: see savedPictureKey. */
  key: string;
  format: number;
  channel: string;
  /** The last seq the picture reflects: the subscription resumes after it. */
  seq: number;
  picture: Picture;
  /** Epoch ms: the last event or heartbeat heard from the server before saving. */
  lastHeardAt: number;
  /** Epoch ms: when it was written. */
  savedAt: number;
}

/**
 * What a channel subscription needs to outlive a reload: the last picture kept (restored before
 * the socket subscribes, so its seq becomes the cursor), and a place to keep the current one.
 */
export interface PictureKeeper {
  restore(): Promise<Pick<SavedPicture, 'picture' | 'lastHeardAt'> | undefined>;
  /** Throttled: called on every change, writes at most every few seconds. */
  keep(picture: Picture, lastHeardAt: number): void;
  /** Writes what is waiting now (the page is being hidden or closed). */
  flush(): void;
  /** Deletes the kept picture (the session ended, the exercise is gone). */
  forget(): void;
}

/**
 * One record per viewer and channel: what a reader may see depends on who they are (agency,
 * role), so one coordinator's picture is never restored for another on the same browser.
 */
export function savedPictureKey(viewer: string, channel: string): string {
  return `${viewer}\n${channel}`;
}

export function toSavedPicture(viewer: string, channel: string, picture: Picture, lastHeardAt: number, savedAt: number): SavedPicture {
  return { key: savedPictureKey(viewer, channel), format: SAVED_PICTURE_FORMAT, channel, seq: picture.seq, picture, lastHeardAt, savedAt };
}

/** The record if it is a usable picture for this viewer and channel at `now`; undefined otherwise. */
export function readSavedPicture(raw: unknown, viewer: string, channel: string, now: number): SavedPicture | undefined {
  if (!isRecord(raw)) return undefined;
  const { key, format, seq, picture, lastHeardAt, savedAt } = raw;
  if (format !== SAVED_PICTURE_FORMAT || key !== savedPictureKey(viewer, channel) || raw.channel !== channel) return undefined;
  if (!isSeq(seq) || !isTime(lastHeardAt) || !isTime(savedAt) || !isPicture(picture) || picture.seq !== seq) return undefined;
  if (now - lastHeardAt > SAVED_PICTURE_MAX_AGE_MS) return undefined;
  return { key, format, channel, seq, picture, lastHeardAt, savedAt };
}

function isPicture(value: unknown): value is Picture {
  if (!isRecord(value) || !isSeq(value.seq) || !Array.isArray(value.feed)) return false;
  return [value.units, value.queues, value.incidents, value.deployments].every((c) => isRecord(c) && Object.values(c).every(isRecord));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
