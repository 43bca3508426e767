/**
 * The fan-out load generator's receiving side, in its own process: N dashboards following a
 * channel. The first `realClients` are real socket.io-client connections; the rest are light raw
 * Engine.IO clients (a `ws` socket speaking just enough of the protocol: open, connect with the
 * token, subscribe, answer pings) that count events in the frame's bytes without parsing it.
 * One core cannot run a thousand full socket.io-clients at tens of thousands of messages a second
 * without becoming the thing measured; the light ones keep the generator's own cost small.
 *
 * Each event's id carries its scheduled send time ("fan-<epoch ms>-<n>"), so latency is measured
 * from when it should have been sent (open loop), not from when it was. Latencies are kept for one
 * client in `sampleEvery` of each kind; deliveries are counted for all. Controlled over IPC by
 * bench/fanout.ts.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

interface Options {
  url: string;
  /** Concordia; the bare per-event server; the bare batching server (Concordia's batch shape, no subscribe). */
  mode: 'concordia' | 'bare' | 'bare-batch';
  clients: number;
  realClients: number;
  token?: string;
  sampleEvery: number;
}

const options = JSON.parse(process.argv[2]) as Options;
/** The event name each system pushes: batches (Concordia, the batching bare server), or the per-event bare server's single events. */
const BATCHED = options.mode !== 'bare';
const PUSH_EVENT = BATCHED ? 'events:appended' : 'event';
const CONNECT_CONCURRENCY = 50;

let received = 0;
let latencies: number[] = [];
let realLatencies: number[] = [];

function scheduledAt(id: string): number {
  return Number(id.split('-')[1]);
}

function recordIds(ids: string[], sampled: boolean): void {
  received += ids.length;
  if (!sampled) return;
  const now = Date.now();
  for (const id of ids) realLatencies.push(now - scheduledAt(id));
}

// ---- real socket.io-client ------------------------------------------------------------------

async function connectReal(sampled: boolean): Promise<{ close(): void }> {
  const socket: Socket = io(options.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(options.token ? { auth: { token: options.token } } : {}),
  });
  if (BATCHED) {
    socket.on('events:appended', (batch: { events: Array<{ id: string }> }) =>
      recordIds(
        batch.events.map((e) => e.id),
        sampled,
      ),
    );
  } else {
    socket.on('event', (event: { id: string }) => recordIds([event.id], sampled));
  }
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  if (options.mode === 'concordia') {
    const ack = (await socket.emitWithAck('channel:subscribe', { channel: 'live' })) as { ok: boolean };
    if (!ack.ok) throw new Error('subscribe refused');
  }
  return { close: () => socket.disconnect() };
}

// ---- light raw Engine.IO client ---------------------------------------------------------------

const ID_MARK = Buffer.from('"id":"fan-');
const PUSH_PREFIX = Buffer.from(`42["${PUSH_EVENT}"`);

const AFTER_THROUGH = /^42\["events:appended",\{"channel":"[^"]*","after":(\d+),"through":(\d+),/;

/**
 * Counts the events in one pushed frame from its bytes, and their latencies when sampled. A
 * batch (Concordia's or the batching bare server's) that is not sampled is counted from its header (`through - after`: every event
 * the bench sends is visible to every reader), so the generator does not scan every byte it gets.
 */
function countFrame(frame: Buffer, sampled: boolean): void {
  if (frame.length < PUSH_PREFIX.length || frame.compare(PUSH_PREFIX, 0, PUSH_PREFIX.length, 0, PUSH_PREFIX.length) !== 0) return;
  if (!sampled && BATCHED) {
    const header = AFTER_THROUGH.exec(frame.toString('latin1', 0, 120));
    if (!header) throw new Error(`unexpected batch header: ${frame.toString('latin1', 0, 120)}`);
    received += Number(header[2]) - Number(header[1]);
    return;
  }
  const now = Date.now();
  for (let at = frame.indexOf(ID_MARK); at !== -1; at = frame.indexOf(ID_MARK, at + ID_MARK.length)) {
    received++;
    if (!sampled) continue;
    let scheduled = 0;
    for (let i = at + ID_MARK.length; frame[i] >= 0x30 && frame[i] <= 0x39; i++) scheduled = scheduled * 10 + (frame[i] - 0x30);
    latencies.push(now - scheduled);
  }
}

function connectLight(sampled: boolean): Promise<{ close(): void }> {
  const wsUrl = `${options.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    const ready = () => resolve({ close: () => socket.close() });
    socket.once('error', reject);
    socket.on('message', (data: Buffer) => {
      const type = data[0];
      if (type === 0x32 /* '2' ping */) return socket.send('3');
      if (type === 0x30 /* '0' open */) {
        return socket.send(`40${options.token ? JSON.stringify({ token: options.token }) : ''}`);
      }
      if (type !== 0x34 /* '4' message */) return;
      const packet = data[1];
      if (packet === 0x32 /* '2' event */) return countFrame(data, sampled);
      if (packet === 0x30 /* '0' connected */) {
        if (options.mode !== 'concordia') return ready();
        return socket.send('421["channel:subscribe",{"channel":"live"}]');
      }
      if (packet === 0x33 /* '3' ack */) {
        if (data.subarray(0, 40).toString().startsWith('431[{"ok":true')) return ready();
        return reject(new Error(`subscribe refused: ${data.subarray(0, 200).toString()}`));
      }
      if (packet === 0x34 /* '4' connect error */) reject(new Error(`connect refused: ${data.toString()}`));
    });
  });
}

// ---- control ----------------------------------------------------------------------------------

async function connectAll(): Promise<Array<{ close(): void }>> {
  const connections: Array<{ close(): void }> = [];
  for (let i = 0; i < options.clients; i += CONNECT_CONCURRENCY) {
    const group = Array.from({ length: Math.min(CONNECT_CONCURRENCY, options.clients - i) }, (_, j) => {
      const n = i + j;
      const real = n < options.realClients;
      const sampled = (real ? n : n - options.realClients) % options.sampleEvery === 0;
      return real ? connectReal(sampled) : connectLight(sampled);
    });
    connections.push(...(await Promise.all(group)));
  }
  return connections;
}

const connections = await connectAll();
process.send?.({ type: 'ready' });
process.on('message', (message: { type: string }) => {
  if (message.type === 'report') {
    process.send?.({ type: 'report', received, latencies: [...realLatencies, ...latencies], realLatencies });
    received = 0;
    latencies = [];
    realLatencies = [];
  } else if (message.type === 'stop') {
    for (const c of connections) c.close();
    process.exit(0);
  }
});
