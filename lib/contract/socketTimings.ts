/**
 * Socket.IO's own heartbeat and the browser's reconnection: how soon a dashboard notices that its
 * node stopped answering (killed, frozen by SIGSTOP, a VM stalled, a machine gone without closing
 * its sockets) and is back on another node through the balancer. The server sets the heartbeat
 * (the client learns it in the handshake); the client sets how it reconnects. Reasons in
 * docs/operations.md ("Heartbeats"). Plain numbers, no zod, so the browser bundle reads them cheaply.
 */

/**
 * The server pings every PING_INTERVAL_MS; a client that has heard no ping for
 * PING_INTERVAL_MS + PING_TIMEOUT_MS (3.5 s) closes and reconnects, so a frozen node is noticed
 * 2–3.5 s after it froze even when no balancer cuts its connections. The server drops a client
 * whose pong is PING_TIMEOUT_MS late: 2 s tolerates an event loop held that long on either side,
 * or a phone's round trip spiking that high, without a false disconnect. Socket.IO's defaults
 * (25 s + 20 s) leave a screen frozen for up to 45 s.
 */
export const PING_INTERVAL_MS = 1_500;
export const PING_TIMEOUT_MS = 2_000;

/** socket.io-client Manager options for every screen (components/realtime/RealtimeProvider.tsx). */
export const CLIENT_RECONNECTION = {
  /** First retry after 250 ms ± 50 %: a node's worth of dashboards spreads over a quarter second. */
  reconnectionDelay: 250,
  /** Doubling up to 5 s while no node answers (the database or the balancer is down). */
  reconnectionDelayMax: 5_000,
  randomizationFactor: 0.5,
  /**
   * A handshake unanswered this long is given up and tried again (default 20 s): a reconnect the
   * balancer sent to a node that froze a moment ago must not wait 20 s on it.
   */
  timeout: 5_000,
} as const;
