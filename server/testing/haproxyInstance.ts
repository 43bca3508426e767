/**
 * A throwaway HAProxy in front of several Concordia nodes, for the failover test and for running
 * several nodes on one machine: writes haproxy.cfg into a temporary dir, listens on a free loopback
 * port and runs /usr/sbin/haproxy in the foreground (-db), so stopping it is killing one process.
 *
 * Health checks are fast (every 500 ms, down after 2 failures, up after 1) and a server marked
 * down has its sessions shut (`on-marked-down shutdown-sessions`): a node that is frozen, not dead,
 * keeps its TCP connections open, and without this its WebSocket clients would only notice at the
 * next missed Socket.IO ping (tens of seconds). `option redispatch` + `retries` send a request
 * whose connection to a dead node failed to another node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './postgresInstance.ts';

export interface HaproxyInstance {
  url: string;
  port: number;
  configFile: string;
  stop(): Promise<void>;
}

export function findHaproxy(): string {
  for (const candidate of [process.env.CONCORDIA_HAPROXY_BIN, '/usr/sbin/haproxy', '/usr/local/sbin/haproxy']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('HAProxy not found: install it (apt-get install -y haproxy) or set CONCORDIA_HAPROXY_BIN');
}

/** The haproxy.cfg used by the tests and shown in docs/operations.md. */
export function haproxyConfig(port: number, nodePorts: number[], healthPath = '/healthz'): string {
  const servers = nodePorts
    .map((p, i) => `  server node${i + 1} 127.0.0.1:${p} check inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions`)
    .join('\n');
  return `global
  maxconn 4096

defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  # WebSockets stay open for as long as a dashboard is on screen.
  timeout tunnel 1h
  option redispatch
  retries 3

frontend concordia
  bind 127.0.0.1:${port}
  default_backend nodes

backend nodes
  balance leastconn
  option httpchk GET ${healthPath}
  http-check expect status 200
${servers}
`;
}

export async function startHaproxy(nodePorts: number[], options: { healthPath?: string } = {}): Promise<HaproxyInstance> {
  const bin = findHaproxy();
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-haproxy-'));
  const port = await freePort();
  const configFile = path.join(dir, 'haproxy.cfg');
  writeFileSync(configFile, haproxyConfig(port, nodePorts, options.healthPath));
  const child: ChildProcess = spawn(bin, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}${options.healthPath ?? '/healthz'}`);
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`haproxy did not start listening:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // polling interval for the listener
  }
  return {
    url,
    port,
    configFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
