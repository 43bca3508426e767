/**
 * Exercises over a real server and real sockets (port 0): the "Done when" socket tests,
 * plus the API's refusals. The scenario is the committed data/scenarios/dec-2025.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../lib/contract/socket.ts';
import type { ClockState } from '../../lib/scenario/clock.ts';
import { comparablePicture, mergeByTime, numbered, Timeline } from '../../lib/scenario/timeline.ts';
import { project } from '../../lib/projection/picture.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.ts';
import type { SessionView } from '../../lib/contract/training.ts';

const HOUR = 3_600_000;
let server: TestServer;
let trainer: string;
let coordinatorCl: string;
let coordinatorPe: string;
let officer: string;

async function api<T = unknown>(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function startSession(): Promise<SessionView> {
  const created = await api<{ id: string; channel: string; session: SessionView }>(trainer, 'POST', '/api/training', {
    scenario: 'dec-2025',
  });
  expect(created.status).toBe(201);
  expect(created.body.channel).toBe(`training:${created.body.id}`);
  return created.body.session;
}

const control = (id: string, command: unknown, token = trainer) => api<ClockState>(token, 'POST', `/api/training/${id}/control`, command);
const head = async (id: string) => (await api<SessionView>(trainer, 'GET', `/api/training/${id}`)).body.seq;

/** A receiver that also takes the exercise's resets, as the browser does. */
async function follow(token: string, channel: string): Promise<Receiver> {
  const socket: TestClient = await server.connect(token);
  const receiver = new Receiver(socket, channel);
  socket.on('channel:reset', (snapshot: Snapshot) => {
    if (snapshot.channel === channel) receiver.follower.reset(snapshot);
  });
  const ack = await receiver.subscribe();
  expect(ack.ok).toBe(true);
  return receiver;
}

/** The picture a session should show at `t`: the scenario's events up to t, in time order. */
function expectedAt(session: SessionView, t: number) {
  const scenario = server.app.training.get(session.id)!.scenario;
  const line = new Timeline(scenario.events);
  return comparablePicture(project(numbered(mergeByTime(line.slice(0, line.countThrough(t)), []), session.channel, 1)));
}

beforeAll(async () => {
  server = await startTestServer();
  [trainer, coordinatorCl, coordinatorPe, officer] = await Promise.all(
    ['trainer', 'coordinator-cl', 'coordinator-pe', 'officer-pnp'].map((u) => server.signIn(u)),
  );
});
afterAll(() => server.close());

