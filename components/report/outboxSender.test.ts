import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as make from '@/lib/testing/eventFactory.ts';
import type { EventInput } from '@/lib/contract/events.ts';
import { LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';
import { BASE_RETRY_DELAY_MS } from '@/components/report/delivery.ts';
import { eventsUrl, flushOutbox, LEASE_MS, type PostAction, type PostAnswer, type PostEvent } from '@/components/report/outboxSender.ts';
import type { ActionRequest } from '@/lib/contract/actions.ts';
import { answerAction } from '@/components/report/taskings.ts';
import { OutboxStore, SENT_KEPT } from '@/components/report/outboxStore.ts';

/**
 * A stand-in for POST /api/events with the server's idempotency: an id is stored once, a repeat
 * is answered as a duplicate. Each request can be scripted to fail in a way a phone meets.
 */
class FakeServer {
  readonly stored = new Map<string, EventInput>();
  readonly requests: string[] = [];
  /** Channel of each request, in order. */
  readonly channels: string[] = [];
  private script: Array<'ok' | 'lose-ack' | 'offline' | '503' | '401' | '403' | '429'> = [];

  next(...steps: FakeServer['script']): void {
    this.script.push(...steps);
  }

  post: PostEvent = async (event, channel) => {
    this.requests.push(event.id);
    this.channels.push(channel);
    clock += 1; // a request takes time
    const step = this.script.shift() ?? 'ok';
    if (step === 'offline') throw new TypeError('Failed to fetch');
    const answer = (status: number, body: unknown, retryAfter: string | null = null): PostAnswer => ({ status, body, retryAfter });
    if (step === '503') return answer(503, { error: { code: 'internal', message: 'busy' } });
    if (step === '429') return answer(429, { error: { code: 'rate_limited', message: 'slow down' } }, '60');
    if (step === '401') return answer(401, { error: { code: 'unauthorized', message: 'sign in' } });
    if (step === '403') {
      return answer(403, {
        error: {
          code: 'forbidden',
          message: 'a officer of pdi may only post as pdi',
          problems: [{ field: 'agency', message: 'this credential posts for pdi, not pnp' }],
        },
      });
    }
    const duplicate = this.stored.has(event.id);
    if (!duplicate) this.stored.set(event.id, event);
    // The server stored it and answered, but the answer never reached the phone.
    if (step === 'lose-ack') throw new TypeError('network connection was lost');
    return answer(
      201,
      duplicate ? { accepted: [], duplicates: [event.id] } : { accepted: [{ id: event.id, seq: this.stored.size }], duplicates: [] },
    );
  };
}

const LIVE = LIVE_CHANNEL;
const EXERCISE = 'training:ej-1';

let store: OutboxStore;
let server: FakeServer;
let clock: number;
const now = () => clock;
const noJitter = () => 0.5;
let dbCount = 0;

beforeEach(async () => {
  store = await OutboxStore.open(`outbox-test-${++dbCount}`);
  server = new FakeServer();
  clock = Date.parse('2025-12-14T15:00:00Z');
});
afterEach(() => store.close());

const flush = () => flushOutbox(store, server.post, { now, random: noJitter });
const pending = async () => (await store.list()).filter((i) => i.state === 'pending');

describe('flushOutbox', () => {
  it('sends every waiting report once, oldest first, and remembers them as sent', async () => {
    const reports = [make.patrolReport(), make.queueUpdate({ agency: 'pnp' }), make.incident()];
    for (const [i, report] of reports.entries()) await store.add(report, { channel: LIVE, now: clock + i });
    clock += 10;
    expect(await flush()).toEqual({ delivered: 3, rejected: 0, signedOut: false, pausedUntil: null });
    expect(server.requests).toEqual(reports.map((r) => r.id));
    expect(await store.list()).toEqual([]);
    expect((await store.recentlySent()).map((s) => s.id)).toEqual(reports.map((r) => r.id).reverse());
  });

  it('stores a report once when its acknowledgement was lost: the retry is answered as a duplicate', async () => {
    const report = make.incident();
    await store.add(report, { channel: LIVE, now: clock });
    server.next('lose-ack');
    const first = await flush();
    expect(first.delivered).toBe(0);
    expect(first.pausedUntil).toBe(clock + BASE_RETRY_DELAY_MS);
    expect(await pending()).toMatchObject([{ id: report.id, attempts: 1, lastError: 'network' }]);

    clock += BASE_RETRY_DELAY_MS;
    expect((await flush()).delivered).toBe(1);
    expect(server.requests).toEqual([report.id, report.id]);
    expect(server.stored.size).toBe(1);
    expect(await store.recentlySent()).toMatchObject([{ id: report.id, duplicate: true }]);
  });

  it('waits longer after each failure and sends nothing before it is due', async () => {
    await store.add(make.patrolReport(), { channel: LIVE, now: clock });
    server.next('offline', 'offline', '503');
    expect((await flush()).pausedUntil).toBe(clock + 2_000);
    expect(await flush()).toEqual({ delivered: 0, rejected: 0, signedOut: false, pausedUntil: null });
    expect(server.requests).toHaveLength(1);
    clock += 2_000;
    expect((await flush()).pausedUntil).toBe(clock + 4_000);
    clock += 4_000;
    expect((await flush()).pausedUntil).toBe(clock + 8_000);
    expect(await pending()).toMatchObject([{ attempts: 3, lastError: 'HTTP 503' }]);
    await store.makeAllDue(clock);
    expect((await flush()).delivered).toBe(1);
  });

  it('waits as long as a rate-limited server asks', async () => {
    await store.add(make.patrolReport(), { channel: LIVE, now: clock });
    server.next('429');
    expect((await flush()).pausedUntil).toBe(clock + 60_000);
  });

  it('keeps a refused report with the server’s reason and never sends it again by itself', async () => {
    const refused = make.incident({ agency: 'pnp' });
    const fine = make.patrolReport();
    await store.add(refused, { channel: LIVE, now: clock });
    await store.add(fine, { channel: LIVE, now: clock + 1 });
    clock += 10;
    server.next('403');
    expect(await flush()).toMatchObject({ delivered: 1, rejected: 1 });
    const [kept] = await store.list();
    expect(kept).toMatchObject({
      id: refused.id,
      state: 'rejected',
      rejection: { status: 403, code: 'forbidden', problems: [{ field: 'agency', message: 'this credential posts for pdi, not pnp' }] },
    });
    clock += 3_600_000;
    await store.makeAllDue(clock);
    await flush();
    expect(server.requests).toEqual([refused.id, fine.id]);
    expect(await store.remove(refused.id, clock)).toMatchObject({ id: refused.id });
    expect(await store.list()).toEqual([]);
  });

  it('stops on an ended session and keeps every report, untried', async () => {
    await store.add(make.patrolReport(), { channel: LIVE, now: clock });
    await store.add(make.patrolReport(), { channel: LIVE, now: clock + 1 });
    server.next('401');
    expect(await flush()).toMatchObject({ signedOut: true, delivered: 0 });
    const left = await pending();
    expect(left).toHaveLength(2);
    expect(left.map((i) => [i.attempts, i.leaseUntil])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('sends in the order the reports were made, even when a later one came due first', async () => {
    const [queue, patrol, incident] = [make.queueUpdate(), make.patrolReport(), make.incident()];
    for (const [i, report] of [queue, patrol, incident].entries()) await store.add(report, { channel: LIVE, now: clock + i });
    clock += 10;
    // Offline: the first fails and backs off; the round stops there.
    server.next('offline');
    expect(await flush()).toMatchObject({ delivered: 0 });
    // Its backoff still runs while the later two are due: nothing goes before it.
    expect(await store.leaseNextDue(clock, LEASE_MS)).toBeNull();
    clock += 60 * BASE_RETRY_DELAY_MS;
    expect(await flush()).toMatchObject({ delivered: 3 });
    expect([...server.stored.keys()]).toEqual([queue.id, patrol.id, incident.id]);
  });

  it('lets only one of two tabs hold a report at a time', async () => {
    const other = await OutboxStore.open(`outbox-test-${dbCount}`); // the same database, as a second tab
    const report = make.incident();
    await store.add(report, { channel: LIVE, now: clock });
    const [a, b] = await Promise.all([store.leaseNextDue(clock, LEASE_MS), other.leaseNextDue(clock, LEASE_MS)]);
    expect([a?.id, b?.id].filter(Boolean)).toEqual([report.id]);
    // A held report is not removed under its sender, and comes free when the lease runs out.
    expect(await store.remove(report.id, clock)).toBeNull();
    expect(await other.leaseNextDue(clock + LEASE_MS, LEASE_MS)).toMatchObject({ id: report.id });
    other.close();
  });

  it('two tabs flushing at once deliver each report exactly once', async () => {
    const other = await OutboxStore.open(`outbox-test-${dbCount}`);
    for (let i = 0; i < 6; i++) await store.add(make.patrolReport(), { channel: LIVE, now: clock + i });
    clock += 10;
    const results = await Promise.all([flush(), flushOutbox(other, server.post, { now, random: noJitter })]);
    expect(results[0].delivered + results[1].delivered).toBe(6);
    expect(server.requests).toHaveLength(6);
    expect(new Set(server.requests).size).toBe(6);
    other.close();
  });
});

describe('OutboxStore', () => {
  it('lets a new shared position replace one that never left the phone, but not one already tried', async () => {
    const first = make.unitPosition({ agency: 'pnp', unitId: 'PNP-1' });
    const second = make.unitPosition({ agency: 'pnp', unitId: 'PNP-1' });
    const third = make.unitPosition({ agency: 'pnp', unitId: 'PNP-1' });
    const byHand = make.unitPosition({ agency: 'pnp', unitId: 'PNP-1' });
    await store.add(byHand, { channel: LIVE, now: clock });
    await store.add(first, { channel: LIVE, now: clock + 1, auto: true });
    await store.add(second, { channel: LIVE, now: clock + 2, auto: true });
    expect((await store.list()).map((i) => i.id)).toEqual([byHand.id, second.id]);

    await store.markRetry(second.id, { now: clock, delayMs: 1_000, reason: 'network' });
    await store.add(third, { channel: LIVE, now: clock + 3, auto: true });
    expect((await store.list()).map((i) => i.id)).toEqual([byHand.id, second.id, third.id]);
  });

  it('keeps only the last sent reports', async () => {
    for (let i = 0; i < SENT_KEPT + 5; i++) {
      const report = make.patrolReport();
      await store.add(report, { channel: LIVE, now: clock + i });
      await store.markDelivered(report.id, { now: clock + i, duplicate: false });
    }
    expect(await store.recentlySent()).toHaveLength(SENT_KEPT);
  });

  it('says when the next pending report is due', async () => {
    expect(await store.nextDueAt()).toBeNull();
    const report = make.patrolReport();
    await store.add(report, { channel: LIVE, now: clock });
    await store.markRetry(report.id, { now: clock, delayMs: 8_000, reason: 'network' });
    expect(await store.nextDueAt()).toBe(clock + 8_000);
  });

  it('survives being closed and opened again, as after a reload', async () => {
    const report = make.incident();
    await store.add(report, { channel: LIVE, now: clock });
    store.close();
    store = await OutboxStore.open(`outbox-test-${dbCount}`);
    expect(await store.list()).toMatchObject([{ id: report.id, event: report, state: 'pending' }]);
  });
});

describe('the channel a report was written on', () => {
  it('posts each report to its own channel only, whichever page drains the outbox', async () => {
    const live = make.patrolReport();
    const exercise = make.patrolReport();
    const later = make.incident();
    await store.add(live, { channel: LIVE, now: clock });
    await store.add(exercise, { channel: EXERCISE, now: clock + 1 });
    await store.add(later, { channel: LIVE, now: clock + 2 });
    clock += 10;
    expect((await flush()).delivered).toBe(3);
    expect(server.requests).toEqual([live.id, exercise.id, later.id]);
    expect(server.channels).toEqual([LIVE, EXERCISE, LIVE]);
    expect((await store.recentlySent()).map((s) => [s.id, s.channel])).toEqual([
      [later.id, LIVE],
      [exercise.id, EXERCISE],
      [live.id, LIVE],
    ]);
  });

  it('keeps the channel through retries and a reload', async () => {
    const report = make.patrolReport();
    await store.add(report, { channel: EXERCISE, now: clock });
    server.next('offline');
    await flush();
    store.close();
    store = await OutboxStore.open(`outbox-test-${dbCount}`);
    expect(await store.list()).toMatchObject([{ id: report.id, channel: EXERCISE, attempts: 1 }]);
    clock += BASE_RETRY_DELAY_MS;
    await flush();
    expect(server.channels).toEqual([EXERCISE, EXERCISE]);
  });

  it('refuses to queue a report without a real channel', async () => {
    await expect(store.add(make.patrolReport(), { channel: 'training:', now: clock })).rejects.toThrow(/not a channel/);
    await expect(store.add(make.patrolReport(), { channel: '', now: clock })).rejects.toThrow(/not a channel/);
    expect(await store.list()).toEqual([]);
  });

  it('reads a record from before reports carried a channel as live (that page posted only to live)', async () => {
    const report = make.patrolReport();
    await store.add(report, { channel: LIVE, now: clock });
    store.close();
    // Rewrite the record as the previous version of the page wrote it: no channel.
    const { openDB } = await import('idb');
    const raw = await openDB(`outbox-test-${dbCount}`);
    const old = await raw.get('outbox', report.id);
    delete old.channel;
    await raw.put('outbox', old);
    raw.close();
    store = await OutboxStore.open(`outbox-test-${dbCount}`);
    expect(await store.list()).toMatchObject([{ id: report.id, channel: LIVE }]);
    await flush();
    expect(server.channels).toEqual([LIVE]);
  });

  it('a shared position in an exercise never replaces one waiting for live, nor the other way', async () => {
    const liveFix = make.unitPosition({ agency: 'pnp', unitId: 'PNP-1' });
    const exerciseFix = make.unitPosition({ agency: 'pnp', unitId: 'PNP-1' });
    await store.add(liveFix, { channel: LIVE, now: clock, auto: true });
    await store.add(exerciseFix, { channel: EXERCISE, now: clock + 1, auto: true });
    expect((await store.list()).map((i) => [i.id, i.channel])).toEqual([
      [liveFix.id, LIVE],
      [exerciseFix.id, EXERCISE],
    ]);
  });
});

/** A stand-in for POST /api/actions: an id stored once (200 duplicate on a retry); scripted refusals. */
class FakeActions {
  readonly stored = new Map<string, ActionRequest>();
  readonly requests: ActionRequest[] = [];
  private script: Array<'ok' | 'lose-ack' | '409'> = [];
  next(...steps: FakeActions['script']): void {
    this.script.push(...steps);
  }
  post: PostAction = async (request) => {
    this.requests.push(request);
    clock += 1;
    const step = this.script.shift() ?? 'ok';
    if (step === '409') {
      return {
        status: 409,
        body: { error: { code: 'conflict', message: 'incident I-1 is closed; no step can follow its closure' } },
        retryAfter: null,
      };
    }
    const duplicate = this.stored.has(request.id);
    if (!duplicate) this.stored.set(request.id, request);
    if (step === 'lose-ack') throw new TypeError('network connection was lost');
    const body = { id: request.id, channel: request.channel ?? LIVE, seq: this.stored.size, type: request.step.type, duplicate };
    return { status: duplicate ? 200 : 201, body, retryAfter: null };
  };
}

describe('answers to taskings in the outbox', () => {
  const accept = () => answerAction({ id: make.nextId('ans'), agency: 'pnp', unitId: 'PNP-1', taskingId: 'T-1', answer: 'accept' });

  it('go to POST /api/actions on their own channel, in order with reports, and are stored once after a lost reply', async () => {
    const actions = new FakeActions();
    const report = make.incident();
    const answer = accept();
    await store.add(report, { channel: LIVE, now: clock });
    await store.addAction(answer, { channel: EXERCISE, now: clock + 1 });
    actions.next('lose-ack');
    const send = () => flushOutbox(store, server.post, { now, random: noJitter, postAction: actions.post });
    expect((await send()).delivered).toBe(1);
    expect(server.requests).toEqual([report.id]);
    expect(actions.requests).toEqual([{ id: answer.id, channel: EXERCISE, step: answer.step }]);
    expect(await pending()).toMatchObject([{ id: answer.id, kind: 'action', attempts: 1 }]);

    clock += BASE_RETRY_DELAY_MS;
    expect((await send()).delivered).toBe(1);
    expect(actions.stored.size).toBe(1);
    expect(await store.recentlySent()).toMatchObject([
      { id: answer.id, kind: 'action', channel: EXERCISE, duplicate: true, action: answer },
      { id: report.id, kind: 'report' },
    ]);
  });

  it('keep a refused answer (409) with the server’s words for the officer, and never retry it alone', async () => {
    const actions = new FakeActions();
    const answer = accept();
    await store.addAction(answer, { channel: LIVE, now: clock });
    actions.next('409');
    const send = () => flushOutbox(store, server.post, { now, random: noJitter, postAction: actions.post });
    expect(await send()).toMatchObject({ delivered: 0, rejected: 1 });
    expect(await store.list()).toMatchObject([
      { id: answer.id, state: 'rejected', rejection: { status: 409, message: 'incident I-1 is closed; no step can follow its closure' } },
    ]);
    clock += 60_000;
    await send();
    expect(actions.requests).toHaveLength(1);
  });

  it('read a record of the version before answers (no kind) as a report', async () => {
    const report = make.patrolReport();
    await store.add(report, { channel: LIVE, now: clock });
    store.close();
    const { openDB } = await import('idb');
    const raw = await openDB(`outbox-test-${dbCount}`);
    const old = await raw.get('outbox', report.id);
    delete old.kind;
    await raw.put('outbox', old);
    raw.close();
    store = await OutboxStore.open(`outbox-test-${dbCount}`);
    expect(await store.list()).toMatchObject([{ id: report.id, kind: 'report', event: report }]);
  });
});

describe('eventsUrl', () => {
  it('always names the channel, live included', () => {
    expect(eventsUrl(LIVE)).toBe('/api/events?channel=live');
    expect(eventsUrl(EXERCISE)).toBe('/api/events?channel=training%3Aej-1');
  });
});
