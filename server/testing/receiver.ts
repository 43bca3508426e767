/**
 * A test subscriber: follows a channel over a real socket as the browser does, and records every
 * seq it received so tests can check order, gaps and duplicates. Waiting is on conditions, never
 * on fixed sleeps.
 */
import type { EventBatch, SubscribeAck } from '../../lib/contract/socket.ts';
import type { StoredEvent } from '../../lib/contract/events.ts';
import { ChannelFollower } from '../../lib/projection/channelFollower.ts';
import type { TestClient } from './testServer.ts';

export class Receiver {
  readonly follower: ChannelFollower;
  /** Every event delivered to this client, in arrival order, duplicates included. */
  readonly received: StoredEvent[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    public socket: TestClient,
    channel = 'live',
  ) {
    this.follower = new ChannelFollower(channel);
    this.listen(socket);
  }

  listen(socket: TestClient): void {
    this.socket = socket;
    socket.on('events:appended', (batch: EventBatch) => {
      this.received.push(...batch.events);
      this.follower.receive(batch);
      this.notify();
    });
  }

  async subscribe(afterSeq = this.follower.resumeFrom()): Promise<SubscribeAck> {
    const ack = await this.socket.emitWithAck('channel:subscribe', { channel: this.follower.channel, afterSeq });
    if (ack.ok && ack.mode === 'snapshot') this.follower.reset(ack.snapshot);
    this.notify();
    return ack;
  }

  seqs(): number[] {
    return this.received.map((e) => e.seq);
  }

  /** Resolves when the condition holds; fails the test after `ms`. */
  until(condition: () => boolean, ms = 5_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`condition not met within ${ms} ms; received ${this.seqs().join(',')}`)), ms);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  hasEvent(id: string): boolean {
    return this.received.some((e) => e.id === id);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
