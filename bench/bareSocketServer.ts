/**
 * The bare technology underneath, for comparison: an HTTP endpoint that takes a JSON event and a
 * Socket.IO server that broadcasts it to every client. No validation, no storage, no batching.
 * Started by bench/fanout.ts as its own process: `tsx bench/bareSocketServer.ts <port>`.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3640);
const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/ingest') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    io.emit('event', JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
});
const io = new Server(http, { serveClient: false });
http.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => io.close(() => process.exit(0)));
