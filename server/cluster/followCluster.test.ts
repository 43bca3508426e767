import { afterEach, describe, expect, it } from 'vitest';
import type { ConcordiaEvent, StoredEvent } from '../../lib/contract/events.ts';
import type { ReaderScope } from '../../lib/contract/releasability.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { ChannelHub } from '../realtime/channelHub.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { SqliteEventStore } from '../store/sqlite/sqliteEventStore.ts';
import type { EventStore } from '../store/eventStore.ts';
import { InProcessNetwork, type ClusterBus } from './clusterBus.ts';
import { announcingStore, followCluster } from './followCluster.ts';

/** One node: its hub over the shared store, joined to the network, with what each scope received. */
interface Node {
  hub: ChannelHub;
  store: EventStore;
  bus: ClusterBus;
  received: Map<ReaderScope, number[]>;
  stop: () => void;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startNode(shared: EventStore, network: InProcessNetwork, pollMs = 60_000): Promise<Node> {
  const bus = network.node();
  const store = announcingStore(shared, bus);
  const hub = new ChannelHub(store, 5);
  await hub.open('live');
  const received = new Map<ReaderScope, number[]>();
  hub.listen({
    batch: (scope, batch) => {
      const seqs = received.get(scope) ?? [];
      for (const event of batch.events) seqs.push(event.seq);
      received.set(scope, seqs);
    },
    heartbeat: () => {},
  });
  const stop = followCluster(hub, bus, pollMs);
  cleanups.push(() => {
    stop();
    hub.close();
    return bus.close();
  });
  return { hub, store, bus, received, stop };
}

function sharedStore(): EventStore {
  const db = openDatabase({ dataDir: ':memory:' });
  const store = new SqliteEventStore(db);
  cleanups.push(() => store.close());
  return store;
}

/** What Ingest does on a node: append, then publish what was stored to its own hub. */
async function ingest(node: Node, count: number): Promise<StoredEvent[]> {
  // Distinct units, so no position supersedes another and every seq is sent.
  const events = Array.from({ length: count }, () => ({
    ...make.unitPosition({ unitId: make.nextId('U') }),
    releasability: 'binational',
  })) as ConcordiaEvent[];
  const { stored } = await node.store.append('live', events);
  node.hub.publish('live', stored);
  return stored;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('several nodes over one store', () => {
  it('sends every event appended on any node to every node, in seq order, exactly once', async () => {
    const store = sharedStore();
    const network = new InProcessNetwork();
    const nodes = await Promise.all([startNode(store, network), startNode(store, network), startNode(store, network)]);
    // Interleaved writers: each node's local commits race the wake-ups from the others.
    await Promise.all(nodes.flatMap((node) => Array.from({ length: 20 }, () => ingest(node, 3))));
    for (const node of nodes) {
      await until(() => node.received.get('CL')?.length === 180);
      expect(node.received.get('CL')).toEqual(range(180));
      expect(node.received.get('PE')).toEqual(range(180));
    }
  });

  it('catches up on the poll when every notification was lost', async () => {
    const store = sharedStore();
    const writer = await startNode(store, new InProcessNetwork());
    // A reader on a network of its own: it hears nothing from the writer.
    const reader = await startNode(store, new InProcessNetwork(), 50);
    await ingest(writer, 4);
    await ingest(writer, 4);
    await until(() => reader.received.get('CL')?.length === 8);
    expect(reader.received.get('CL')).toEqual(range(8));
  });

  it('reads the gap from the store when a local commit arrives before another node’s earlier one', async () => {
    const store = sharedStore();
    const network = new InProcessNetwork();
    const [a, b] = await Promise.all([startNode(store, network), startNode(store, network)]);
    a.stop(); // a hears nothing: only its own commit tells it the channel moved
    await ingest(b, 2);
    await ingest(a, 1);
    await until(() => a.received.get('CL')?.length === 3);
    expect(a.received.get('CL')).toEqual([1, 2, 3]);
  });
});

describe('announcing appends', () => {
  it('has one announcement in flight at a time, and the next carries the latest seq of what committed meanwhile', async () => {
    const sent: Array<{ channel: string; seq: number }> = [];
    const inFlight: Array<() => void> = [];
    const bus: ClusterBus = {
      send: (message) => {
        if (message.kind === 'appended') sent.push({ channel: message.channel, seq: message.seq });
        return new Promise<void>((resolve) => inFlight.push(resolve));
      },
      subscribe: () => () => {},
      close: async () => {},
    };
    const store = announcingStore(sharedStore(), bus);
    const append = () => store.append('live', [make.unitPosition({ unitId: make.nextId('U') }) as ConcordiaEvent]);
    await append();
    await append();
    await append();
    expect(sent).toEqual([{ channel: 'live', seq: 1 }]);
    inFlight.shift()!();
    await until(() => sent.length === 2);
    expect(sent[1]).toEqual({ channel: 'live', seq: 3 });
    inFlight.shift()!();
    await append();
    await until(() => sent.length === 3);
    expect(sent[2]).toEqual({ channel: 'live', seq: 4 });
  });
});
