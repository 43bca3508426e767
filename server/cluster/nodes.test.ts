/**
 * Several real Concordia nodes (HTTP + Socket.IO) over one database, joined by an in-process
 * cluster bus: what one node stores or ends reaches the screens connected to the others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { InProcessNetwork } from './clusterBus.ts';

const started: TestServer[] = [];
afterEach(async () => {
  for (const server of started.splice(0).reverse()) await server.close();
});

async function cluster(size: number): Promise<TestServer[]> {
  const network = new InProcessNetwork();
  const first = await startTestServer({ node: { cluster: network.node() } });
  started.push(first);
  for (let i = 1; i < size; i++) {
    started.push(await startTestServer({ node: { cluster: network.node(), sameDatabaseAs: first } }));
  }
  return [...started];
}

describe('several nodes', () => {
  it('a dashboard on any node receives what every node stored, in seq order, once', async () => {
    const nodes = await cluster(3);
    const token = await nodes[0].signIn('coordinator-cl');
    const receivers = await Promise.all(
      nodes.map(async (node) => {
        const receiver = new Receiver(await node.connect(token));
        await receiver.subscribe(0);
        return receiver;
      }),
    );
    const key = nodes[0].keyOf('carabineros');
    const posts = nodes.flatMap((node) =>
      Array.from({ length: 10 }, () => node.post(make.unitPosition({ unitId: make.nextId('U') }), key).then((res) => res.status)),
    );
    expect(new Set(await Promise.all(posts))).toEqual(new Set([201]));
    const all = Array.from({ length: 30 }, (_, i) => i + 1);
    for (const receiver of receivers) {
      await receiver.until(() => receiver.received.length >= 30);
      expect(receiver.seqs()).toEqual(all);
    }
  });

  it('signing out on one node ends that session’s sockets on every node', async () => {
    const [a, b] = await cluster(2);
    const token = await a.signIn('coordinator-pe');
    const onB = await b.connect(token);
    const ended = new Promise<{ reason: string }>((resolve) => onB.once('session:ended', resolve));
    const res = await fetch(`${a.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBeLessThan(300);
    expect(await ended).toEqual({ reason: 'signed out' });
  });
});
