/**
 * The fan-out load generator's receiving side, in its own process: N real socket.io-client
 * connections following a channel. Each event's id carries its scheduled send time, so latency is
 * measured from when it should have been sent (open loop), not from when it was. Latencies are
 * kept for a sample of the clients to keep the generator's own cost down; deliveries are counted
 * for all. Controlled over IPC by bench/fanout.ts.
 */
import { io, type Socket } from 'socket.io-client';

interface Options {
  url: string;
  mode: 'concordia' | 'bare';
  clients: number;
  token?: string;
  sampleEvery: number;
}

const options = JSON.parse(process.argv[2]) as Options;
let received = 0;
let latencies: number[] = [];

function scheduledAt(id: string): number {
  // ids look like "fan-<scheduled epoch ms>-<n>"
  return Number(id.split('-')[1]);
}

function record(ids: string[], sampled: boolean): void {
  received += ids.length;
  if (!sampled) return;
  const now = Date.now();
  for (const id of ids) latencies.push(now - scheduledAt(id));
}

async function connectAll(): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < options.clients; i++) {
    const sampled = i % options.sampleEvery === 0;
    const socket = io(options.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(options.token ? { auth: { token: options.token } } : {}),
    });
    if (options.mode === 'concordia') {
      socket.on('events:appended', (batch: { events: Array<{ id: string }> }) => record(batch.events.map((e) => e.id), sampled));
    } else {
      socket.on('event', (event: { id: string }) => record([event.id], sampled));
    }
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    if (options.mode === 'concordia') {
      const ack = (await socket.emitWithAck('channel:subscribe', { channel: 'live' })) as { ok: boolean };
      if (!ack.ok) throw new Error('subscribe refused');
    }
    sockets.push(socket);
  }
  return sockets;
}

const sockets = await connectAll();
process.send?.({ type: 'ready' });
process.on('message', (message: { type: string }) => {
  if (message.type === 'report') {
    process.send?.({ type: 'report', received, latencies });
    received = 0;
    latencies = [];
  } else if (message.type === 'stop') {
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
});
