/**
 * The bare technology underneath, for comparison: an HTTP endpoint that takes a JSON event and a
 * Socket.IO server that broadcasts it to every client. No validation, no storage, no releasability.
 * Started by bench/fanout.ts as its own process: `tsx bench/bareSocketServer.ts <port> [per-event|batch]`.
 *
 * - `per-event`: one emit per event, as it arrives. A strawman beside Concordia, which coalesces:
 *   at 1,000 dashboards it is a message per dashboard per event.
 * - `batch` (the fair limit): what arrives within a window goes out as one message, the way
 *   Concordia's hub does it (server/realtime/channelHub.ts): the first event after a quiet spell
 *   leaves on the next turn of the loop, later ones wait what is left of the window since the
 *   last flush started (under steady traffic, about the window).
 *   The message has the shape of Concordia's batch (`events:appended` with channel, after, through,
 *   events), serialised once for all clients by Socket.IO's broadcast.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3640);
const mode = process.argv[3] === 'batch' ? 'batch' : 'per-event';
/** Concordia's BROADCAST_WINDOW_MS. */
const WINDOW_MS = Number(process.argv[4] ?? 25);

let pending: unknown[] = [];
let through = 0;
let timer: NodeJS.Timeout | null = null;
let lastFlushAt = 0;

function flush(): void {
  timer = null;
  lastFlushAt = performance.now();
  if (pending.length === 0) return;
  const events = pending;
  pending = [];
  const after = through;
  through += events.length;
  io.emit('events:appended', { channel: 'live', after, through, events });
}

function received(event: unknown): void {
  if (mode === 'per-event') {
    io.emit('event', event);
    return;
  }
  pending.push(event);
  if (timer) return;
  // As the hub: at most one flush per window from the start of the last, waiting only what is left of it.
  timer = setTimeout(flush, Math.max(0, WINDOW_MS - (performance.now() - lastFlushAt)));
}

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/ingest') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
});
const io = new Server(http, { serveClient: false });
http.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => io.close(() => process.exit(0)));
