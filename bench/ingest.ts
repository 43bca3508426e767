/**
 * Durable ingest: events a second that Concordia acknowledges durably (201 after commit, with
 * synchronous=FULL), beside a bare better-sqlite3 insert loop with the same rows per transaction
 * and the same sync setting, run one after the other in the same process run. Each gets CPU 0 to
 * itself: the bare loop runs there, and so does the server, while the HTTP senders run on CPU 1.
 *
 *   npm run bench:ingest -- --seconds 10 --batch 100 --senders 8 --rounds 3
 *
 * Writes bench/results/ingest.json.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import * as make from '../lib/testing/eventFactory.ts';
import { machine, pinSelf, startProductionServer, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    batch: { type: 'string', default: '100' },
    senders: { type: 'string', default: '8' },
    sync: { type: 'string', default: 'FULL' },
    port: { type: 'string', default: '3630' },
    rounds: { type: 'string', default: '3' },
  },
});
const SECONDS = Number(values.seconds);
const BATCH = Number(values.batch);
const SENDERS = Number(values.senders);
const ROUNDS = Number(values.rounds);
const SYNC = values.sync === 'NORMAL' ? 'NORMAL' : 'FULL';

function eventsBatch(agency: 'pdi'): string {
  return JSON.stringify(Array.from({ length: BATCH }, () => make.queueUpdate({ agency, waiting: 42 })));
}

async function product(): Promise<{ eventsPerSecond: number; requests: number; p99Ms: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-ingest-'));
  const server = await startProductionServer({
    dataDir,
    port: Number(values.port),
    cpu: 0,
    env: { CONCORDIA_SQLITE_SYNC: SYNC, CONCORDIA_INGEST_REQUESTS_PER_SECOND: '1000000' },
  });
  const key = server.credentials.keys.find((k) => k.agency === 'pdi')!.key;
  const dispatcher = new Agent({ connections: SENDERS, pipelining: 1 });
  // Bodies are prepared ahead so the generator measures the server, not JSON.stringify.
  const bodies = Array.from({ length: 200 }, () => eventsBatch('pdi'));
  let stored = 0;
  let requests = 0;
  const latencies: number[] = [];
  const endAt = Date.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (Date.now() < endAt) {
        const body = bodies[next++ % bodies.length].replaceAll('"q-', `"q${next}-`);
        const started = performance.now();
        const res = await request(`${server.url}/api/events`, {
          method: 'POST',
          dispatcher,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body,
        });
        const answer = (await res.body.json()) as { accepted?: unknown[] };
        if (res.statusCode !== 201) throw new Error(`status ${res.statusCode}`);
        latencies.push(performance.now() - started);
        stored += answer.accepted?.length ?? 0;
        requests++;
      }
    }),
  );
  await dispatcher.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: Math.round(stored / SECONDS),
    requests,
    p99Ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] * 10) / 10,
  };
}

/** The same table shape, rows per transaction and sync setting, with nothing else around it. */
function bare(): { eventsPerSecond: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-bare-'));
  const db = new Database(path.join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNC}`);
  db.exec(`CREATE TABLE events (channel TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
    agency TEXT NOT NULL, audience TEXT NOT NULL, occurred_at TEXT NOT NULL, received_at TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (channel, seq), UNIQUE (channel, agency, id))`);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, agency, id) DO NOTHING');
  const events = Array.from({ length: BATCH }, () => make.queueUpdate({ agency: 'pdi', waiting: 42 }));
  const insertBatch = db.transaction((seq0: number, round: number) => {
    events.forEach((e, i) =>
      insert.run('live', seq0 + i, `${e.id}-${round}`, e.type, e.agency, 'all', e.occurredAt, e.occurredAt, JSON.stringify(e)),
    );
  });
  let rows = 0;
  let round = 0;
  const endAt = Date.now() + SECONDS * 1000;
  while (Date.now() < endAt) (insertBatch(rows + 1, round++), (rows += BATCH));
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { eventsPerSecond: Math.round(rows / SECONDS) };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  console.log(`durable ingest, ${BATCH} events per request/transaction, synchronous=${SYNC}, ${SECONDS} s each, ${ROUNDS} rounds`);
  // The disk's fsync time varies from minute to minute here, so the two alternate and the medians count.
  const rounds: Array<{ bare: number; product: number; productP99Ms: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    pinSelf('0');
    const bareResult = bare();
    pinSelf('1');
    const productResult = await product();
    rounds.push({ bare: bareResult.eventsPerSecond, product: productResult.eventsPerSecond, productP99Ms: productResult.p99Ms });
    console.log(
      `round ${round}: bare better-sqlite3 loop ${bareResult.eventsPerSecond} events/s; Concordia POST /api/events (${SENDERS} senders) ${productResult.eventsPerSecond} events/s, p99 ${productResult.p99Ms} ms a request`,
    );
  }
  const bareMedian = median(rounds.map((r) => r.bare));
  const productMedian = median(rounds.map((r) => r.product));
  const ratio = Math.round((productMedian / bareMedian) * 100) / 100;
  console.log(`medians: bare ${bareMedian}, Concordia ${productMedian} events/s; ratio ${ratio} (target >= 0.8, and >= 10,000 events/s)`);
  const file = writeResult('ingest', {
    command: `npm run bench:ingest -- --seconds ${SECONDS} --batch ${BATCH} --senders ${SENDERS} --sync ${SYNC} --rounds ${ROUNDS}`,
    date: new Date().toISOString(),
    machine: machine(),
    method: 'bare loop and server each on CPU 0 in turn, HTTP senders on CPU 1; rounds alternate bare and Concordia; medians compared',
    sync: SYNC,
    batch: BATCH,
    bare: { eventsPerSecond: bareMedian },
    product: { eventsPerSecond: productMedian, p99Ms: median(rounds.map((r) => r.productP99Ms)) },
    rounds,
    ratio,
    meetsTargets: productMedian >= 10_000 && ratio >= 0.8,
  });
  console.log(file);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
