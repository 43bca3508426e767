import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { project } from '@/lib/projection/picture.ts';
import * as make from '@/lib/testing/eventFactory.ts';
import { forgetSavedPictures, pictureStore } from '@/components/realtime/pictureStore.ts';
import { SAVED_PICTURES_KEPT } from '@/components/realtime/savedPicture.ts';

const picture = project(make.stored([make.unitPosition(), make.incident()]));
let databases = 0;
const freshDb = () => `wall-test-${++databases}`;
const settled = () => new Promise((r) => setTimeout(r, 50));

describe('pictureStore (IndexedDB)', () => {
  it('forgets every viewer’s picture when someone signs in on this browser', async () => {
    const dbName = freshDb();
    const now = () => 1_700_000_060_000;
    pictureStore('viewer-a', 'live', { dbName, intervalMs: 0, now }).keep(picture, 1_700_000_000_000);
    pictureStore('viewer-b', 'training:s1', { dbName, intervalMs: 0, now }).keep(picture, 1_700_000_000_000);
    await settled();
    expect(await pictureStore('viewer-a', 'live', { dbName, now }).restore()).toBeDefined();
    await forgetSavedPictures(dbName);
    expect(await pictureStore('viewer-a', 'live', { dbName, now }).restore()).toBeUndefined();
    expect(await pictureStore('viewer-b', 'training:s1', { dbName, now }).restore()).toBeUndefined();
  });

  it('restores the picture kept for the same viewer and channel, and nothing for another viewer', async () => {
    const dbName = freshDb();
    const now = () => 1_700_000_060_000;
    const store = pictureStore('viewer-a', 'live', { dbName, intervalMs: 0, now });
    expect(await store.restore()).toBeUndefined();
    store.keep(picture, 1_700_000_000_000);
    await settled();
    expect(await pictureStore('viewer-a', 'live', { dbName, now }).restore()).toEqual({ picture, lastHeardAt: 1_700_000_000_000 });
    expect(await pictureStore('viewer-b', 'live', { dbName, now }).restore()).toBeUndefined();
  });

  it('keeps at most a few pictures, dropping the least recently saved', async () => {
    const dbName = freshDb();
    let clock = 1_700_000_000_000;
    const channels = Array.from({ length: SAVED_PICTURES_KEPT + 2 }, (_, i) => `training:s${i}`);
    for (const channel of channels) {
      clock += 1_000;
      pictureStore('v', channel, { dbName, now: () => clock }).keep(picture, clock);
      await settled();
    }
    const restored = await Promise.all(channels.map((c) => pictureStore('v', c, { dbName, now: () => clock }).restore()));
    expect(restored.map((r) => r !== undefined)).toEqual(channels.map((_, i) => i >= 2));
  });

  it('forgets the picture when asked, and drops what was waiting to be written', async () => {
    const dbName = freshDb();
    const now = () => 1_700_000_060_000;
    const store = pictureStore('v', 'live', { dbName, intervalMs: 300, now });
    store.keep(picture, 1_700_000_000_000);
    store.keep(picture, 1_700_000_001_000); // waits for the interval
    await settled();
    expect(await pictureStore('v', 'live', { dbName, now }).restore()).toBeDefined();
    store.forget();
    await new Promise((r) => setTimeout(r, 400)); // past the interval: the waiting write must not come
    expect(await pictureStore('v', 'live', { dbName, now }).restore()).toBeUndefined();
  });
});
