/**
 * Socket.IO: handshake authentication, subscriptions with catch-up by seq, and fan-out of the
 * hub's batches to one room per channel and reader scope (a Peruvian screen never joins a room
 * that carries Chilean national events, and the reverse).
 */
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { subscribeRequestSchema, unsubscribeRequestSchema } from '../../lib/contract/socket.ts';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck, TrainingClock } from '../../lib/contract/socket.ts';
import { audiencesVisibleTo, READER_SCOPES, type ReaderScope } from '../../lib/contract/releasability.ts';
import type { StoredEvent } from '../../lib/contract/events.ts';
import type { Accounts } from '../auth/accounts.ts';
import { credentialFrom } from '../auth/credentials.ts';
import type { Principal } from '../auth/roles.ts';
import type { EventStore } from '../store/eventStore.ts';
import { storeFaultOf } from '../store/storeFault.ts';
import type { ChannelHub } from './channelHub.ts';

export interface SocketData {
  principal: Principal;
  /** Kept to re-check the credential: sessions expire and keys are revoked while sockets stay open. */
  credential: string;
}

/** How often open sockets have their credential checked again. */
export const CREDENTIAL_RECHECK_MS = 30_000;
/** Sockets re-checked per turn of the event loop. */
const RECHECK_SLICE = 250;

export interface Realtime {
  /** Disconnects at once every socket opened with this session. */
  endSession(sessionHash: string): void;
  /** Re-checks every open socket's credential now (another node disabled a key or an account). */
  recheckNow(): Promise<void>;
  stop(): void;
}

export type ConcordiaServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ConcordiaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A client further behind than this gets a snapshot instead of a replay. */
export const MAX_REPLAY_EVENTS = 20_000;
const REPLAY_PAGE = 1_000;

export const roomOf = (channel: string, scope: ReaderScope) => `${channel}|${scope}`;

/** Sends an exercise's clock to every reader of its channel, whatever their scope. */
export function emitTrainingClock(io: ConcordiaServer, clock: TrainingClock): void {
  io.to(READER_SCOPES.map((scope) => roomOf(clock.channel, scope))).emit('training:clock', clock);
}

