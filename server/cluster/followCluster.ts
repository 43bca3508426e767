/**
 * Joins a node to the others: its appends are announced on the bus, and the hub reads from the
 * shared store whenever another node announces one, whenever notifications may have been lost,
 * and on a slow periodic poll as the backstop — nothing depends on a message arriving.
 */
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { ClusterBus } from './clusterBus.ts';

/** The backstop poll: how late an event can be when every notification about it was lost. */
export const CLUSTER_POLL_MS = 1_000;

/**
 * The store with every committed append announced to the other nodes. The announcement is not
 * awaited: the event is durable and acknowledged either way, and a lost one is read on the poll.
 */
export function announcingStore(store: EventStore, bus: ClusterBus): EventStore {
  return {
    async append(channel, events) {
      const result = await store.append(channel, events);
      const last = result.stored.at(-1);
      if (last) bus.send({ kind: 'appended', channel, seq: last.seq }).catch(() => {});
      return result;
    },
    read: (channel, options) => store.read(channel, options),
    head: (channel) => store.head(channel),
    probe: () => store.probe(),
    close: () => store.close(),
  };
}

/** Wakes the hub on the bus's announcements and on the poll. Returns the function that stops it. */
export function followCluster(hub: ChannelHub, bus: ClusterBus, pollMs = CLUSTER_POLL_MS): () => void {
  const unsubscribe = bus.subscribe({
    message: (message) => {
      if (message.kind === 'appended') hub.wake(message.channel, message.seq);
    },
    missed: () => hub.wakeAll(),
  });
  const poll = setInterval(() => hub.wakeAll(), pollMs);
  poll.unref();
  return () => {
    clearInterval(poll);
    unsubscribe();
  };
}
