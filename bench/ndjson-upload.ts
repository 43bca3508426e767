/**
 * A large NDJSON upload in bounded memory: streams generated events (100 MB by default) to
 * POST /api/ingest/ndjson of a production server (npm run build first) and samples the server's
 * resident memory from /proc while it ingests. The file is generated on the fly and never exists
 * on disk or in memory as a whole, on either side.
 *
 *   npm run bench:ndjson -- --mb 100
 *
 * Prints and writes bench/results/ndjson-upload.json: bytes, events, seconds, the server's RSS
 * before, its peak during the upload (sampled every 50 ms) and its VmHWM.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machine, rssBytes, startProductionServer, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '100' },
    port: { type: 'string', default: '3640' },
    sync: { type: 'string', default: 'FULL' },
  },
});
const TARGET_BYTES = Number(values.mb) * 1024 * 1024;
/** One bad line in this many, to exercise the failure report (listed up to its cap). */
const BAD_EVERY = 20_000;
const UNITS = 60;

function vmHwmBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The i-th line: a plausible PNP tracker fix, about 300 bytes. */
function line(i: number, startedAt: number): string {
  if (i % BAD_EVERY === BAD_EVERY - 1) return '{"id": "broken", "type": "unit.position",';
  const unit = i % UNITS;
  return JSON.stringify({
    id: `bench-${i}`,
    type: 'unit.position',
    agency: 'pnp',
    occurredAt: new Date(startedAt + i * 10).toISOString(),
    unitId: `PNP-AVL-${unit}`,
    callsign: `Unidad ${unit}`,
    status: 'patrolling',
    heading: (i * 7) % 360,
    position: { lat: -18.3 + (unit % 10) * 0.001 + (i % 100) * 0.00001, lon: -70.31 + Math.floor(unit / 10) * 0.001 },
    provenance: { source: 'pnp-avl', format: 'ndjson', originalId: `AVL-${unit}-${i}` },
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-ndjson-bench-'));
  const server = await startProductionServer({
    dataDir,
    port: Number(values.port),
    env: { CONCORDIA_SQLITE_SYNC: values.sync === 'NORMAL' ? 'NORMAL' : 'FULL' },
  });
  const pid = server.child.pid!;
  const key = server.credentials.keys.find((k) => k.agency === 'pnp')!.key;
  const baseline = rssBytes(pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 50);

  // An hour or so of history ending before now (10 ms apart), so no event is "from the future".
  const startedAt = Date.now() - 2 * 3_600_000;
  const started = performance.now();
  let sent = 0;
  let lines = 0;
  const report = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const req = request(
      `${server.url}/api/ingest/ndjson`,
      { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`${res.statusCode}: ${body}`))));
      },
    );
    req.on('error', reject);
    const pump = () => {
      while (sent < TARGET_BYTES) {
        // 64 KB writes: what a client streaming a file sends.
        let chunk = '';
        while (chunk.length < 64 * 1024 && sent + chunk.length < TARGET_BYTES) chunk += `${line(lines++, startedAt)}\n`;
        sent += Buffer.byteLength(chunk);
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(pid));
  const hwm = vmHwmBytes(pid);
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const result = {
    machine: machine(),
    sync: values.sync,
    uploadMiB: mib(sent),
    lines,
    seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond: Math.round(lines / seconds),
    serverRssBeforeMiB: mib(baseline),
    serverRssPeakDuringUploadMiB: mib(peak),
    serverVmHwmMiB: mib(hwm),
    report: {
      received: report.received,
      accepted: report.accepted,
      duplicates: report.duplicates,
      failed: report.failed,
      complete: report.complete,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(`written to ${writeResult('ndjson-upload', result)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
