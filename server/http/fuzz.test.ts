/**
 * Hostile input: 10,000 generated payloads (wrong types, huge strings, deep nesting, __proto__
 * keys, invalid UTF-8, NaN and Infinity coordinates, garbage) over HTTP and the socket. Each must
 * get a 4xx or a refused ack, the server must keep serving, and the store must not change.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import type { EventInput } from '../../lib/contract/events.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const HTTP_CASES = 8_000;
const SOCKET_CASES = 2_000;
const CONCURRENCY = 8;
const SEED = 20251201; // fixed: a failure reproduces

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer();
  key = server.keyOf('pnp');
});
afterAll(() => server.close());

const validEvents = (): EventInput[] => [
  make.unitPosition({ agency: 'pnp' }),
  make.patrolReport({ agency: 'pnp' }),
  make.queueUpdate({ agency: 'pnp' }),
  make.incident({ agency: 'pnp' }),
  make.incidentClosed({ agency: 'pnp' }),
  make.deployment({ agency: 'pnp' }),
  make.bulletin({ agency: 'pnp' }),
];

/** A value that is the wrong type for every field of the contract. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.dictionary(fc.string(), fc.integer()),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.constant(true),
);

/** Fields the factories fill in but the contract does not require. */
const OPTIONAL_FIELDS = new Set([
  'releasability',
  'callsign',
  'people',
  'minors',
  'status',
  'heading',
  'waitMinutes',
  'refused',
  'area',
  'provenance',
]);

type Body = { raw: string | Buffer; note: string };

const mutatedEvent: fc.Arbitrary<Body> = fc
  .tuple(
    fc.integer({ min: 0, max: 6 }),
    fc.nat(),
    fc.integer({ min: 0, max: 7 }),
    wrongValue,
    fc.string(),
    fc.integer({ min: 2_001, max: 40_000 }),
  )
  .map(([which, pick, how, wrong, word, length]) => {
    const event = validEvents()[which] as Record<string, unknown>;
    const required = Object.keys(event).filter((k) => !OPTIONAL_FIELDS.has(k));
    const field = required[pick % required.length];
    switch (how) {
      case 0:
        return { raw: JSON.stringify({ ...event, [field]: wrong }), note: `wrong type in ${field}` };
      case 1: {
        const { [field]: _dropped, ...rest } = event;
        return { raw: JSON.stringify(rest), note: `missing ${field}` };
      }
      case 2:
        return { raw: JSON.stringify({ ...event, [`x_${word}`]: wrong }), note: 'unknown field' };
      case 3:
        return {
          raw: `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(event).slice(1)}`,
          note: '__proto__ keys',
        };
      case 4:
        return { raw: JSON.stringify({ ...event, text: 'x'.repeat(length), title: 'y'.repeat(length) }), note: 'huge strings' };
      case 5: {
        const bad = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '200', '"-18.3"'][pick % 7];
        const withPosition = 'position' in event ? event : { ...event, position: {} };
        return {
          raw: JSON.stringify(withPosition).replace(/"position":\{[^}]*\}/, `"position":{"lat":${bad},"lon":-70.3}`),
          note: `lat ${bad}`,
        };
      }
      case 6:
        return { raw: JSON.stringify([make.bulletin({ agency: 'pnp' }), { ...event, [field]: wrong }]), note: 'batch with one bad event' };
      default:
        return { raw: JSON.stringify({ ...event, agency: 'carabineros', [field]: wrong }), note: 'another agency' };
    }
  });

const deepNesting: fc.Arbitrary<Body> = fc.integer({ min: 100, max: 20_000 }).map((depth) => ({
  raw: `${'['.repeat(depth)}${']'.repeat(depth)}`,
  note: `nesting ${depth}`,
}));

const invalidUtf8: fc.Arbitrary<Body> = fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => ({
  raw: Buffer.concat([Buffer.from('{"id":"'), Buffer.from(bytes), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
  note: 'invalid UTF-8',
}));

const garbage: fc.Arbitrary<Body> = fc
  .oneof(fc.string(), fc.json(), fc.constantFrom('', 'null', '[]', '{}', '"x"', '0'))
  .map((raw) => ({ raw, note: 'garbage' }));

const hostileBody = fc.oneof(
  { weight: 6, arbitrary: mutatedEvent },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 2, arbitrary: garbage },
);

async function inPool<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

describe('fuzzing', () => {
  it(`answers ${HTTP_CASES} hostile HTTP bodies with a 4xx and stores nothing`, async () => {
    const before = await server.storedHead();
    const bodies = fc.sample(hostileBody, { numRuns: HTTP_CASES, seed: SEED });
    const unexpected: string[] = [];
    await inPool(bodies, async ({ raw, note }) => {
      const res = await fetch(`${server.url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: raw,
      });
      await res.arrayBuffer();
      if (res.status < 400 || res.status >= 500) unexpected.push(`${res.status} for ${note}`);
    });
    expect(unexpected).toEqual([]);
    expect(await server.storedHead()).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 300_000);

  it(`refuses ${SOCKET_CASES} hostile socket messages and keeps serving`, async () => {
    const before = await server.storedHead();
    const socket = await server.connect(await server.signIn('coordinator-cl'));
    const payloads = fc.sample(
      fc.oneof(fc.anything(), fc.record({ channel: fc.string(), afterSeq: fc.oneof(fc.double(), fc.string(), fc.integer({ max: -1 })) })),
      {
        numRuns: SOCKET_CASES,
        seed: SEED,
      },
    );
    let accepted = 0;
    for (const payload of payloads) {
      const ack = await socket.timeout(5_000).emitWithAck('channel:subscribe', payload as never);
      if (ack.ok) accepted++;
    }
    expect(accepted).toBe(0);
    // Messages the server does not know, and commands without an ack, are ignored.
    (socket as unknown as { emit: (...args: unknown[]) => void }).emit('events:append', { evil: true });
    socket.emit('channel:subscribe', { channel: 'live' } as never, undefined as never);
    expect(await socket.emitWithAck('channel:subscribe', { channel: 'live' })).toMatchObject({ ok: true });
    expect(await server.storedHead()).toBe(before);
  }, 300_000);
});
