/**
 * Fan-out: how many events a second reach how many dashboards, Concordia beside a bare Socket.IO
 * server that only broadcasts what it receives. Same load, same run, alternating per rate.
 * Server pinned to CPU 0, load generator (clients in their own process) to CPU 1. Events are sent
 * over HTTP one per request at a fixed open-loop rate; latency is measured from each event's
 * scheduled send time. Knee = highest rate with p99 <= 100 ms and every delivery made.
 *
 *   npm run bench:fanout -- --dashboards 100,500 --rates 25,50,100,200,300,500 --seconds 8
 *
 * Writes bench/results/fanout.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import * as make from '../lib/testing/eventFactory.ts';
import { cpuSeconds, machine, percentile, pinned, rssBytes, startProductionServer, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    dashboards: { type: 'string', default: '100,500' },
    rates: { type: 'string', default: '25,50,100,200,300,500' },
    seconds: { type: 'string', default: '8' },
    'sample-every': { type: 'string', default: '10' },
  },
});
const DASHBOARDS = values.dashboards.split(',').map(Number);
const RATES = values.rates.split(',').map(Number);
const SECONDS = Number(values.seconds);
const SAMPLE_EVERY = Number(values['sample-every']);
const P99_LIMIT_MS = 100;

type System = 'concordia' | 'bare';

interface Target {
  system: System;
  url: string;
  pid: number;
  ingestUrl: string;
  headers: Record<string, string>;
  body(id: string): string;
  token?: string;
}

interface Measurement {
  system: System;
  dashboards: number;
  rate: number;
  sent: number;
  completeness: number;
  p50: number;
  p99: number;
  p999: number;
  cpuMicrosPerDelivery: number;
  ok: boolean;
}

function startClients(target: Target, clients: number): Promise<ChildProcess> {
  const [command, args] = pinned(1, process.execPath, ['--import', 'tsx', path.join('bench', 'fanoutClients.ts'),
    JSON.stringify({ url: target.url, mode: target.system, clients, token: target.token, sampleEvery: SAMPLE_EVERY })]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`clients exited with ${code}`)));
  });
}

function report(child: ChildProcess): Promise<{ received: number; latencies: number[] }> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as { received: number; latencies: number[] }));
    child.send({ type: 'report' });
  });
}

/** Sends `rate` events a second for SECONDS, each at its scheduled time, one per request. */
async function sendOpenLoop(target: Target, rate: number, dispatcher: Agent): Promise<number> {
  const total = rate * SECONDS;
  const start = Date.now() + 50;
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait)); // the open-loop schedule
    const id = `fan-${Math.round(due)}-${i}`;
    inFlight.push(
      request(target.ingestUrl, { method: 'POST', dispatcher, headers: target.headers, body: target.body(id) }).then((res) => res.body.dump()),
    );
  }
  await Promise.all(inFlight);
  return total;
}

async function measure(target: Target, clients: ChildProcess, dashboards: number, rate: number, dispatcher: Agent): Promise<Measurement> {
  await report(clients); // reset counters
  const cpuBefore = cpuSeconds(target.pid);
  const sent = await sendOpenLoop(target, rate, dispatcher);
  // Give the last events time to arrive: well beyond the latency limit.
  await new Promise((r) => setTimeout(r, 1_500));
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  const { received, latencies } = await report(clients);
  latencies.sort((a, b) => a - b);
  const completeness = received / (sent * dashboards);
  const p99 = percentile(latencies, 0.99);
  const m: Measurement = {
    system: target.system,
    dashboards,
    rate,
    sent,
    completeness: Math.round(completeness * 10_000) / 10_000,
    p50: percentile(latencies, 0.5),
    p99,
    p999: percentile(latencies, 0.999),
    cpuMicrosPerDelivery: received ? Math.round((cpu / received) * 1e6 * 100) / 100 : Number.NaN,
    ok: completeness >= 1 && p99 <= P99_LIMIT_MS,
  };
  console.log(
    `${m.system.padEnd(9)} ${String(dashboards).padStart(5)} dashboards ${String(rate).padStart(4)} ev/s  complete ${(m.completeness * 100).toFixed(2)}%  p50 ${m.p50} p99 ${m.p99} p99.9 ${m.p999} ms  ${m.cpuMicrosPerDelivery} µs CPU/delivery ${m.ok ? '' : ' ✗'}`,
  );
  return m;
}

