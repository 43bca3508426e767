/**
 * Durable ingest: events a second that Concordia acknowledges durably (201 after commit), on its
 * SQLite store (synchronous=FULL) and on PostgreSQL (synchronous_commit on), each beside the bare
 * driver doing the same writes with nothing around it: a better-sqlite3 insert loop and a `pg`
 * insert loop with the same rows per transaction, table shape and durability. The four run in
 * turn, round after round, in the same process run, so a drift of the shared machine's disk or
 * CPUs hits all four alike; medians are compared. The bare loops and the Concordia server run on
 * CPU 0, the HTTP senders on CPU 1; PostgreSQL's own processes are not pinned (they serve the bare
 * loop and Concordia alike). Each PostgreSQL measurement gets a fresh database in one throwaway
 * cluster (server/testing/postgresInstance.ts).
 *
 *   npm run build && npm run bench:ingest -- --seconds 10 --batch 100 --senders 8 --rounds 3
 *
 * `--stores sqlite` or `--stores postgres` measures one store alone. Writes bench/results/ingest.json.
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Agent, request } from 'undici';
import * as make from '../lib/testing/eventFactory.ts';
import { MIGRATIONS } from '../server/store/postgres/migrations.ts';
import { startPostgres, type PostgresInstance } from '../server/testing/postgresInstance.ts';
import { cpuSeconds, machine, pinSelf, startProductionServer, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    batch: { type: 'string', default: '100' },
    senders: { type: 'string', default: '8' },
    sync: { type: 'string', default: 'FULL' },
    port: { type: 'string', default: '3630' },
    rounds: { type: 'string', default: '3' },
    stores: { type: 'string', default: 'sqlite,postgres' },
  },
});
const SECONDS = Number(values.seconds);
const BATCH = Number(values.batch);
const SENDERS = Number(values.senders);
const ROUNDS = Number(values.rounds);
const SYNC = values.sync === 'NORMAL' ? 'NORMAL' : 'FULL';
const STORES = values.stores.split(',');

function eventsBatch(agency: 'pdi'): string {
  return JSON.stringify(Array.from({ length: BATCH }, () => make.queueUpdate({ agency, waiting: 42 })));
}

interface ProductResult {
  eventsPerSecond: number;
  requests: number;
  p99Ms: number;
  /** Share of one core the server used over the run. */
  serverCpu: number;
  /** Mean time of a request at the sender, and of its store.append inside the server (queue + commit). */
  meanRequestMs: number;
  meanStoreAppendMs: number;
  serverCpuMicrosPerEvent: number;
  /** PostgreSQL only: transactions that appended events over the run, and events per such commit. */
  transactions?: number;
  eventsPerTransaction?: number;
}

async function product(env: Record<string, string> = {}): Promise<ProductResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-ingest-'));
  const server = await startProductionServer({
    dataDir,
    port: Number(values.port),
    cpu: 0,
    env: { CONCORDIA_SQLITE_SYNC: SYNC, CONCORDIA_INGEST_REQUESTS_PER_SECOND: '1000000', ...env },
  });
  const key = server.credentials.keys.find((k) => k.agency === 'pdi')!.key;
  const dispatcher = new Agent({ connections: SENDERS, pipelining: 1 });
  // Bodies are prepared ahead so the generator measures the server, not JSON.stringify.
  const bodies = Array.from({ length: 200 }, () => eventsBatch('pdi'));
  let stored = 0;
  let requests = 0;
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(server.child.pid!);
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
  const serverCpu = Math.round(((cpuSeconds(server.child.pid!) - cpuBefore) / SECONDS) * 100) / 100;
  // Where a request's time went: waiting in store.append (queued for the group commit, then the
  // commit itself), from the server's own histogram, against the whole request seen by the sender.
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
  const storeMs = (metric('concordia_store_append_seconds_sum') / metric('concordia_store_append_seconds_count')) * 1000;
  await dispatcher.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: Math.round(stored / SECONDS),
    requests,
    serverCpu,
    meanRequestMs: Math.round((latencies.reduce((a, b) => a + b, 0) / latencies.length) * 10) / 10,
    meanStoreAppendMs: Math.round(storeMs * 10) / 10,
    serverCpuMicrosPerEvent: Math.round(((serverCpu * SECONDS) / stored) * 1e6 * 10) / 10,
    p99Ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] * 10) / 10,
  };
}

