/**
 * The Socket.IO protocol, typed once for `Server<ClientToServerEvents, ServerToClientEvents>` and
 * `Socket<ServerToClientEvents, ClientToServerEvents>`. Commands are imperative
 * (`channel:subscribe`), broadcasts past tense (`events:appended`).
 */
import { z } from 'zod';
import { channelSchema, type Channel } from './channels.ts';
import type { StoredEvent } from './events.ts';
import type { Picture } from '../projection/picture.ts';
import type { ClockState } from '../scenario/clock.ts';

export const subscribeRequestSchema = z.strictObject({
  channel: channelSchema,
  /** The last seq the client holds; omit to start from a snapshot. */
  afterSeq: z.int().min(0).optional(),
});
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export const unsubscribeRequestSchema = z.strictObject({ channel: channelSchema });

/**
 * A run of events on a channel. It holds every event the recipient may see with
 * `after < seq <= through`, so a client that holds `after` applies it and now holds `through`;
 * a client holding less than `after` has missed something and resubscribes with what it holds.
 */
export interface EventBatch {
  channel: Channel;
  after: number;
  through: number;
  events: StoredEvent[];
}

/** The picture as of `seq`, for a client starting fresh or too far behind to replay. */
export interface Snapshot {
  channel: Channel;
  seq: number;
  picture: Picture;
}

export type SubscribeAck =
  { ok: true; mode: 'snapshot'; snapshot: Snapshot } | { ok: true; mode: 'replay'; through: number } | { ok: false; error: string };

export type Ack = { ok: true } | { ok: false; error: string };

/** Sent every few seconds on each subscribed channel: proof of life and the channel's head. */
export interface Heartbeat {
  channel: Channel;
  through: number;
  serverTime: string;
}

export interface ClientToServerEvents {
  'channel:subscribe': (request: SubscribeRequest, ack: (reply: SubscribeAck) => void) => void;
  'channel:unsubscribe': (request: { channel: Channel }, ack: (reply: Ack) => void) => void;
}

export interface ServerToClientEvents {
  'events:appended': (batch: EventBatch) => void;
  'channel:heartbeat': (beat: Heartbeat) => void;
  /** The session behind this socket ended (sign-out, revocation, expiry); the server disconnects next. */
  'session:ended': (reason: { reason: string }) => void;
  /**
   * An exercise jumped in time: the picture is now this snapshot, at a seq higher than any sent
   * before. The client replaces what it held (not a flood of every event in between).
   */
  'channel:reset': (snapshot: Snapshot) => void;
  /** An exercise's clock, on every control action and every second: displays show exercise time from it. */
  'training:clock': (clock: TrainingClock) => void;
}

/** The exercise clock of the session behind a `training:<id>` channel. */
export interface TrainingClock {
  channel: Channel;
  sessionId: string;
  state: ClockState;
  /** Sent once, when the trainer ends the session: the channel is closed from now on. */
  closed?: boolean;
}