async function startBare(port: number): Promise<{ child: ChildProcess; target: Target }> {
  const [command, args] = pinned(0, process.execPath, ['--import', 'tsx', path.join('bench', 'bareSocketServer.ts'), String(port)]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => child.once('message', resolve));
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    target: {
      system: 'bare',
      url,
      pid: child.pid!,
      ingestUrl: `${url}/ingest`,
      headers: { 'content-type': 'application/json' },
      body: (id) => JSON.stringify({ ...make.unitPosition({ agency: 'pdi' }), id }),
    },
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-fanout-'));
  const product = await startProductionServer({
    dataDir,
    port: 3650,
    cpu: 0,
    env: { CONCORDIA_INGEST_REQUESTS_PER_SECOND: '1000000', LOG_LEVEL: 'error' },
  });
  const key = product.credentials.keys.find((k) => k.agency === 'pdi')!.key;
  const coordinator = product.credentials.users.find((u) => u.username === 'coordinator-cl')!;
  const session = (await (
    await fetch(`${product.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: coordinator.username, password: coordinator.password }),
    })
  ).json()) as { token: string };
  const concordia: Target = {
    system: 'concordia',
    url: product.url,
    pid: product.child.pid!,
    ingestUrl: `${product.url}/api/events`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: (id) => JSON.stringify({ ...make.unitPosition({ agency: 'pdi' }), id }),
    token: session.token,
  };
  const bare = await startBare(3651);
  const dispatcher = new Agent({ connections: 64 });
  const results: Measurement[] = [];
  const memory: Record<string, Record<number, number>> = { concordia: {}, bare: {} };

  for (const dashboards of DASHBOARDS) {
    const clients: Partial<Record<System, ChildProcess>> = {};
    for (const target of [concordia, bare.target]) {
      const before = rssBytes(target.pid);
      clients[target.system] = await startClients(target, dashboards);
      memory[target.system][dashboards] = Math.round((rssBytes(target.pid) - before) / dashboards / 1024);
      console.log(`${target.system}: ${dashboards} dashboards connected, ~${memory[target.system][dashboards]} KB RSS each`);
    }
    const failedAt: Partial<Record<System, boolean>> = {};
    for (const rate of RATES) {
      for (const target of [concordia, bare.target]) {
        if (failedAt[target.system]) continue; // past its knee: higher rates only fail harder
        const m = await measure(target, clients[target.system]!, dashboards, rate, dispatcher);
        results.push(m);
        if (!m.ok) failedAt[target.system] = true;
      }
    }
    for (const child of Object.values(clients)) child?.send({ type: 'stop' });
  }
  await dispatcher.close();
  await product.stop();
  bare.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });

  const knees = DASHBOARDS.map((dashboards) => {
    const knee = (system: System) => Math.max(0, ...results.filter((r) => r.system === system && r.dashboards === dashboards && r.ok).map((r) => r.rate));
    const cpuAt = (system: System, rate: number) => results.find((r) => r.system === system && r.dashboards === dashboards && r.rate === rate)?.cpuMicrosPerDelivery;
    const common = Math.min(knee('concordia'), knee('bare'));
    return {
      dashboards,
      concordiaKnee: knee('concordia'),
      bareKnee: knee('bare'),
      kneeRatio: knee('bare') ? Math.round((knee('concordia') / knee('bare')) * 100) / 100 : null,
      cpuPerDeliveryRatioAtCommonRate: common ? Math.round(((cpuAt('concordia', common) ?? 0) / (cpuAt('bare', common) ?? 1)) * 100) / 100 : null,
    };
  });
  console.table(knees);
  const file = writeResult('fanout', {
    command: `npm run bench:fanout -- --dashboards ${DASHBOARDS.join(',')} --rates ${RATES.join(',')} --seconds ${SECONDS}`,
    date: new Date().toISOString(),
    machine: machine(),
    method: 'server pinned to CPU 0, clients (real socket.io-client, websocket) to CPU 1; latency sampled on 1 client in ' + SAMPLE_EVERY,
    knees,
    memoryKBPerConnection: memory,
    results,
  });
  console.log(file);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
