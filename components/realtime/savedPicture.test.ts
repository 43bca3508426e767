import { describe, expect, it } from 'vitest';
import { project } from '@/lib/projection/picture.ts';
import * as make from '@/lib/testing/eventFactory.ts';
import {
  readSavedPicture,
  SAVED_PICTURE_FORMAT,
  SAVED_PICTURE_MAX_AGE_MS,
  savedPictureKey,
  toSavedPicture,
} from '@/components/realtime/savedPicture.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const picture = project(make.stored([make.unitPosition(), make.incident(), make.queueUpdate(), make.bulletin()]));

/** What IndexedDB hands back: a structured clone, so the same as a JSON round trip for this data. */
const roundTrip = <T>(value: T): unknown => structuredClone(value);

describe('saved picture', () => {
  it('reads back what it wrote, with the seq to resume from and since when it is stale', () => {
    const saved = toSavedPicture('viewer-a', 'live', picture, NOW - 30_000, NOW - 25_000);
    expect(saved).toMatchObject({
      format: SAVED_PICTURE_FORMAT,
      channel: 'live',
      seq: 4,
      lastHeardAt: NOW - 30_000,
      savedAt: NOW - 25_000,
    });
    const read = readSavedPicture(roundTrip(saved), 'viewer-a', 'live', NOW);
    expect(read?.picture).toEqual(picture);
    expect(read?.seq).toBe(picture.seq);
    expect(read?.lastHeardAt).toBe(NOW - 30_000);
  });

  it('is never restored for another viewer or another channel', () => {
    const saved = roundTrip(toSavedPicture('viewer-a', 'live', picture, NOW, NOW));
    expect(readSavedPicture(saved, 'viewer-b', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture(saved, 'viewer-a', 'training:x', NOW)).toBeUndefined();
    expect(savedPictureKey('a', 'live')).not.toBe(savedPictureKey('b', 'live'));
  });

  it('drops a picture of another format, a damaged one, or one older than the limit', () => {
    const saved = toSavedPicture('v', 'live', picture, NOW - 1_000, NOW);
    expect(readSavedPicture({ ...saved, format: SAVED_PICTURE_FORMAT + 1 }, 'v', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture({ ...saved, seq: 3 }, 'v', 'live', NOW)).toBeUndefined(); // seq and picture disagree
    expect(readSavedPicture({ ...saved, seq: -1 }, 'v', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture({ ...saved, picture: { ...picture, units: null } }, 'v', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture({ ...saved, picture: { ...picture, feed: {} } }, 'v', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture({ ...saved, lastHeardAt: 'yesterday' }, 'v', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture('not a record', 'v', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture(undefined, 'v', 'live', NOW)).toBeUndefined();
    expect(readSavedPicture(saved, 'v', 'live', NOW - 1_000 + SAVED_PICTURE_MAX_AGE_MS)).toBeDefined();
    expect(readSavedPicture(saved, 'v', 'live', NOW + SAVED_PICTURE_MAX_AGE_MS)).toBeUndefined();
  });
});
