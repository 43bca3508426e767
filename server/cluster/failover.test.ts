/**
 * Three real Concordia nodes (their own processes) on one PostgreSQL, HAProxy in front, dashboards
 * and three agencies' ingest going through the balancer, while nodes are killed (SIGKILL) and
 * restarted, then frozen (SIGSTOP) and thawed or killed, one after another. Checked at the end:
 * every acknowledged event is stored exactly once, seqs are gap-free, and every dashboard holds
 * exactly the events its reader may see, in seq order, none twice. Resume time per dashboard
 * (disconnect → first event after resuming) is measured and its p99 bounded.
 *
 * The counts are configurable: FAILOVER_DASHBOARDS, FAILOVER_CYCLES (per mode: kill, then freeze).
 * CI runs 60 dashboards × 3 + 3 cycles to stay within a few minutes on two shared cores; the
 * full figure (200 × 10 + 10) was run by hand, see bench/results/failover-*.md. FAILOVER_REPORT=path
 * writes the measured figures there.
 *
 * Each node has its own data dir; events, accounts, sessions and keys are all in the shared
 * PostgreSQL, so a session signed in through one node is known to all. The first node to start
 * creates the accounts there and writes the initial credentials into its own data dir.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInReplySchema, eventsPageSchema } from '../../lib/contract/http.ts';
import type { ClientToServerEvents, EventBatch, ServerToClientEvents } from '../../lib/contract/socket.ts';
import type { StoredEvent } from '../../lib/contract/events.ts';
import type { Agency } from '../../lib/contract/agencies.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { CLIENT_RECONNECTION } from '../../lib/contract/socketTimings.ts';
import { initialCredentialsFile, readInitialCredentials, type InitialCredentials } from '../auth/initialCredentials.ts';
import { freePort, startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { startHaproxy, type HaproxyInstance } from '../testing/haproxyInstance.ts';
import { NodeProcess } from '../testing/nodeProcess.ts';

const DASHBOARDS = Number(process.env.FAILOVER_DASHBOARDS ?? 60);
const CYCLES = Number(process.env.FAILOVER_CYCLES ?? 3);
const RESUME_P99_BOUND_MS = 5_000;
const READERS = ['coordinator-cl', 'coordinator-pe', 'officer-carabineros', 'officer-pdi', 'officer-pnp', 'admin'];
const INGEST_AGENCIES: Agency[] = ['carabineros', 'pdi', 'pnp'];

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let postgres: PostgresInstance;
let haproxy: HaproxyInstance;
let dataDirs: string[] = [];
let nodes: NodeProcess[] = [];
let credentials: InitialCredentials;

/** Why dashboards' sockets closed ('transport close': the node or HAProxy closed it; 'ping timeout': the heartbeat). */
const disconnectReasons = new Map<string, number>();

/** Resolves when the condition holds, checking every `everyMs`; fails after `ms`. */
async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs)); // polling interval for a condition across processes
  }
}

/** A dashboard through the balancer: resubscribes from what it holds on every (re)connect. */
class Dashboard {
  readonly socket: Client;
  /** What the dashboard holds: events applied once each, in arrival order. */
  readonly held: StoredEvent[] = [];
  heldThrough = 0;
  connected = false;
  disconnectedAt: number | null = null;
  resumeTimes: number[] = [];
  disconnects = 0;

