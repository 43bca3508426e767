/**
 * Days on a wall, compressed: the wall display stays open under a fast feed while the page's JS
 * heap (after a forced GC) and DOM size are sampled. They must level off, not climb.
 *
 *   npm run bench:soak -- --minutes 30 --rate 40 --units 300
 *
 * Writes bench/results/soak.json. Exits 1 if the heap or the DOM grows through the second half of
 * the run by more than the allowed slope.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as make from '../lib/testing/eventFactory.ts';
import { machine, startProductionServer, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '40' },
    units: { type: 'string', default: '300' },
    port: { type: 'string', default: '3620' },
    'sample-seconds': { type: 'string', default: '30' },
  },
});
const MINUTES = Number(values.minutes);
const RATE = Number(values.rate);
const UNITS = Number(values.units);
const SAMPLE_MS = Number(values['sample-seconds']) * 1000;
/** Allowed growth through the second half, per hour of wall time: a leak shows far above these. */
const MAX_HEAP_GROWTH_MB_PER_HOUR = 5;
const MAX_NODE_GROWTH_PER_HOUR = 500;

interface Sample {
  minute: number;
  heapMB: number;
  domNodes: number;
  listeners: number;
  eventsSent: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-soak-'));
  const server = await startProductionServer({
    dataDir,
    port: Number(values.port),
    env: { CONCORDIA_INGEST_REQUESTS_PER_SECOND: '100000' },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  const coordinator = server.credentials.users.find((u) => u.username === 'coordinator-cl')!;
  await page.goto(`${server.url}/wall`);
  await page.getByLabel('Usuario').fill(coordinator.username);
  await page.getByLabel('Contraseña').fill(coordinator.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/wall/);
  await page
    .getByRole('status')
    .filter({ hasText: /EN VIVO/ })
    .waitFor();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const keys = Object.fromEntries(server.credentials.keys.map((k) => [k.agency, k.key]));
  let sent = 0;
  let feeding = true;
  const agencies = ['carabineros', 'pdi', 'pnp'] as const;
  // The feed: unit fixes at RATE events a second, with queues and incidents opening and closing.
  const feed = (async () => {
    const tickMs = 250;
    let tick = 0;
    while (feeding) {
      const started = Date.now();
      const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
      for (const agency of agencies) {
        const batch = Array.from({ length: Math.ceil(perTick / 3) }, (_, i) => {
          const n = (tick * perTick + i) % UNITS;
          const angle = (tick + n) / 50;
          return make.unitPosition({
            agency,
            unitId: `${agency}-${n}`,
            position: { lat: -18.3 + 0.05 * Math.sin(angle + n), lon: -70.32 + 0.05 * Math.cos(angle - n) },
          });
        });
        if (tick % 8 === 0)
          batch.push(make.queueUpdate({ agency, post: tick % 16 ? 'santa-rosa' : 'chacalluta', waiting: (tick * 7) % 900 }));
        if (tick % 20 === 0)
          batch.push(make.incident({ agency, incidentId: `soak-${agency}-${tick % 200}`, text: `Incidente de prueba ${tick}` }));
        if (tick % 20 === 10) batch.push(make.incidentClosed({ agency, incidentId: `soak-${agency}-${(tick - 10) % 200}` }));
        const res = await fetch(`${server.url}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[agency]}` },
          body: JSON.stringify(batch),
        });
        if (res.status === 201) sent += batch.length;
      }
      tick++;
      await new Promise((r) => setTimeout(r, Math.max(0, tickMs - (Date.now() - started)))); // hold the feed rate
    }
  })();

  const samples: Sample[] = [];
  const startedAt = Date.now();
  const endAt = startedAt + MINUTES * 60_000;
  while (Date.now() < endAt) {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    const sample: Sample = {
      minute: Math.round(((Date.now() - startedAt) / 60_000) * 10) / 10,
      heapMB: Math.round((metric('JSHeapUsedSize') / 2 ** 20) * 10) / 10,
      domNodes: metric('Nodes'),
      listeners: metric('JSEventListeners'),
      eventsSent: sent,
    };
    samples.push(sample);
    console.log(
      `${sample.minute.toFixed(1)} min  heap ${sample.heapMB} MB  DOM ${sample.domNodes} nodes  listeners ${sample.listeners}  events ${sent}`,
    );
    await new Promise((r) => setTimeout(r, SAMPLE_MS)); // the sampling interval
  }
  feeding = false;
  await feed;
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const heapSlope = slopePerHour(secondHalf.map((s) => [s.minute, s.heapMB]));
  const nodeSlope = slopePerHour(secondHalf.map((s) => [s.minute, s.domNodes]));
  const levelsOff = heapSlope <= MAX_HEAP_GROWTH_MB_PER_HOUR && nodeSlope <= MAX_NODE_GROWTH_PER_HOUR;
  const file = writeResult('soak', {
    command: `npm run bench:soak -- --minutes ${MINUTES} --rate ${RATE} --units ${UNITS}`,
    date: new Date().toISOString(),
    machine: machine(),
    eventsSent: sent,
    heapGrowthMBPerHourSecondHalf: round(heapSlope),
    domGrowthNodesPerHourSecondHalf: round(nodeSlope),
    levelsOff,
    samples,
  });
  console.log(
    `heap slope (second half) ${round(heapSlope)} MB/h, DOM slope ${round(nodeSlope)} nodes/h -> ${levelsOff ? 'levels off' : 'CLIMBS'}; ${file}`,
  );
  process.exit(levelsOff ? 0 : 1);
}

/** Least-squares slope of y over x minutes, per hour. */
function slopePerHour(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
