/**
 * Exercise sessions shared by two nodes (real HTTP + Socket.IO servers in this process) on one
 * throwaway PostgreSQL: a session created on one node plays on the other's screens; control
 * (play, pause, seek), injects and the end work through either node, and the screens of both get
 * the same events with the same seqs. The audit trail, on PostgreSQL, reads the same on both.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Snapshot } from '../../lib/contract/socket.ts';
import type { ClockState } from '../../lib/scenario/clock.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { PostgresAuditLog } from '../audit/auditLog.ts';
import { InProcessNetwork } from '../cluster/clusterBus.ts';
import { openPostgresEventStore } from '../store/postgres/postgresEventStore.ts';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let postgres: PostgresInstance;
let pool: pg.Pool;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  postgres = await startPostgres();
  const store = await openPostgresEventStore(postgres.url, 4);
  pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
  const network = new InProcessNetwork();
  a = await startTestServer({
    node: { cluster: network.node() },
    eventStore: store,
    audit: new PostgresAuditLog(store.pool),
    coordination: { pool, nodeId: 'node-a' },
  });
  b = await startTestServer({
    node: { cluster: network.node(), sameDatabaseAs: a },
    audit: new PostgresAuditLog(store.pool),
    coordination: { pool, nodeId: 'node-b' },
  });
}, 60_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
  await pool?.end();
  await postgres?.destroy();
}, 60_000);

async function api<T = Record<string, unknown>>(server: TestServer, token: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25)); // polling interval for state on two nodes
  }
}

/** A screen on a node that takes the exercise's resets and clocks, as the browser does. */
async function screen(server: TestServer, token: string, channel: string) {
  const socket = await server.connect(token);
  const receiver = new Receiver(socket, channel);
  const resets: number[] = [];
  const clocks: ClockState[] = [];
  let closed = false;
  socket.on('channel:reset', (snapshot: Snapshot) => {
    if (snapshot.channel !== channel) return;
    resets.push(snapshot.seq);
    receiver.follower.reset(snapshot);
  });
  socket.on('training:clock', (clock) => {
    if (clock.channel !== channel) return;
    clocks.push(clock.state);
    if (clock.closed) closed = true;
  });
  expect((await receiver.subscribe()).ok).toBe(true);
  return { receiver, resets, clocks, isClosed: () => closed };
}

