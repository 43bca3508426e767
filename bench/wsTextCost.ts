/**
 * The bare technology under the wall's socket: what Chromium's main thread pays to receive a large
 * WebSocket text message of event JSON, with the Spanish text as UTF-8 ("Móvil") and the same
 * message with every non-ASCII character escaped ("M\u00f3vil"), which JSON.parse reads back the
 * same. A minimal WebSocket server (RFC 6455, server-to-client text frames only) with no library
 * in between, so nothing but the browser is measured.
 */
import type { Browser } from '@playwright/test';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TextCost {
  messageBytes: number;
  messages: number;
  /** Long tasks while the messages arrived, and their total: the receive is one task per message. */
  longTasks: number;
  longTaskMs: number;
  /** JSON.parse inside the message handler, per message. */
  parseMsMedian: number;
}

/** A socket.io-like frame of `events` unit positions: about 1 MB at 3,300, the wall's batch under load. */
function message(events: number, escapeNonAscii: boolean): string {
  const now = new Date().toISOString();
  const list = Array.from({ length: events }, (_, i) => ({
    id: `bench-${i}`,
    type: 'unit.position',
    agency: 'pdi',
    occurredAt: now,
    receivedAt: now,
    unitId: `U-${i}`,
    callsign: `Móvil ${i}`,
    position: { lat: -18.2 + i / 1e5, lon: -70.3 },
    seq: 100_000 + i,
    channel: 'live',
  }));
  const text = `42${JSON.stringify(['events:appended', { channel: 'live', events: list }])}`;
  return escapeNonAscii ? text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

function textFrame(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const header = Buffer.alloc(10);
  header[0] = 0x81; // FIN, text
  header[1] = 127; // 64-bit length follows
  header.writeBigUInt64BE(BigInt(body.length), 2);
  return Buffer.concat([header, body]);
}

export async function webSocketTextCost(
  browser: Browser,
  escapeNonAscii: boolean,
  opts = { events: 3_300, messages: 10, intervalMs: 300 },
): Promise<TextCost> {
  const payload = message(opts.events, escapeNonAscii);
  const frame = textFrame(payload);
  const sockets = new Set<Socket>();
  const server = http.createServer((_, res) => res.end('<!doctype html><title>ws</title>'));
  server.on('upgrade', (req, socket: Socket) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ >= opts.messages) return clearInterval(timer);
      socket.write(frame);
    }, opts.intervalMs);
    socket.on('close', () => clearInterval(timer));
    socket.on('error', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const seconds = (opts.messages * opts.intervalMs + 1_500) / 1000;
  const result = (await page.evaluate(`new Promise((resolve) => {
    const tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); }).observe({ type: 'longtask' });
    const parses = [];
    const ws = new WebSocket('ws://127.0.0.1:${port}/');
    ws.onmessage = (e) => { const t0 = performance.now(); JSON.parse(e.data.slice(2)); parses.push(performance.now() - t0); };
    setTimeout(() => { ws.close(); parses.sort((a, b) => a - b); resolve({ messages: parses.length, longTasks: tasks.length, longTaskMs: tasks.reduce((a, b) => a + b, 0), parseMsMedian: parses[Math.floor(parses.length / 2)] || 0 }); }, ${seconds * 1000});
  })`)) as Omit<TextCost, 'messageBytes'>;
  await context.close();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    messageBytes: Buffer.byteLength(payload),
    messages: result.messages,
    longTasks: result.longTasks,
    longTaskMs: Math.round(result.longTaskMs),
    parseMsMedian: Math.round(result.parseMsMedian * 10) / 10,
  };
}
