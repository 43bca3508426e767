/**
 * A retried action (its reply was lost) that reaches another node is stored once and answered as
 * the first was: the log itself remembers each agency's action ids (Picture.actionIds), not one
 * node's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionReplySchema } from '../../lib/contract/actions.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { InProcessNetwork } from '../cluster/clusterBus.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let nodes: TestServer[];
beforeAll(async () => {
  const network = new InProcessNetwork();
  const first = await startTestServer({ node: { cluster: network.node() } });
  nodes = [first, await startTestServer({ node: { cluster: network.node(), sameDatabaseAs: first } })];
}, 60_000);
afterAll(async () => {
  for (const node of [...nodes].reverse()) await node.close();
});

function act(node: TestServer, token: string, body: unknown): Promise<Response> {
  return fetch(`${node.url}/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

const confidence = { credibility: 'probable', reliability: 'reliable', validated: true };

describe('POST /api/actions on several nodes', () => {
  it('a retry with the same id on another node stores nothing new and answers 200 with the first seq', async () => {
    const [a, b] = nodes;
    const token = await a.signIn('coordinator-pe');
    const watcher = new Receiver(await b.connect(token));
    await watcher.subscribe();
    expect((await a.post(make.incident({ incidentId: 'R-1', occurredAt: new Date().toISOString() }), a.keyOf('pnp'))).status).toBe(201);
    const body = {
      id: make.nextId('retry'),
      step: { type: 'incident.validated', incidentId: 'R-1', owner: 'pnp', impact: 'medium', confidence, response: 'PNP' },
    };

    const first = await act(a, token, body);
    expect(first.status).toBe(201);
    const stored = actionReplySchema.parse(await first.json());
    const headAfterFirst = await a.storedHead('live');

    // Node b has not necessarily published the step yet; the retry must still not be refused as a second validation.
    const retry = await act(b, token, body);
    const again = await retry.json();
    expect(retry.status, JSON.stringify(again)).toBe(200);
    expect(actionReplySchema.parse(again)).toEqual({ ...stored, duplicate: true });
    expect(await b.storedHead('live')).toBe(headAfterFirst);

    // The same id from another agency is another action: it is judged (and here refused) on its own.
    const other = await act(b, await b.signIn('coordinator-cl'), body);
    expect(other.status).toBe(403);

    await watcher.until(() => watcher.hasEvent(body.id));
    expect(watcher.received.filter((e) => e.id === body.id)).toHaveLength(1);
    watcher.socket.disconnect();
  });
});
