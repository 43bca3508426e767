/**
 * Socket.IO's heartbeat as Concordia sets it (lib/contract/socketTimings.ts), against a real
 * server in its own process: a dashboard notices a node frozen by SIGSTOP — no FIN, no RST, the
 * kernel still acknowledges its TCP — within PING_INTERVAL_MS + PING_TIMEOUT_MS, without any
 * balancer's help; and an event loop held for 1.2 s (a burst of load) disconnects nobody.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/contract/socket.ts';
import { CLIENT_RECONNECTION, PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../lib/contract/socketTimings.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let child: ChildProcess | undefined;
let server: Awaited<ReturnType<typeof startServerProcess>>;
beforeAll(async () => {
  server = await startServerProcess();
}, 60_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGCONT');
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
});

/** Starts the server process; resolves with its first line, then hands on later lines. */
async function startServerProcess(): Promise<{ url: string; token: string; lines: AsyncIterator<string> }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/testServerProcess.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('the server process ended before listening');
  const { url, token } = JSON.parse(first.value) as { url: string; token: string };
  return { url, token, lines };
}

/** A dashboard's socket with the browser's options, reconnection off so each close is seen once. */
async function dashboard(url: string, token: string): Promise<Client> {
  const socket: Client = io(url, {
    ...CLIENT_RECONNECTION,
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await once(socket, 'connect');
  const ack = await socket.timeout(5_000).emitWithAck('channel:subscribe', { channel: 'live' });
  expect(ack.ok).toBe(true);
  return socket;
}

/** Resolves after the next `count` pings the server sends this socket. */
function pings(socket: Client, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onPing = () => {
      if (++seen < count) return;
      socket.io.engine.off('ping', onPing);
      resolve();
    };
    socket.io.engine.on('ping', onPing);
  });
}

it('an event loop held for 1.2 s under load disconnects no dashboard', async () => {
  const sockets = await Promise.all(Array.from({ length: 20 }, () => dashboard(server.url, server.token)));
  const disconnects: string[] = [];
  for (const socket of sockets) socket.on('disconnect', (reason) => disconnects.push(reason));
  try {
    for (let round = 0; round < 3; round++) {
      // Held right after a ping went out: the pongs wait in the socket buffer for the whole hold.
      await pings(sockets[0], 1);
      child!.kill('SIGUSR2');
      expect(JSON.parse((await server.lines.next()).value as string)).toEqual({ held: 1_200 });
    }
    // Two more heartbeats after the last hold: each socket was pinged and answered in time.
    await Promise.all(sockets.map((socket) => pings(socket, 2)));
    expect(disconnects).toEqual([]);
    expect(sockets.every((socket) => socket.connected)).toBe(true);
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}, 30_000);

it('a dashboard notices a node frozen by SIGSTOP within the heartbeat, with no balancer to cut it', async () => {
  const client = await dashboard(server.url, server.token);
  // Frozen right after a ping: the longest a dashboard can take to notice.
  await pings(client, 1);
  const closed = new Promise<string>((resolve) => client.once('disconnect', resolve));
  const frozenAt = Date.now();
  child!.kill('SIGSTOP');
  const reason = await closed;
  const noticedAfter = Date.now() - frozenAt;
  console.log(`heartbeat: a frozen node noticed after ${noticedAfter} ms (${reason})`);
  expect(reason).toBe('ping timeout');
  expect(noticedAfter).toBeGreaterThanOrEqual(PING_TIMEOUT_MS - 100);
  // 3.5 s in theory; a timer on a loaded CI machine may fire late, and 4.5 s still leaves room under 5 s.
  expect(noticedAfter).toBeLessThanOrEqual(PING_INTERVAL_MS + PING_TIMEOUT_MS + 1_000);
}, 30_000);