  constructor(
    url: string,
    readonly reader: string,
    token: string,
  ) {
    this.socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      // As the browser reconnects (components/realtime/RealtimeProvider.tsx).
      ...CLIENT_RECONNECTION,
    });
    this.socket.on('connect', () => {
      this.connected = true;
      void this.subscribe();
    });
    this.socket.on('disconnect', (reason) => {
      this.connected = false;
      this.disconnects++;
      disconnectReasons.set(reason, (disconnectReasons.get(reason) ?? 0) + 1);
      this.disconnectedAt ??= Date.now();
    });
    this.socket.on('events:appended', (batch) => this.receive(batch));
  }

  private async subscribe(): Promise<void> {
    try {
      const ack = await this.socket.timeout(5_000).emitWithAck('channel:subscribe', { channel: 'live', afterSeq: this.heldThrough });
      if (!ack.ok) throw new Error(`${this.reader}: subscribe refused: ${ack.error}`);
    } catch {
      // The node went away mid-subscribe; the next connect subscribes again.
    }
  }

  private receive(batch: EventBatch): void {
    if (batch.through <= this.heldThrough) return;
    if (batch.after > this.heldThrough) {
      void this.subscribe(); // a gap: ask again from what we hold
      return;
    }
    for (const event of batch.events) if (event.seq > this.heldThrough) this.held.push(event);
    this.heldThrough = batch.through;
    if (this.disconnectedAt !== null && batch.events.length > 0) {
      this.resumeTimes.push(Date.now() - this.disconnectedAt);
      this.disconnectedAt = null;
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Ingest from one agency through the balancer; a failed post is retried with the same event. */
class Feed {
  readonly acknowledged: string[] = [];
  retries = 0;
  running = true;
  private loop: Promise<void> | null = null;

  constructor(
    readonly agency: Agency,
    private readonly url: string,
    private readonly key: string,
  ) {}

  start(): void {
    this.loop = (async () => {
      for (let n = 0; this.running; n++) {
        const event = make.unitPosition({ agency: this.agency, unitId: `${this.agency}-U${n % 20}` });
        await this.post(event);
        await new Promise((resolve) => setTimeout(resolve, 25)); // ingest pace, not a wait for a condition
      }
    })();
  }

  private async post(event: unknown): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${this.url}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(2_000),
        });
        if (res.status === 200 || res.status === 201) {
          this.acknowledged.push((event as { id: string }).id);
          return;
        }
        if (res.status < 500) throw new Error(`post refused: ${res.status} ${await res.text()}`);
      } catch (error) {
        if ((error as Error).message.startsWith('post refused')) throw error;
      }
      this.retries++;
      if (attempt > 200) throw new Error(`${this.agency}: post never acknowledged`);
      await new Promise((resolve) => setTimeout(resolve, 100)); // retry backoff
    }
  }

  /**
   * A post on a connection to one node (sent there, not through the balancer), as a client's that
   * is in flight when the node freezes: it times out and is sent again through the balancer with
   * the same id. If the node wakes and stores it too, the second is a duplicate: stored once.
   */
  async postVia(nodeUrl: string): Promise<void> {
    const event = make.unitPosition({ agency: this.agency, unitId: `${this.agency}-U${this.acknowledged.length % 20}` });
    try {
      const res = await fetch(`${nodeUrl}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(2_000),
      });
      if (res.status === 200 || res.status === 201) {
        this.acknowledged.push(event.id);
        return;
      }
    } catch {
      // cut off or timed out: the node froze with it
    }
    this.retries++;
    await this.post(event);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function signIn(url: string, username: string): Promise<string> {
  const user = credentials.users.find((u) => u.username === username)!;
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  return signInReplySchema.parse(await res.json()).token;
}

/** Sockets connected to a node now, from its /metrics (loopback may scrape without a token). */
async function clientsOn(node: NodeProcess): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const lines = text.split('\n').filter((line) => line.startsWith('concordia_clients_connected'));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/**
 * The next node to fault: the one holding the most dashboards, other than the last victim (a
 * node just restarted holds none until others fail, and faulting it would test nothing).
 */
async function nextVictim(last: NodeProcess | null): Promise<{ node: NodeProcess; clients: number }> {
  const candidates = nodes.filter((node) => node !== last);
  const counts = await Promise.all(candidates.map(clientsOn));
  const most = Math.max(...counts);
  return { node: candidates[counts.indexOf(most)], clients: most };
}

/** Every event the reader may see, read from a node page by page. */
async function visibleTo(url: string, token: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after = 0; ;) {
    const res = await fetch(`${url}/api/events?after=${after}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const page = eventsPageSchema.parse(await res.json());
    events.push(...page.events);
    if (page.through === after) return events;
    after = page.through;
  }
}

/**
 * The seqs of `expected` a dashboard holding `held` went without, that live batching may leave
 * out (lib/projection/supersededPositions.ts): a unit position followed by a later held position
 * of the same unit with no other event of that unit between. Anything else missing is returned.
 */
function missingBeyondThinning(expected: readonly StoredEvent[], held: readonly StoredEvent[]): number[] {
  const heldSeqs = new Set(held.map((e) => e.seq));
  const unexplained: number[] = [];
  expected.forEach((event, i) => {
    if (heldSeqs.has(event.seq)) return;
    const unit = event.type === 'unit.position' ? `${event.agency}/${event.unitId}` : null;
    const later = unit
      ? expected.slice(i + 1).find((e) => (e.type === 'unit.position' || e.type === 'patrol.report') && `${e.agency}/${e.unitId}` === unit)
      : undefined;
    if (!later || later.type !== 'unit.position') unexplained.push(event.seq);
  });
  return unexplained;
}

beforeAll(async () => {
  postgres = await startPostgres();
  // No database-level timeouts here: a node frozen inside an append holds the channel's head row,
  // and the store's own session settings (server/store/postgres/sessionSettings.ts) end such a
  // session within seconds. The full run found the stall this guards against.
  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  dataDirs = ports.map(() => mkdtempSync(path.join(tmpdir(), 'concordia-failover-')));
  const env = { CONCORDIA_INGEST_REQUESTS_PER_SECOND: '100000', CONCORDIA_LOGIN_ATTEMPTS_PER_ADDRESS: '100000' };
  nodes = ports.map((port, i) => new NodeProcess({ port, dataDir: dataDirs[i], databaseUrl: postgres.url, env }));
  // The first creates the accounts and keys in PostgreSQL; the others find them there.
  await nodes[0].start();
  await Promise.all(nodes.slice(1).map((node) => node.start()));
  credentials = readInitialCredentials(initialCredentialsFile(dataDirs[0]));
  haproxy = await startHaproxy(ports);
}, 180_000);

afterAll(async () => {
  await haproxy?.stop();
  await Promise.all(nodes.map((node) => node.stop()));
  await postgres?.destroy();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}, 60_000);

it(
  `${DASHBOARDS} dashboards and three agencies' ingest through HAProxy survive ${CYCLES} kills and ${CYCLES} freezes`,
  async () => {
    const tokens = new Map<string, string>();
    for (const reader of READERS) tokens.set(reader, await signIn(haproxy.url, reader));
    const dashboards = Array.from({ length: DASHBOARDS }, (_, i) => {
      const reader = READERS[i % READERS.length];
      return new Dashboard(haproxy.url, reader, tokens.get(reader)!);
    });
    await until('every dashboard connected', () => dashboards.every((d) => d.connected));
    const feeds = INGEST_AGENCIES.map((agency) => new Feed(agency, haproxy.url, credentials.keys.find((k) => k.agency === agency)!.key));
    for (const feed of feeds) feed.start();
    const acked = () => feeds.reduce((sum, feed) => sum + feed.acknowledged.length, 0);

    const disconnects = () => dashboards.reduce((sum, d) => sum + d.disconnects, 0);
    /**
     * After a fault: the dashboards on the victim noticed (a frozen node's sockets are shut by
     * HAProxy once its health checks fail), every dashboard is connected again and has received
     * events since, and ingest goes on.
     */
    const recovered = async (what: string, disconnectsBefore: number) => {
      await until(`${what}: dashboards on the node notice`, () => disconnects() > disconnectsBefore, 30_000);
      const target = acked() + 10;
      await until(`${what}: ingest goes on`, () => acked() >= target, 30_000);
      await until(`${what}: every dashboard resumed`, () => dashboards.every((d) => d.connected && d.disconnectedAt === null), 30_000);
    };

    const timings: string[] = [];
    let victim: NodeProcess | null = null;
    /** Dashboards connected to the victims when they were faulted: the disconnects expected. */
    let onVictims = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const next = await nextVictim(victim);
      victim = next.node;
      onVictims += next.clients;
      const started = Date.now();
      const before = disconnects();
      await victim.kill();
      await recovered(`kill ${cycle + 1}`, before);
      await victim.start();
      timings.push(
        `kill ${cycle + 1} (node ${nodes.indexOf(victim) + 1}): ${Date.now() - started} ms, ${disconnects() - before} disconnects, ${next.clients} dashboards on it`,
      );
    }
    const retriesBeforeFreeze = feeds.reduce((sum, feed) => sum + feed.retries, 0);
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const next = await nextVictim(victim);
      victim = next.node;
      onVictims += next.clients;
      const started = Date.now();
      const before = disconnects();
      // Started in this turn, before the signal: the node is frozen before it can answer.
      const inFlight = feeds[cycle % feeds.length].postVia(victim.url);
      await victim.freeze();
      await recovered(`freeze ${cycle + 1}`, before);
      await inFlight;
      // Thaw it half the time (it wakes with stale sockets and in-flight posts), kill it otherwise.
      if (cycle % 2 === 0) {
        await victim.thaw();
      } else {
        await victim.kill();
        await victim.start();
      }
      timings.push(
        `freeze ${cycle + 1} (node ${nodes.indexOf(victim) + 1}): ${Date.now() - started} ms, ${disconnects() - before} disconnects, ${next.clients} dashboards on it`,
      );
    }
    const freezeRetries = feeds.reduce((sum, feed) => sum + feed.retries, 0) - retriesBeforeFreeze;

    await Promise.all(feeds.map((feed) => feed.stop()));

    // The store: every acknowledged event once, seqs 1..head without a gap.
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    const { rows } = await db.query<{ id: string; seq: string }>("SELECT id, seq FROM events WHERE channel = 'live' ORDER BY seq");
    await db.end();
    const head = rows.length;
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const storedIds = rows.map((r) => r.id);
    expect(new Set(storedIds).size).toBe(head);
    const stored = new Set(storedIds);
    const acknowledged = feeds.flatMap((feed) => feed.acknowledged);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    // Every dashboard: exactly what its reader may see, in order, once.
    const node = nodes.find((n) => n.running)!;
    const expected = new Map<string, StoredEvent[]>();
    for (const reader of READERS) expected.set(reader, await visibleTo(node.url, tokens.get(reader)!));
    const lastSeq = (reader: string) => expected.get(reader)!.at(-1)?.seq ?? 0;
    await until('every dashboard caught up', () => dashboards.every((d) => d.heldThrough >= lastSeq(d.reader)), 30_000);
    for (const dashboard of dashboards) {
      const seqs = dashboard.held.map((e) => e.seq);
      const allowed = new Set(expected.get(dashboard.reader)!.map((e) => e.seq));
      // In order, once each, nothing outside the reader's scope…
      expect(seqs, dashboard.reader).toEqual([...new Set(seqs)].sort((x, y) => x - y));
      expect(
        seqs.filter((seq) => !allowed.has(seq)),
        dashboard.reader,
      ).toEqual([]);
      // …and nothing missing but positions a later held position of the same unit superseded.
      expect(missingBeyondThinning(expected.get(dashboard.reader)!, dashboard.held), dashboard.reader).toEqual([]);
    }

    const resumes = dashboards.flatMap((d) => d.resumeTimes);
    const p50 = percentile(resumes, 50);
    const p99 = percentile(resumes, 99);
    const summary = [
      `dashboards ${DASHBOARDS}, cycles ${CYCLES} kill + ${CYCLES} freeze, events stored ${head}, acknowledged ${acknowledged.length}`,
      `post retries ${feeds.reduce((sum, feed) => sum + feed.retries, 0)} (during freezes ${freezeRetries})`,
      // More disconnects than dashboards on the victims would be false ones (a healthy node's).
      `disconnects ${disconnects()} (dashboards on the faulted nodes ${onVictims}): ${[...disconnectReasons].map(([why, n]) => `${why} ${n}`).join(', ')}`,
      `resumes ${resumes.length}: p50 ${p50} ms, p99 ${p99} ms, max ${Math.max(0, ...resumes)} ms`,
      ...timings,
    ];
    console.log(`failover: ${summary.join('\n  ')}`);
    if (process.env.FAILOVER_REPORT) writeFileSync(process.env.FAILOVER_REPORT, `${summary.map((line) => `- ${line}`).join('\n')}\n`);
    for (const dashboard of dashboards) dashboard.close();

    expect(resumes.length).toBeGreaterThanOrEqual(DASHBOARDS / nodes.length);
    expect(p99).toBeLessThanOrEqual(RESUME_P99_BOUND_MS);
    // Posts in flight to a frozen node were cut off and sent again (same id, stored once: above).
    expect(freezeRetries).toBeGreaterThan(0);
  },
  Math.max(600_000, CYCLES * 2 * 90_000),
); // a kill cycle includes a node's restart: up to a minute on two loaded cores
