/**
 * PostgreSQL stopped for 20 s under continuous ingest, with two nodes on it (each its own pool and
 * LISTEN connection, one shared accounts database) and a dashboard on each. While it is down:
 * writes get 503 naming storage with Retry-After, /readyz says not ready and why, the picture
 * still reads, and a dashboard subscribing (fresh or resuming) is answered from memory, not left
 * waiting. When it returns, every node serves again by itself — the time from PostgreSQL
 * accepting connections to each node's first acknowledged write and ready probe is printed — and
 * nothing acknowledged is lost: each event once, seqs gap-free, every dashboard holding them all.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorReplySchema, ingestReceiptSchema, readinessReplySchema } from '../../lib/contract/http.ts';
import type { EventInput } from '../../lib/contract/events.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { openPostgresEventStore } from '../store/postgres/postgresEventStore.ts';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { PgClusterBus } from './pgClusterBus.ts';

/** How long PostgreSQL stays down: the issue's figure. */
const OUTAGE_MS = 20_000;
/** A sender refused with 503 tries again this soon (it would honour Retry-After in production). */
const RETRY_PACE_MS = 100;
/** The bound on recovery once PostgreSQL accepts connections again: "within seconds". */
const RECOVERY_BOUND_MS = 5_000;

let postgres: PostgresInstance;
const nodes: TestServer[] = [];
const buses: PgClusterBus[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  for (let i = 0; i < 2; i++) {
    const bus = await PgClusterBus.start({ connectionString: postgres.url });
    buses.push(bus);
    const eventStore = await openPostgresEventStore(postgres.url, 4);
    nodes.push(await startTestServer({ eventStore, node: { cluster: bus, sameDatabaseAs: nodes[0] } }));
  }
}, 60_000);

afterAll(async () => {
  for (const node of nodes.reverse()) await node.close();
  for (const bus of buses) await bus.close();
  await postgres?.destroy();
}, 60_000);

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // polling interval for a condition
  }
}

async function readiness(node: TestServer) {
  const res = await fetch(`${node.url}/readyz`);
  return { status: res.status, body: readinessReplySchema.parse(await res.json()) };
}

