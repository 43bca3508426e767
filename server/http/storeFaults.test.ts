/**
 * The store goes away under ingest and comes back: a full disk on SQLite (a small tmpfs as data
 * dir), PostgreSQL stopped. Writes get 503 naming storage with Retry-After, /readyz says not ready,
 * reads keep working where they can, and the node serves again by itself when the store returns,
 * with every acknowledged event stored exactly once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorReplySchema, eventsPageSchema, ingestReceiptSchema, readinessReplySchema } from '../../lib/contract/http.ts';
import type { EventInput } from '../../lib/contract/events.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { openPostgresEventStore } from '../store/postgres/postgresEventStore.ts';

/** Polls a condition until it holds (no fixed sleeps: each round is a real request). */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readiness(server: TestServer) {
  const res = await fetch(`${server.url}/readyz`);
  return { status: res.status, body: readinessReplySchema.parse(await res.json()) };
}

const batch = (size: number, padding = 0): EventInput[] =>
  Array.from({ length: size }, () => make.incident({ agency: 'pnp', ...(padding ? { text: 'x'.repeat(padding) } : {}) }));

/** Every event of the live channel, paged by seq. */
async function allEvents(server: TestServer, key: string) {
  const events = [];
  let after = 0;
  for (;;) {
    const res = await fetch(`${server.url}/api/events?after=${after}&limit=1000`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const page = eventsPageSchema.parse(await res.json());
    events.push(...page.events);
    if (page.through === after) return events;
    after = page.through;
  }
}

/** What a sender saw: ids acknowledged (201) and batches refused with 503 (to be sent again). */
class Sender {
  readonly acknowledged: string[] = [];
  readonly refused: EventInput[][] = [];
  readonly refusals: Response[] = [];
  constructor(
    private readonly server: TestServer,
    private readonly key: string,
  ) {}

  async send(events: EventInput[]): Promise<number> {
    const res = await this.server.post(events, this.key);
    if (res.status === 201) {
      const receipt = ingestReceiptSchema.parse(await res.json());
      this.acknowledged.push(...receipt.accepted.map((a) => a.id), ...receipt.duplicates);
    } else if (res.status === 503) {
      this.refused.push(events);
      this.refusals.push(res);
    } else {
      throw new Error(`unexpected ${res.status}: ${await res.text()}`);
    }
    return res.status;
  }

  /** Sends every refused batch again, same ids, until each is acknowledged. */
  async resendRefused(): Promise<void> {
    const pending = this.refused.splice(0);
    for (const events of pending) expect(await this.send(events)).toBe(201);
  }
}

async function expectStoredExactlyOnce(server: TestServer, key: string, acknowledged: string[]): Promise<void> {
  // GET /api/events reads up to what the hub has sent out, which trails a 201 by one batch window.
  const wanted = new Set(acknowledged);
  const events = await until(
    'every acknowledged event readable',
    async () => {
      const read = await allEvents(server, key);
      const seen = new Set(read.map((e) => e.id));
      return [...wanted].every((id) => seen.has(id)) ? read : undefined;
    },
    5_000,
  ).catch(() => allEvents(server, key));
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  const missing = [...new Set(acknowledged)].filter((id) => !counts.has(id));
  expect(missing).toEqual([]);
}

async function expectStorageRefusal(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  const { error } = errorReplySchema.parse(await res.json());
  expect(error.code).toBe('storage_unavailable');
  expect(error.message).toMatch(/^storage unavailable/);
  expect(error.retryAfterSeconds).toBe(5);
}

/** A 2 MiB tmpfs for the SQLite data dir; we run as root in CI, elsewhere the test says why it skips. */
function mountSmallDisk(): { dir: string; mounted: boolean; why?: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, mounted: true };
  } catch (error) {
    return { dir, mounted: false, why: String((error as Error).message).split('\n')[0] };
  }
}

const disk = mountSmallDisk();
if (!disk.mounted) console.warn(`storeFaults: skipping the full-disk test, cannot mount a tmpfs (${disk.why})`);

describe.skipIf(!disk.mounted)('SQLite on a full disk', () => {
  let server: TestServer;
  const filler = path.join(disk.dir, 'filler');

  beforeAll(async () => {
    server = await startTestServer({ dataDir: disk.dir, sqliteStore: { minFreeBytes: 128 * 1024 } });
  });
  afterAll(async () => {
    await server?.close();
    execFileSync('umount', [disk.dir]);
    rmSync(disk.dir, { recursive: true, force: true });
  });

  it('refuses writes with 503 naming storage, is not ready, keeps reading, and serves again once space returns', async () => {
    const key = server.keyOf('pnp');
    const sender = new Sender(server, key);
    expect((await readiness(server)).status).toBe(200);
    expect(await sender.send(batch(5))).toBe(201);

    // Leave a little room, then ingest until the disk is full.
    const stats = statfsSync(disk.dir);
    writeFileSync(filler, Buffer.alloc(Math.max(0, stats.bavail * stats.bsize - 256 * 1024)));
    await until('a write refused for a full disk', async () => ((await sender.send(batch(20, 500))) === 503 ? true : undefined), 60_000);
    await expectStorageRefusal(sender.refusals[0]);

    const notReady = await readiness(server);
    expect(notReady.status).toBe(503);
    expect(notReady.body.ready).toBe(false);
    expect(notReady.body.store.problem).toMatch(/full|storage/);
    // Alive, and reads still work.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/state`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await allEvents(server, key)).length).toBeGreaterThan(0);

    rmSync(filler);
    await until('ready again', async () => ((await readiness(server)).status === 200 ? true : undefined));
    await sender.resendRefused();
    expect(await sender.send(batch(5))).toBe(201);
    await expectStoredExactlyOnce(server, key, sender.acknowledged);
  }, 90_000);
});

describe('PostgreSQL stopped under ingest', () => {
  let instance: PostgresInstance;
  let server: TestServer;

  beforeAll(async () => {
    instance = await startPostgres();
    server = await startTestServer({ eventStore: await openPostgresEventStore(instance.url, 4) });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await instance?.destroy();
  }, 60_000);

  it('refuses writes with 503 while it is down, is not ready, loses nothing acknowledged, and serves again by itself', async () => {
    const key = server.keyOf('pnp');
    const sender = new Sender(server, key);
    expect((await readiness(server)).body).toMatchObject({ ready: true, store: { engine: 'postgresql' } });

    let ingesting = true;
    const statuses: number[] = [];
    const ingest = (async () => {
      while (ingesting) statuses.push(await sender.send(batch(5)));
    })();
    await until('acknowledged writes', async () => (sender.acknowledged.length >= 50 ? true : undefined));

    await instance.stop();
    await until('writes refused while the database is down', async () => (sender.refusals.length >= 20 ? true : undefined));
    await expectStorageRefusal(sender.refusals[0]);
    const down = await readiness(server);
    expect(down.status).toBe(503);
    expect(down.body.store).toMatchObject({ reachable: false, writable: false });
    expect(down.body.store.problem).toMatch(/PostgreSQL/);
    // The picture is in memory: dashboards' reads still answer.
    expect((await fetch(`${server.url}/api/state`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    await instance.start();
    await until('ready again', async () => ((await readiness(server)).status === 200 ? true : undefined));
    const acknowledgedBefore = sender.acknowledged.length;
    await until('writes acknowledged again', async () => (sender.acknowledged.length > acknowledgedBefore + 20 ? true : undefined));
    ingesting = false;
    await ingest;
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);

    await sender.resendRefused();
    await expectStoredExactlyOnce(server, key, sender.acknowledged);
  }, 90_000);
});