export function attachRealtime(
  io: ConcordiaServer,
  deps: { hub: ChannelHub; store: EventStore; accounts: Accounts; log: Logger; recheckMs?: number },
): Realtime {
  const { hub, store, accounts, log } = deps;

  // Socket.IO encodes a broadcast before it looks at who is in the room, so a room nobody is in
  // (no Peruvian screen open, say) would still cost a full encode of every batch.
  const roomHasReaders = (room: string) => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;
  hub.listen({
    batch: (scope, batch) => {
      const room = roomOf(batch.channel, scope);
      if (roomHasReaders(room)) io.to(room).emit('events:appended', batch);
    },
    heartbeat: (scope, beat) => io.to(roomOf(beat.channel, scope)).emit('channel:heartbeat', beat),
    reset: (scope, snapshot) => io.to(roomOf(snapshot.channel, scope)).emit('channel:reset', snapshot),
  });

  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : null;
    const credential = token ?? credentialFrom({ cookie: socket.handshake.headers.cookie });
    if (!credential) return next(new Error('unauthorized'));
    accounts.authenticate(credential).then(
      (principal) => {
        if (!principal) return next(new Error('unauthorized'));
        socket.data.principal = principal;
        socket.data.credential = credential;
        next();
      },
      (error: unknown) => {
        log.warn({ err: error }, 'socket sign-in: the account store did not answer');
        next(new Error('storage unavailable'));
      },
    );
  });

  function end(socket: ConcordiaSocket, reason: string): void {
    socket.emit('session:ended', { reason });
    socket.disconnect(true);
  }

  // Revocation, expiry and disabled accounts also reach sockets that are already open. A pass looks
  // each credential up once, and yields between slices of sockets: with two thousand walls open,
  // checking all in one go held the event loop for over 100 ms every 30 s (bench/fanout.ts).
  let rechecking = false;
  async function recheckAll(): Promise<void> {
    if (rechecking) return;
    rechecking = true;
    try {
      const verdicts = new Map<string, boolean>();
      const sockets = [...io.of('/').sockets.values()];
      for (let i = 0; i < sockets.length; i += RECHECK_SLICE) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        for (const socket of sockets.slice(i, i + RECHECK_SLICE)) {
          if (socket.disconnected) continue;
          const { credential } = socket.data;
          let valid = verdicts.get(credential);
          if (valid === undefined) {
            // A store that does not answer cuts nobody: the next pass asks again.
            valid = await accounts.authenticate(credential).then(
              (principal) => principal !== null,
              () => true,
            );
            verdicts.set(credential, valid);
          }
          if (!valid) end(socket, 'credential no longer valid');
        }
      }
    } finally {
      rechecking = false;
    }
  }
  const recheck = setInterval(() => void recheckAll(), deps.recheckMs ?? CREDENTIAL_RECHECK_MS);
  recheck.unref();

  io.on('connection', (socket: ConcordiaSocket) => {
    socket.on('channel:subscribe', async (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = subscribeRequestSchema.safeParse(raw);
      if (!request.success) return ack({ ok: false, error: `invalid subscribe request: ${request.error.issues[0].message}` });
      const { channel, afterSeq } = request.data;
      if (!hub.has(channel)) return ack({ ok: false, error: `unknown channel ${channel}` });
      try {
        ack(await subscribe(socket, channel, afterSeq));
      } catch (error) {
        log.error({ err: error, channel }, 'subscribe failed');
        ack({ ok: false, error: 'subscribe failed' });
      }
    });

    socket.on('channel:unsubscribe', (raw, ack) => {
      const request = unsubscribeRequestSchema.safeParse(raw);
      if (request.success) socket.leave(roomOf(request.data.channel, socket.data.principal.scope));
      if (typeof ack === 'function') ack(request.success ? { ok: true } : { ok: false, error: 'invalid request' });
    });
  });

  /**
   * Brings the socket up to the channel's published seq, then joins its room. The join happens in
   * the same turn of the event loop as the last check that nothing is left to replay, so no batch
   * can fall between the replay and the live stream.
   */
  async function subscribe(socket: ConcordiaSocket, channel: string, afterSeq?: number): Promise<SubscribeAck> {
    const scope = socket.data.principal.scope;
    const head = hub.through(channel);
    if (afterSeq === undefined || afterSeq > head || head - afterSeq > MAX_REPLAY_EVENTS) {
      // A fresh client, one from a different data set, or one too far behind: start from the picture.
      const snapshot = hub.snapshot(channel, scope);
      socket.join(roomOf(channel, scope));
      return { ok: true, mode: 'snapshot', snapshot };
    }
    const owner = hub.ownerOf(channel);
    if (owner) return subscribeOwned(socket, channel, afterSeq, owner.replay(afterSeq, head, scope));
    let cursor = afterSeq;
    for (;;) {
      const target = hub.through(channel);
      if (cursor >= target) {
        socket.join(roomOf(channel, scope));
        return { ok: true, mode: 'replay', through: cursor };
      }
      let events: StoredEvent[];
      try {
        events = await store.read(channel, {
          afterSeq: cursor,
          throughSeq: target,
          limit: REPLAY_PAGE,
          audiences: audiencesVisibleTo(scope),
        });
      } catch (error) {
        const fault = storeFaultOf(error);
        if (!fault) throw error;
        // The store cannot replay now (PostgreSQL down); the picture is in memory: the client
        // starts again from it, as a fresh one would, instead of waiting on a store that is away.
        log.warn({ channel, problem: fault.message }, 'replay unavailable; subscribed from the snapshot');
        const snapshot = hub.snapshot(channel, scope);
        socket.join(roomOf(channel, scope));
        return { ok: true, mode: 'snapshot', snapshot };
      }
      const through = events.length === REPLAY_PAGE ? events[events.length - 1].seq : target;
      socket.emit('events:appended', { channel, after: cursor, through, events });
      cursor = through;
    }
  }

  /**
   * An owned channel (an exercise) replays from its owner's memory, synchronously, so joining the
   * room follows the last replayed event in the same turn. Missed events from before the owner's
   * last reset are gone: the client gets the current snapshot instead.
   */
  function subscribeOwned(socket: ConcordiaSocket, channel: string, afterSeq: number, missed: StoredEvent[] | null): SubscribeAck {
    const scope = socket.data.principal.scope;
    const head = hub.through(channel);
    socket.join(roomOf(channel, scope));
    if (missed === null) return { ok: true, mode: 'snapshot', snapshot: hub.snapshot(channel, scope) };
    for (let i = 0, after = afterSeq; after < head; i += REPLAY_PAGE) {
      const events = missed.slice(i, i + REPLAY_PAGE);
      const through = i + REPLAY_PAGE < missed.length ? events[events.length - 1].seq : head;
      socket.emit('events:appended', { channel, after, through, events });
      after = through;
    }
    return { ok: true, mode: 'replay', through: head };
  }

  return {
    endSession(sessionHash) {
      for (const socket of io.of('/').sockets.values()) {
        const principal = socket.data.principal;
        if (principal.kind === 'user' && principal.sessionHash === sessionHash) end(socket, 'signed out');
      }
    },
    recheckNow: recheckAll,
    stop() {
      clearInterval(recheck);
    },
  };
}