it('a session runs on both nodes alike, whichever node is told what to do', async () => {
  const trainer = await a.signIn('trainer');
  const coordinator = await a.signIn('coordinator-cl');
  const created = await api(a, trainer, 'POST', '/api/training', { scenario: 'dec-2025' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const channel = created.body.channel as string;
  await until('B knows the session', async () => (await api(b, trainer, 'GET', `/api/training/${id}`)).status === 200);
  const onA = await screen(a, coordinator, channel);
  const onB = await screen(b, coordinator, channel);
  // Opened from the same epoch: the same snapshot seq on both.
  expect(onA.receiver.follower.resumeFrom()).toBe(onB.receiver.follower.resumeFrom());

  // Seek through B: both screens reset to the same seq and picture.
  expect((await api(b, trainer, 'POST', `/api/training/${id}/control`, { action: 'seek', milestone: 'cruce-1455' })).status).toBe(200);
  await until('both reset', () => onA.resets.length === 1 && onB.resets.length === 1);
  expect(onA.resets).toEqual(onB.resets);

  // An inject posted through B reaches A's screen at once (the clock has reached its time).
  const { clock } = (await api<{ clock: ClockState }>(a, trainer, 'GET', `/api/training/${id}`)).body;
  const inject = make.incident({ agency: 'pnp', incidentId: 'EJ-SHARED-1', occurredAt: new Date(clock.exerciseTime).toISOString() });
  expect((await b.post(inject, trainer, { channel })).status).toBe(201);
  await onA.receiver.until(() => onA.receiver.follower.picture.incidents['EJ-SHARED-1'] !== undefined);
  await onB.receiver.until(() => onB.receiver.follower.picture.incidents['EJ-SHARED-1'] !== undefined);

  // Play through A, pause through B: both clocks stop at the same time, both screens hold the same.
  expect((await api(a, trainer, 'POST', `/api/training/${id}/control`, { action: 'play', speed: 3_600 })).status).toBe(200);
  await onB.receiver.until(() => onB.receiver.received.length > 20, 10_000);
  const paused = await api<ClockState>(b, trainer, 'POST', `/api/training/${id}/control`, { action: 'pause' });
  expect(paused.status).toBe(200);
  await until('both paused', () => onA.clocks.at(-1)?.playing === false && onB.clocks.at(-1)?.playing === false);
  expect(onA.clocks.at(-1)!.exerciseTime).toBe(paused.body.exerciseTime);
  expect(onB.clocks.at(-1)!.exerciseTime).toBe(paused.body.exerciseTime);
  const heads = async () => [
    (await api<{ seq: number }>(a, trainer, 'GET', `/api/training/${id}`)).body.seq,
    (await api<{ seq: number }>(b, trainer, 'GET', `/api/training/${id}`)).body.seq,
  ];
  await until('both nodes at the same head', async () => new Set(await heads()).size === 1);
  await until('both screens hold it', () => onA.receiver.follower.resumeFrom() === onB.receiver.follower.resumeFrom());
  const seqsA = onA.receiver.received.map((e) => [e.seq, e.id]);
  const seqsB = onB.receiver.received.map((e) => [e.seq, e.id]);
  expect(seqsA).toEqual(seqsB);

  // Ended through B: A's screens are told the exercise is gone, and A forgets it.
  expect((await api(b, trainer, 'DELETE', `/api/training/${id}`)).status).toBeLessThan(300);
  await until('A closes it', () => onA.isClosed());
  expect((await api(a, trainer, 'GET', `/api/training/${id}`)).status).toBe(404);

  // The audit trail is one: seek (B), play (A), pause (B), end (B), read on A. The writes do not
  // hold up the replies, so wait for them.
  const admin = await b.signIn('admin');
  const controls = async () =>
    (
      await api<{ entries: Array<{ target: string | null; detail: string | null }> }>(a, admin, 'GET', '/api/audit?action=training.control')
    ).body.entries
      .filter((e) => e.target === channel)
      .map((e) => e.detail);
  await until('the trail holds every control', async () => (await controls()).length === 4);
  expect((await controls()).at(-1)).toBe('end');
}, 60_000);

it('a clock that was playing when every node went down comes back paused where it was, and says so', async () => {
  const trainer = await a.signIn('trainer');
  // As a cluster that stopped a minute ago left it: playing, its last progress a minute old.
  const exerciseTime = Date.parse('2025-11-25T12:00:00-03:00');
  await pool.query(
    `INSERT INTO training_sessions (id, scenario_id, created_at, created_by, exercise_time, speed, playing,
       seq_reserved_through, anchor_wall, rev, epoch_base, epoch_at, ended)
     VALUES ('stale1', 'dec-2025', $1, 'trainer', $2, 600, true, 0, $3, 0, 0, $2, false)`,
    [new Date().toISOString(), exerciseTime, Date.now() - 60_000],
  );
  const notices: Array<boolean | undefined> = [];
  for (const node of [a, b]) {
    await until('the node restores it', async () => (await api(node, trainer, 'GET', '/api/training/stale1')).status === 200);
    const view = (await api<{ clock: ClockState; restored?: { wasPlaying: boolean } }>(node, trainer, 'GET', '/api/training/stale1')).body;
    expect(view.clock).toMatchObject({ playing: false, exerciseTime });
    notices.push(view.restored?.wasPlaying);
  }
  // The node that took the clock says it was playing. A node that first reads the session after
  // that one wrote it down paused cannot tell (the shared row does not carry the notice): a known
  // gap, in the closing note of 2026-12-08.
  expect(notices).toContain(true);
  // The node that took the clock wrote it down paused, so it stays so.
  await until(
    'stored paused',
    async () => (await pool.query("SELECT playing FROM training_sessions WHERE id = 'stale1'")).rows[0].playing === false,
  );
  const { rows } = await pool.query("SELECT exercise_time FROM training_sessions WHERE id = 'stale1'");
  expect(rows[0].exercise_time).toBe(exerciseTime);
});
