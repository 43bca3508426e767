/**
 * Keeps a wall's picture in IndexedDB (database "concordia-wall"), one record per viewer and
 * channel, so a reload with no network shows the last picture held instead of nothing. Writes are
 * throttled (SAVE_INTERVAL_MS) and flushed when the page is hidden; at most SAVED_PICTURES_KEPT
 * records are kept, the least recently saved deleted first. Storage failures (private mode, quota)
 * only cost the offline copy: the wall goes on live.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Picture } from '@/lib/projection/picture.ts';
import {
  readSavedPicture,
  SAVED_PICTURES_KEPT,
  savedPictureKey,
  toSavedPicture,
  type PictureKeeper,
  type SavedPicture,
} from '@/components/realtime/savedPicture.ts';
import { throttle } from '@/components/realtime/throttle.ts';

export const WALL_DB_NAME = 'concordia-wall';
const DB_VERSION = 1;
/**
 * A write copies the whole picture (thousands of units on a busy wall): every 5 s at most keeps
 * that off the frame budget, and a reload loses at most 5 s, which the seq cursor then replays.
 */
export const SAVE_INTERVAL_MS = 5_000;

interface WallDb extends DBSchema {
  pictures: { key: string; value: SavedPicture; indexes: { bySavedAt: number } };
}

let opened: Promise<IDBPDatabase<WallDb>> | null = null;

function database(name: string): Promise<IDBPDatabase<WallDb>> {
  if (name !== WALL_DB_NAME) return open(name); // tests use their own databases
  opened ??= open(name).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

function open(name: string): Promise<IDBPDatabase<WallDb>> {
  return openDB<WallDb>(name, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('pictures', { keyPath: 'key' }).createIndex('bySavedAt', 'savedAt');
    },
  });
}

export interface PictureStoreOptions {
  dbName?: string;
  intervalMs?: number;
  now?: () => number;
}

export function pictureStore(viewer: string, channel: string, options: PictureStoreOptions = {}): PictureKeeper {
  const { dbName = WALL_DB_NAME, intervalMs = SAVE_INTERVAL_MS, now = Date.now } = options;
  const key = savedPictureKey(viewer, channel);
  const db = () => database(dbName);
  const warn = (what: string) => (error: unknown) => console.warn(`wall picture: ${what} failed`, error);

  const write = (record: SavedPicture) => void save(db, record).catch(warn('saving'));
  const writer = throttle(write, intervalMs);

  return {
    async restore() {
      try {
        const raw = await (await db()).get('pictures', key);
        const saved = readSavedPicture(raw, viewer, channel, now());
        if (!saved && raw !== undefined) await (await db()).delete('pictures', key);
        return saved && { picture: saved.picture, lastHeardAt: saved.lastHeardAt };
      } catch (error) {
        warn('restoring')(error);
        return undefined;
      }
    },
    keep(picture: Picture, lastHeardAt: number) {
      writer.push(toSavedPicture(viewer, channel, picture, lastHeardAt, now()));
    },
    flush: () => writer.flush(),
    forget() {
      writer.cancel();
      void db()
        .then((d) => d.delete('pictures', key))
        .catch(warn('deleting'));
    },
  };
}

async function save(db: () => Promise<IDBPDatabase<WallDb>>, record: SavedPicture): Promise<void> {
  const tx = (await db()).transaction('pictures', 'readwrite');
  await tx.store.put(record);
  // The index lists keys by savedAt, oldest first: drop all but the newest few.
  const keys = await tx.store.index('bySavedAt').getAllKeys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - SAVED_PICTURES_KEPT)).map((k) => tx.store.delete(k)));
  await tx.done;
}

/** A sign-in never waits longer than this for the saved pictures to be cleared. */
const FORGET_WAIT_MS = 500;

/**
 * Clears every wall picture kept on this browser (every viewer, every channel). Called when someone
 * signs in: on a shared browser the next person must never be shown what the last one's agency may
 * see. A failure (private mode, another tab holding the database) costs nothing but the clearing.
 */
export async function forgetSavedPictures(dbName = WALL_DB_NAME): Promise<void> {
  const cleared = database(dbName)
    .then((d) => d.clear('pictures'))
    .catch((error: unknown) => console.warn('wall picture: clearing failed', error));
  await Promise.race([cleared, new Promise((resolve) => setTimeout(resolve, FORGET_WAIT_MS))]);
}