/** The SQLite store's table shape, rows per transaction and sync setting, with nothing else around it. */
function bareSqlite(): { eventsPerSecond: number } {
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
  while (Date.now() < endAt) {
    insertBatch(rows + 1, round++);
    rows += BATCH;
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { eventsPerSecond: Math.round(rows / SECONDS) };
}

/** A fresh, empty database in the throwaway cluster, and its URL. */
async function freshDatabase(cluster: PostgresInstance, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url.replace(/\/[^/]*$/, `/${name}`);
}

/** Transactions that wrote the events table (distinct xmin): the store's group commits. */
async function appendCommits(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(DISTINCT xmin::text) AS n FROM events');
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function productPostgres(cluster: PostgresInstance, round: number): Promise<ProductResult> {
  const name = `concordia_r${round}`;
  const url = await freshDatabase(cluster, name);
  const result = await product({ CONCORDIA_DATABASE_URL: url });
  const transactions = await appendCommits(url);
  return {
    ...result,
    transactions,
    eventsPerTransaction: transactions ? Math.round((result.eventsPerSecond * SECONDS) / transactions) : undefined,
  };
}

/**
 * The PostgreSQL store's own schema (its first migration) and writes with nothing around them:
 * one connection, synchronous_commit on, and per transaction what the store does for a batch —
 * lock the channel's head row, insert the rows after it in one statement from arrays, move the
 * head, commit. No HTTP, no validation, no idempotency check, no savepoints.
 */
async function barePostgres(cluster: PostgresInstance, round: number): Promise<{ eventsPerSecond: number }> {
  const url = await freshDatabase(cluster, `bare_r${round}`);
  const client = new pg.Client({ connectionString: url, options: '-c synchronous_commit=on' });
  await client.connect();
  await client.query(MIGRATIONS[0]);
  await client.query(`INSERT INTO event_heads (channel, head) VALUES ('live', 0)`);
  const events = Array.from({ length: BATCH }, () => make.queueUpdate({ agency: 'pdi', waiting: 42 }));
  const bodies = events.map((e) => JSON.stringify(e));
  let rows = 0;
  let batchNo = 0;
  const endAt = Date.now() + SECONDS * 1000;
  while (Date.now() < endAt) {
    batchNo++;
    await client.query('BEGIN');
    const { rows: head } = await client.query<{ head: string }>({
      name: 'bare-lock-head',
      text: `SELECT head FROM event_heads WHERE channel = 'live' FOR UPDATE`,
    });
    const seq0 = Number(head[0].head) + 1;
    await client.query({
      name: 'bare-insert',
      text: `INSERT INTO events (channel, seq, id, type, agency, audience, occurred_at, received_at, body)
             SELECT 'live', * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      values: [
        events.map((_, i) => seq0 + i),
        events.map((e) => `${e.id}-${batchNo}`),
        events.map((e) => e.type),
        events.map((e) => e.agency),
        events.map(() => 'all'),
        events.map((e) => e.occurredAt),
        events.map((e) => e.occurredAt),
        bodies,
      ],
    });
    await client.query({
      name: 'bare-move-head',
      text: `UPDATE event_heads SET head = $1 WHERE channel = 'live'`,
      values: [seq0 + BATCH - 1],
    });
    await client.query('COMMIT');
    rows += BATCH;
  }
  await client.end();
  return { eventsPerSecond: Math.round(rows / SECONDS) };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const ratioOf = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : null);

interface Round {
  bare?: number;
  product?: number;
  productP99Ms?: number;
  productServerCpu?: number;
  /** Concordia on SQLite / on PostgreSQL, every figure of the round. */
  sqliteDetail?: ProductResult;
  postgresDetail?: ProductResult;
  barePostgres?: number;
  postgres?: number;
  postgresP99Ms?: number;
  postgresServerCpu?: number;
  postgresEventsPerTransaction?: number;
}

async function main(): Promise<void> {
  console.log(
    `durable ingest, ${BATCH} events per request/transaction, ${SENDERS} senders, SQLite synchronous=${SYNC}, PostgreSQL synchronous_commit=on, ${SECONDS} s each, ${ROUNDS} rounds; stores: ${STORES.join(', ')}`,
  );
  const withSqlite = STORES.includes('sqlite');
  const withPostgres = STORES.includes('postgres');
  const cluster = withPostgres ? await startPostgres() : undefined;
  // The disk's fsync time varies from minute to minute here, so the four alternate and the medians count.
  const rounds: Round[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const r: Round = {};
      if (withSqlite) {
        pinSelf('0');
        r.bare = bareSqlite().eventsPerSecond;
        pinSelf('1');
        const p = await product();
        r.product = p.eventsPerSecond;
        r.productP99Ms = p.p99Ms;
        r.productServerCpu = p.serverCpu;
        r.sqliteDetail = p;
        console.log(
          `round ${round}: bare better-sqlite3 loop ${r.bare} events/s; Concordia on SQLite ${r.product} events/s, p99 ${r.productP99Ms} ms a request, server ${Math.round(p.serverCpu * 100)}% of a core, ${p.serverCpuMicrosPerEvent} µs CPU an event; a request ${p.meanRequestMs} ms on average, ${p.meanStoreAppendMs} ms of it in store.append`,
        );
      }
      if (cluster) {
        pinSelf('0');
        r.barePostgres = (await barePostgres(cluster, round)).eventsPerSecond;
        pinSelf('1');
        const p = await productPostgres(cluster, round);
        r.postgres = p.eventsPerSecond;
        r.postgresP99Ms = p.p99Ms;
        r.postgresServerCpu = p.serverCpu;
        r.postgresDetail = p;
        r.postgresEventsPerTransaction = p.eventsPerTransaction;
        console.log(
          `round ${round}: bare pg loop ${r.barePostgres} events/s; Concordia on PostgreSQL ${r.postgres} events/s, p99 ${r.postgresP99Ms} ms a request, server ${Math.round(p.serverCpu * 100)}% of a core, ${p.serverCpuMicrosPerEvent} µs CPU an event; a request ${p.meanRequestMs} ms on average, ${p.meanStoreAppendMs} ms of it in store.append; ~${p.eventsPerTransaction} events a commit (${p.transactions} commits)`,
        );
      }
      rounds.push(r);
    }
  } finally {
    await cluster?.destroy();
  }
  const med = (pick: (r: Round) => number | undefined) => {
    const xs = rounds.map(pick).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  const sqlite = withSqlite
    ? { bare: med((r) => r.bare)!, product: med((r) => r.product)!, p99Ms: med((r) => r.productP99Ms)! }
    : undefined;
  const postgres = withPostgres
    ? {
        bare: med((r) => r.barePostgres)!,
        product: med((r) => r.postgres)!,
        p99Ms: med((r) => r.postgresP99Ms)!,
        eventsPerTransaction: med((r) => r.postgresEventsPerTransaction),
      }
    : undefined;
  const ratio = sqlite ? ratioOf(sqlite.product, sqlite.bare) : null;
  const postgresToBare = postgres ? ratioOf(postgres.product, postgres.bare) : null;
  const postgresToSqlite = postgres && sqlite ? ratioOf(postgres.product, sqlite.product) : null;
  const targets = {
    sqlite: sqlite ? { atLeast10000: sqlite.product >= 10_000, ratioToBareAtLeast08: (ratio ?? 0) >= 0.8 } : undefined,
    postgres: postgres
      ? { atLeast10000: postgres.product >= 10_000, ratioToSqliteAtLeast08: postgresToSqlite === null ? null : postgresToSqlite >= 0.8 }
      : undefined,
  };
  console.log(
    `medians: ${sqlite ? `SQLite bare ${sqlite.bare}, Concordia ${sqlite.product} (ratio ${ratio}); ` : ''}${postgres ? `PostgreSQL bare ${postgres.bare}, Concordia ${postgres.product} (÷ bare ${postgresToBare}, ÷ Concordia on SQLite ${postgresToSqlite})` : ''}`,
  );
  console.log(JSON.stringify(targets));
  const file = writeResult('ingest', {
    command: `npm run bench:ingest -- --seconds ${SECONDS} --batch ${BATCH} --senders ${SENDERS} --sync ${SYNC} --rounds ${ROUNDS} --stores ${STORES.join(',')}`,
    date: new Date().toISOString(),
    machine: machine(),
    method:
      'each round runs in turn: the bare better-sqlite3 loop, Concordia on SQLite, the bare pg loop, Concordia on PostgreSQL (a fresh database each); bare loops and server on CPU 0, HTTP senders on CPU 1, PostgreSQL unpinned; medians of the rounds compared. Other work may share the machine (each results file records the load average): absolute figures drift, the alternation keeps comparisons fair',
    sync: SYNC,
    batch: BATCH,
    senders: SENDERS,
    ...(sqlite ? { bare: { eventsPerSecond: sqlite.bare }, product: { eventsPerSecond: sqlite.product, p99Ms: sqlite.p99Ms }, ratio } : {}),
    ...(postgres
      ? {
          postgres: {
            bare: { eventsPerSecond: postgres.bare },
            product: { eventsPerSecond: postgres.product, p99Ms: postgres.p99Ms, eventsPerTransaction: postgres.eventsPerTransaction },
            ratioToBare: postgresToBare,
            ratioToSqlite: postgresToSqlite,
          },
        }
      : {}),
    rounds,
    targets,
    meetsTargets:
      (!sqlite || (sqlite.product >= 10_000 && (ratio ?? 0) >= 0.8)) &&
      (!postgres || (postgres.product >= 10_000 && (postgresToSqlite === null || postgresToSqlite >= 0.8))),
  });
  console.log(file);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