describe('exercise sessions', () => {
  it('lists the scenario with its milestones and starts a session on its own channel, paused at the start', async () => {
    const catalog = await api<{ scenarios: Array<{ id: string; milestones: Array<{ id: string }> }> }>(
      coordinatorCl,
      'GET',
      '/api/scenarios',
    );
    expect(catalog.status).toBe(200);
    const dec = catalog.body.scenarios.find((s) => s.id === 'dec-2025')!;
    expect(dec.milestones.map((m) => m.id)).toContain('cruce-1455');
    const session = await startSession();
    expect(session.clock.playing).toBe(false);
    expect(session.clock.exerciseTime).toBe(Date.parse(session.scenario.start));
    const state = await api<{ channel: string; seq: number }>(
      coordinatorPe,
      'GET',
      `/api/state?channel=${encodeURIComponent(session.channel)}`,
    );
    expect(state.status).toBe(200);
    expect(state.body.seq).toBe(session.seq);
  });

  it('gives two clients in one session the same events in the same order', async () => {
    const session = await startSession();
    const a = await follow(coordinatorCl, session.channel);
    const b = await follow(coordinatorPe, session.channel);
    expect((await control(session.id, { action: 'seek', milestone: 'colas-santa-rosa' })).status).toBe(200);
    await Promise.all([a, b].map((r) => r.until(() => r.follower.seq > session.seq)));
    const fromSeq = a.follower.seq;
    expect((await control(session.id, { action: 'play', speed: 3_600 })).status).toBe(200);
    await a.until(() => a.received.length >= 40, 10_000);
    expect((await control(session.id, { action: 'pause' })).status).toBe(200);
    const through = await head(session.id);
    await Promise.all([a, b].map((r) => r.until(() => r.follower.seq === through)));
    const ids = (r: Receiver) => r.received.filter((e) => e.seq > fromSeq).map((e) => `${e.seq}:${e.id}`);
    expect(ids(a).length).toBeGreaterThanOrEqual(40);
    expect(ids(b)).toEqual(ids(a));
    expect(a.seqs()).toEqual([...a.seqs()].sort((x, y) => x - y));
  });

  it('seeking forward and backward leaves every client with the picture projected from the scenario up to that instant', async () => {
    const session = await startSession();
    const client = await follow(coordinatorCl, session.channel);
    const late = await follow(coordinatorPe, session.channel);

    for (const milestone of ['cruce-1455', 'ruta-bloqueada', 'eleccion', 'kast-111-dias']) {
      const before = client.follower.seq;
      const clock = (await control(session.id, { action: 'seek', milestone })).body;
      await client.until(() => client.follower.seq > before);
      expect(comparablePicture(client.follower.picture), milestone).toEqual(expectedAt(session, clock.exerciseTime));
      // A reset is one snapshot, not a flood of the events in between.
      expect(client.received.filter((e) => e.seq > before)).toEqual([]);
    }

    // Played forward one batch at a time, the picture is still the projection at the clock's time.
    await control(session.id, { action: 'seek', milestone: 'comite-binacional' });
    await control(session.id, { action: 'play', speed: 3_600 });
    const seqAtPlay = await head(session.id);
    await client.until(() => client.follower.seq > seqAtPlay + 20, 10_000);
    const paused = (await control(session.id, { action: 'pause' })).body;
    const through = await head(session.id);
    await Promise.all([client, late].map((r) => r.until(() => r.follower.seq === through)));
    expect(paused.exerciseTime).toBeGreaterThan(Date.parse('2025-12-01T10:00:00-05:00'));
    expect(comparablePicture(client.follower.picture)).toEqual(expectedAt(session, paused.exerciseTime));
    expect(comparablePicture(late.follower.picture)).toEqual(comparablePicture(client.follower.picture));
  });

  it('at 3600× keeps within 1 s of schedule across an exercise hour', async () => {
    const session = await startSession();
    const client = await follow(coordinatorCl, session.channel);
    const arrivals = new Map<string, number>();
    client.socket.on('events:appended', (batch) => {
      for (const e of batch.events) arrivals.set(e.id, performance.now());
    });
    const from = (await control(session.id, { action: 'seek', milestone: 'colas-santa-rosa' })).body.exerciseTime;
    await control(session.id, { action: 'speed', speed: 3_600 });
    const sent = performance.now();
    const playing = (await control(session.id, { action: 'play' })).body;
    const acked = performance.now();
    const lastOfHour = server.app.training.get(session.id)!.scenario.events.filter((e) => {
      const t = Date.parse(e.occurredAt);
      return t > from && t <= from + HOUR;
    });
    expect(lastOfHour.length).toBeGreaterThan(20);
    await client.until(() => lastOfHour.every((e) => arrivals.has(e.id)), 5_000);
    const paused = (await control(session.id, { action: 'pause' })).body;
    // Each event reached the client within 1 s (real) of when the exercise clock passed it:
    // never before its time, and late by at most a tick, the batch window and the network.
    for (const event of lastOfHour) {
      const due = sent + (Date.parse(event.occurredAt) - playing.exerciseTime) / 3_600;
      const arrived = arrivals.get(event.id)!;
      expect(arrived - due, event.id).toBeGreaterThan(-(acked - sent) - 5);
      expect(arrived - due, event.id).toBeLessThan(1_000);
    }
    // And the clock itself ran at 3600×: exercise time elapsed ≈ 3600 × real time elapsed.
    const elapsedReal = paused.serverTime - playing.serverTime;
    expect(Math.abs(paused.exerciseTime - playing.exerciseTime - elapsedReal * 3_600)).toBeLessThan(3_600 * 50);
  });

  it('injects go into the session only, at their exercise time, and follow seeks; a client on live receives nothing', async () => {
    const session = await startSession();
    const live = await follow(coordinatorCl, 'live');
    const liveHead = await server.storedHead('live');
    const client = await follow(coordinatorPe, session.channel);
    const at = (await control(session.id, { action: 'seek', milestone: 'cruce-1455' })).body.exerciseTime;
    const inject = make.incident({
      agency: 'pnp',
      incidentId: 'EJ-INJ-1',
      occurredAt: new Date(at).toISOString(),
      text: 'Inyección: segundo grupo en el Hito 5',
    });
    expect((await server.post(inject, trainer, { channel: session.channel })).status).toBe(201);
    await client.until(() => client.follower.picture.incidents['EJ-INJ-1'] !== undefined);
    // Coordinators cannot inject; live saw nothing.
    expect((await server.post(make.incident({ agency: 'carabineros' }), coordinatorCl, { channel: session.channel })).status).toBe(403);
    await control(session.id, { action: 'play', speed: 3_600 });
    await client.until(() => client.received.length > 10, 10_000);
    await control(session.id, { action: 'pause' });

    await control(session.id, { action: 'seek', milestone: 'ruta-bloqueada' });
    await client.until(() => client.follower.picture.incidents['EJ-INJ-1'] === undefined);
    await control(session.id, { action: 'seek', milestone: 'eleccion' });
    await client.until(() => client.follower.picture.incidents['EJ-INJ-1'] !== undefined);

    expect(live.received).toEqual([]);
    expect(await server.storedHead('live')).toBe(liveHead);
    const livePicture = (await api<{ picture: { incidents: Record<string, unknown> } }>(coordinatorCl, 'GET', '/api/state?channel=live'))
      .body.picture;
    expect(livePicture.incidents['EJ-INJ-1']).toBeUndefined();
  });

  it('takes an officer’s field report into the session only, for the officer’s own agency, while the session exists', async () => {
    const session = await startSession();
    const live = await follow(coordinatorCl, 'live');
    const liveHead = await server.storedHead('live');
    const client = await follow(coordinatorPe, session.channel);
    const viewed = await api<SessionView>(officer, 'GET', `/api/training/${session.id}`);
    expect(viewed.body.mayPost).toBe(true);
    expect((await api<SessionView>(coordinatorCl, 'GET', `/api/training/${session.id}`)).body.mayPost).toBe(false);

    const at = new Date(session.clock.exerciseTime).toISOString();
    const report = make.patrolReport({ agency: 'pnp', occurredAt: at, text: 'Patrullaje de ejercicio en el Hito 1' });
    expect((await server.post(report, officer, { channel: session.channel })).status).toBe(201);
    await client.until(() => client.follower.picture.feed.some((e) => e.id === report.id));
    // Only as the officer's own agency; machine keys never post into an exercise.
    expect(
      (await server.post(make.patrolReport({ agency: 'carabineros', occurredAt: at }), officer, { channel: session.channel })).status,
    ).toBe(403);
    expect(
      (await server.post(make.bulletin({ agency: 'pdi', occurredAt: at }), server.keyOf('pdi'), { channel: session.channel })).status,
    ).toBe(403);

    // Ended: the report is refused as for an unknown channel, and nothing ever reached live.
    await fetch(`${server.url}/api/training/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${trainer}` } });
    expect((await server.post(make.patrolReport({ agency: 'pnp', occurredAt: at }), officer, { channel: session.channel })).status).toBe(
      404,
    );
    expect(
      (await server.post(make.patrolReport({ agency: 'pnp', occurredAt: at }), officer, { channel: 'training:no-such-session' })).status,
    ).toBe(404);
    expect(live.received).toEqual([]);
    expect(await server.storedHead('live')).toBe(liveHead);
  });

  it('catches up a client that reconnects, by seq, and resets one that missed a seek', async () => {
    const session = await startSession();
    const steady = await follow(coordinatorCl, session.channel);
    const dropping = await follow(coordinatorPe, session.channel);
    await control(session.id, { action: 'seek', milestone: 'despliegue-tropas' });
    await dropping.until(() => dropping.follower.seq === steady.follower.seq && steady.follower.seq > session.seq);
    dropping.socket.disconnect();

    await control(session.id, { action: 'play', speed: 3_600 });
    await steady.until(() => steady.received.length > 30, 10_000);
    await control(session.id, { action: 'pause' });
    let through = await head(session.id);
    await steady.until(() => steady.follower.seq === through);

    dropping.listen(await server.connect(coordinatorPe));
    expect(await dropping.subscribe()).toMatchObject({ ok: true, mode: 'replay', through });
    expect(comparablePicture(dropping.follower.picture)).toEqual(comparablePicture(steady.follower.picture));

    dropping.socket.disconnect();
    await control(session.id, { action: 'seek', milestone: 'jeri-en-tacna' });
    through = await head(session.id);
    await steady.until(() => steady.follower.seq === through);
    dropping.listen(await server.connect(coordinatorPe));
    expect(await dropping.subscribe()).toMatchObject({ ok: true, mode: 'snapshot' });
    expect(comparablePicture(dropping.follower.picture)).toEqual(comparablePicture(steady.follower.picture));
  });

  it('ends a session: its channel is gone for every screen, and only trainers may end it', async () => {
    const session = await startSession();
    const client = await follow(coordinatorCl, session.channel);
    const told = new Promise<void>((resolve) =>
      client.socket.on('training:clock', (clock) => clock.channel === session.channel && clock.closed && resolve()),
    );
    expect((await api(officer, 'DELETE', `/api/training/${session.id}`)).status).toBe(403);
    const ended = await fetch(`${server.url}/api/training/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${trainer}` },
    });
    expect(ended.status).toBe(204);
    await told; // screens on the channel hear that the exercise ended
    expect((await api(trainer, 'GET', `/api/training/${session.id}`)).status).toBe(404);
    expect(await client.subscribe(client.follower.seq)).toMatchObject({ ok: false, error: `unknown channel ${session.channel}` });
    expect((await server.post(make.bulletin(), trainer, { channel: session.channel })).status).toBe(404);
    const listed = await api<{ sessions: SessionView[] }>(coordinatorCl, 'GET', '/api/training');
    expect(listed.body.sessions.map((s) => s.id)).not.toContain(session.id);
  });

  it('refuses control to officers, coordinators and strangers, and says why bad commands fail', async () => {
    const session = await startSession();
    expect((await control(session.id, { action: 'play' }, officer)).status).toBe(403);
    expect((await control(session.id, { action: 'play' }, coordinatorCl)).status).toBe(403);
    expect((await control(session.id, { action: 'play' }, null)).status).toBe(401);
    expect((await api(officer, 'POST', '/api/training', { scenario: 'dec-2025' })).status).toBe(403);
    expect((await api<SessionView>(officer, 'GET', `/api/training/${session.id}`)).body.clock.playing).toBe(false);

    const bad = async (command: unknown) => {
      const res = await control(session.id, command);
      expect(res.status, JSON.stringify(command)).toBe(400);
      return (res.body as unknown as { error: { problems: Array<{ field: string }> } }).error.problems.map((p) => p.field);
    };
    expect(await bad({ action: 'rewind' })).toEqual(['action']);
    expect(await bad({ action: 'speed', speed: 0.5 })).toEqual(['speed']);
    expect(await bad({ action: 'speed', speed: 100_000 })).toEqual(['speed']);
    expect(await bad({ action: 'seek', at: '2024-01-01T00:00:00Z' })).toEqual(['at']);
    expect(await bad({ action: 'seek', at: '2025-12-01T14:55' })).toEqual(['at']);
    expect(await bad({ action: 'seek', milestone: 'no-such' })).toEqual(['milestone']);
    expect(await bad({ action: 'seek' })).toEqual(['at']);
    expect(await bad({ action: 'pause', extra: 1 })).toEqual(['']);
    expect((await api(trainer, 'POST', '/api/training', { scenario: 'nope' })).status).toBe(400);
    expect((await control('nope', { action: 'play' })).status).toBe(404);
    expect((await api<SessionView>(trainer, 'GET', `/api/training/${session.id}`)).body.clock.playing).toBe(false);
  });
});
