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
 * One announcement is in flight at a time; appends committed meanwhile are announced by the next
 * one, with each channel's latest seq (a wake-up reads everything after what a hub has). On
 * PostgreSQL a NOTIFY is a commit of its own, flushed to disk one after another: one per append
 * queued without bound and took the disk from the appends (bench/ingest.ts, 8 senders).
 */
export function announcingStore(store: EventStore, bus: ClusterBus): EventStore {
  const unannounced = new Map<string, number>();
  let sending = false;
  const announce = (): void => {
    const next = unannounced.entries().next();
    if (sending || next.done) return;
    const [channel, seq] = next.value;
    unannounced.delete(channel);
    sending = true;
    bus
      .send({ kind: 'appended', channel, seq })
      .catch(() => {})
      .finally(() => {
        sending = false;
        announce();
      });
  };
  return {
    async append(channel, events) {
      const result = await store.append(channel, events);
      const last = result.stored.at(-1);
      if (last) {
        unannounced.set(channel, Math.max(unannounced.get(channel) ?? 0, last.seq));
        announce();
      }
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
