/**
 * What one Concordia node tells the others: "channel C now holds events up to seq N", "this
 * session ended", "credentials changed". A message is only ever a wake-up: the receiver reads the
 * truth from the shared store, so a message that is lost (a listener reconnecting, a node frozen)
 * costs latency, never an event. Receivers are told through `missed()` when messages may have been
 * lost, and catch up from the store then.
 */
import { z } from 'zod';

export const clusterMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('appended'), channel: z.string().min(1), seq: z.number().int().positive() }),
  z.object({ kind: z.literal('session-ended'), sessionHash: z.string().min(1) }),
  /** A key or account was disabled: every node re-checks the credentials of its open sockets. */
  z.object({ kind: z.literal('credentials-changed') }),
  /** A shared exercise session was created, controlled or ended: every node reads the sessions again. */
  z.object({ kind: z.literal('training-changed') }),
]);
export type ClusterMessage = z.infer<typeof clusterMessageSchema>;

export interface ClusterHandler {
  /** A message another node sent. */
  message(message: ClusterMessage): void;
  /** Messages may have been lost (the listener reconnected): catch up from the store. */
  missed?(): void;
}

export interface ClusterBus {
  /** Tells every other node. Resolves when handed to the transport; may fail, callers do not rely on it. */
  send(message: ClusterMessage): Promise<void>;
  subscribe(handler: ClusterHandler): () => void;
  close(): Promise<void>;
}

/**
 * Today's single process, and several nodes inside one test process: each `node()` is one node's
 * bus, delivering what it sends to every other node of the same network, asynchronously as a
 * real transport would.
 */
export class InProcessNetwork {
  private readonly nodes = new Set<InProcessBus>();

  node(): ClusterBus {
    const bus = new InProcessBus(this.nodes);
    this.nodes.add(bus);
    return bus;
  }
}

class InProcessBus implements ClusterBus {
  readonly handlers = new Set<ClusterHandler>();

  constructor(private readonly network: Set<InProcessBus>) {}

  async send(message: ClusterMessage): Promise<void> {
    for (const node of this.network) {
      if (node === this) continue;
      for (const handler of node.handlers) queueMicrotask(() => handler.message(message));
    }
  }

  subscribe(handler: ClusterHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.network.delete(this);
  }
}
