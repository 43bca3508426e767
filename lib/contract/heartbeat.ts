/**
 * How often the server proves the connection alive, and when a client calls its data stale. Apart
 * from socket.ts (which holds zod schemas) so the wall's bundle can read them without zod.
 */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const STALE_AFTER_MS = 3 * HEARTBEAT_INTERVAL_MS;
