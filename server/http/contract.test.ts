/**
 * The HTTP contract (lib/contract/http.ts, lib/contract/training.ts) against a real server on
 * port 0: every reply the browser, the CLI and the tests read parses with its schema, so the
 * server's replies and the clients' parsers cannot drift apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { readClientConfig } from '../../lib/contract/clientConfig.ts';
import {
  clientConfigSchema,
  errorReplySchema,
  ingestReceiptSchema,
  ingestReportSchema,
  sessionReplySchema,
  signInReplySchema,
} from '../../lib/contract/http.ts';
import { createdSessionSchema, scenarioListSchema, sessionListSchema, sessionViewSchema } from '../../lib/contract/training.ts';
import { clockStateSchema } from '../../lib/scenario/clock.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let server: TestServer;
let trainer: string;

async function reply(token: string | null, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as unknown) };
}

/** Parses with the schema and fails with zod's own account of what did not match. */
function expectShape<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  return parsed.data;
}

beforeAll(async () => {
  server = await startTestServer();
  trainer = await server.signIn('trainer');
});
afterAll(() => server.close());

describe('the HTTP contract', () => {
  it('client config: the schema and the wall’s zod-free reader both accept what the server sends', async () => {
    const { status, body } = await reply(null, 'GET', '/api/client-config');
    expect(status).toBe(200);
    expect(readClientConfig(body)).toEqual(expectShape(clientConfigSchema, body));
  });

  it('sign-in, session and refusal replies', async () => {
    const signedIn = await reply(null, 'POST', '/api/session', { username: 'officer-pnp', password: server.passwordOf('officer-pnp') });
    expect(signedIn.status).toBe(200);
    const { token, user } = expectShape(signInReplySchema, signedIn.body);
    expect(user).toMatchObject({ username: 'officer-pnp', role: 'officer', agency: 'pnp' });
    expect(expectShape(sessionReplySchema, (await reply(token, 'GET', '/api/session')).body).user).toEqual(user);

    const wrong = await reply(null, 'POST', '/api/session', { username: 'officer-pnp', password: 'not it' });
    expect(wrong.status).toBe(401);
    expectShape(errorReplySchema, wrong.body);
  });

  it('ingest: a receipt for stored events, problems for refused ones, a report for a file', async () => {
    const coordinator = await server.signIn('coordinator-cl');
    const event = make.patrolReport({ agency: 'carabineros' });
    const stored = await reply(coordinator, 'POST', '/api/events', event);
    expect(stored.status).toBe(201);
    expect(expectShape(ingestReceiptSchema, stored.body).accepted).toHaveLength(1);
    expect(expectShape(ingestReceiptSchema, (await reply(coordinator, 'POST', '/api/events', event)).body).duplicates).toHaveLength(1);

    const refused = await reply(coordinator, 'POST', '/api/events', [{ ...event, id: 'x-2', position: { lat: 99, lon: 0 } }]);
    expect(refused.status).toBe(400);
    expect(expectShape(errorReplySchema, refused.body).error.problems?.length).toBeGreaterThan(0);

    const report = await reply(
      coordinator,
      'POST',
      '/api/ingest/ndjson?dryRun=true',
      `${JSON.stringify(event)}\n{}\n`,
      'application/x-ndjson',
    );
    expect(report.status).toBe(200);
    expect(expectShape(ingestReportSchema, report.body)).toMatchObject({ format: 'ndjson', received: 2 });
  });

  it('training: catalog, sessions, control, inject and end', async () => {
    expect(expectShape(scenarioListSchema, (await reply(trainer, 'GET', '/api/scenarios')).body).scenarios.length).toBeGreaterThan(0);
    const created = await reply(trainer, 'POST', '/api/training', { scenario: 'dec-2025' });
    expect(created.status).toBe(201);
    const { id, channel } = expectShape(createdSessionSchema, created.body);
    expectShape(sessionViewSchema, (await reply(trainer, 'GET', `/api/training/${id}`)).body);
    expect(expectShape(sessionListSchema, (await reply(trainer, 'GET', '/api/training')).body).sessions.map((s) => s.id)).toContain(id);
    const clock = expectShape(clockStateSchema, (await reply(trainer, 'POST', `/api/training/${id}/control`, { action: 'play' })).body);
    const inject = make.incident({ agency: 'pnp', incidentId: 'EJ-C-1', occurredAt: new Date(clock.exerciseTime).toISOString() });
    expectShape(ingestReceiptSchema, (await reply(trainer, 'POST', `/api/events?channel=${encodeURIComponent(channel)}`, inject)).body);
    expect((await reply(trainer, 'DELETE', `/api/training/${id}`)).status).toBe(204);
  });
});