/** One agency's ingest into one node: every batch is sent until acknowledged, same ids each time. */
class Feed {
  readonly acknowledged: string[] = [];
  readonly refusals: Response[] = [];
  readonly statuses: number[] = [];
  /** When each 201 arrived. */
  readonly acknowledgedAt: number[] = [];
  private running = true;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly node: TestServer,
    private readonly key: string,
    private readonly agency: string,
  ) {}

  start(): void {
    this.loop = (async () => {
      while (this.running) {
        // Distinct units (no position supersedes another), seen by both countries' dashboards.
        const events = Array.from({ length: 5 }, () => ({
          ...make.unitPosition({ agency: this.agency, unitId: make.nextId('U') }),
          releasability: 'binational',
        })) as EventInput[];
        while (!(await this.send(events))) await new Promise((resolve) => setTimeout(resolve, RETRY_PACE_MS)); // retry pace
      }
    })();
  }

  /** True once acknowledged; a 503 is kept for inspection and answered with a retry. */
  private async send(events: EventInput[]): Promise<boolean> {
    const res = await this.node.post(events, this.key);
    this.statuses.push(res.status);
    if (res.status === 201) {
      const receipt = ingestReceiptSchema.parse(await res.json());
      this.acknowledged.push(...receipt.accepted.map((a) => a.id), ...receipt.duplicates);
      this.acknowledgedAt.push(Date.now());
      return true;
    }
    if (res.status !== 503) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
    if (this.refusals.length < 5) this.refusals.push(res);
    else await res.body?.cancel();
    return false;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

it('two nodes ride out PostgreSQL stopped for 20 s under ingest and serve again by themselves', async () => {
  const token = await nodes[0].signIn('coordinator-cl');
  const dashboards = await Promise.all(
    nodes.map(async (node) => {
      const receiver = new Receiver(await node.connect(token));
      expect((await receiver.subscribe()).ok).toBe(true);
      return receiver;
    }),
  );
  const feeds = [new Feed(nodes[0], nodes[0].keyOf('carabineros'), 'carabineros'), new Feed(nodes[1], nodes[1].keyOf('pnp'), 'pnp')];
  for (const feed of feeds) feed.start();
  await until('ingest acknowledged on both nodes', () => (feeds.every((f) => f.acknowledged.length >= 50) ? true : undefined));

  await postgres.stop();
  const stoppedAt = Date.now();

  // Writes: 503 naming storage, with Retry-After, on both nodes.
  await until('writes refused on both nodes', () => (feeds.every((f) => f.refusals.length >= 3) ? true : undefined));
  for (const feed of feeds) {
    const res = feed.refusals[0];
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const { error } = errorReplySchema.parse(await res.json());
    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toMatch(/^storage unavailable: .*PostgreSQL/);
  }

  for (const node of nodes) {
    // Not ready, saying why; alive; the picture (in memory) still reads; the log does not.
    const down = await readiness(node);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, store: { engine: 'postgresql', reachable: false, writable: false } });
    expect(down.body.store.problem).toMatch(/PostgreSQL/);
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${node.url}/api/state`, { headers })).status).toBe(200);
    const log = await fetch(`${node.url}/api/events?after=0`, { headers });
    expect(log.status).toBe(503);
    expect(errorReplySchema.parse(await log.json()).error.code).toBe('storage_unavailable');

    // A dashboard resuming from seq 1 cannot be replayed from the store: it is answered at once,
    // from the picture in memory, instead of waiting on the store.
    const late = new Receiver(await node.connect(token));
    const resumed = await late.subscribe(1);
    expect(resumed).toMatchObject({ ok: true, mode: 'snapshot' });
    const fresh = await new Receiver(await node.connect(token)).subscribe();
    expect(fresh).toMatchObject({ ok: true, mode: 'snapshot' });
  }

  // Ingest goes on trying for the rest of the 20 s.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)))); // the outage's length, not a wait for a condition
  const acknowledgedDuringOutage = feeds.map((f) => f.acknowledgedAt.filter((t) => t > stoppedAt + 1_000).length);
  expect(acknowledgedDuringOutage).toEqual([0, 0]);

  await postgres.start();
  const backAt = Date.now();
  const recovery = await Promise.all(
    nodes.map(async (node, i) => {
      const feed = feeds[i];
      const firstWrite = await until(`node ${i + 1} acknowledges writes again`, () => feed.acknowledgedAt.find((t) => t >= backAt), 30_000);
      const ready = await until(
        `node ${i + 1} ready again`,
        async () => ((await readiness(node)).status === 200 ? Date.now() : undefined),
        30_000,
      );
      return { write: firstWrite - backAt, ready: ready - backAt };
    }),
  );
  console.log(
    `pgOutage: PostgreSQL down ${Math.round((backAt - stoppedAt) / 1000)} s; after it accepted connections again: ${recovery
      .map((r, i) => `node ${i + 1} first 201 in ${r.write} ms, /readyz 200 in ${r.ready} ms`)
      .join('; ')}`,
  );
  for (const r of recovery) {
    expect(r.write).toBeLessThan(RECOVERY_BOUND_MS);
    expect(r.ready).toBeLessThan(RECOVERY_BOUND_MS);
  }

  const acknowledgedBefore = feeds.map((f) => f.acknowledged.length);
  await until('ingest goes on on both nodes', () =>
    feeds.every((f, i) => f.acknowledged.length > acknowledgedBefore[i] + 20) ? true : undefined,
  );
  for (const feed of feeds) await feed.stop();
  expect(feeds.flatMap((f) => f.statuses).every((s) => s === 201 || s === 503)).toBe(true);

  // The store: every acknowledged event once, seqs 1..head without a gap.
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const { rows } = await db.query<{ id: string; seq: string }>("SELECT id, seq FROM events WHERE channel = 'live' ORDER BY seq");
  await db.end();
  expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  const stored = new Set(rows.map((r) => r.id));
  expect(stored.size).toBe(rows.length);
  const acknowledged = feeds.flatMap((f) => f.acknowledged);
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

  // Each node's dashboard, connected throughout, caught up with both nodes' events, in order, once.
  for (const dashboard of dashboards) {
    await dashboard.until(() => dashboard.received.length >= rows.length, 10_000);
    expect(dashboard.seqs()).toEqual(rows.map((r) => Number(r.seq)));
  }
}, 90_000);
