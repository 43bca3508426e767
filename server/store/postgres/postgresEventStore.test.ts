import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../../lib/testing/eventFactory.ts';
import { startPostgres, type PostgresInstance } from '../../testing/postgresInstance.ts';
import { eventStoreSuite, valid, type StoreUnderTest } from '../eventStoreSuite.ts';
import { migrate, NUMBERED_MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { openPostgresEventStore } from './postgresEventStore.ts';
import { connectionConfig, DEFAULT_SESSION_SETTINGS } from './sessionSettings.ts';
import { postgresFault, StoreUnavailableError } from '../storeFault.ts';

let instance: PostgresInstance;
let admin: pg.Pool;
let databases = 0;

beforeAll(async () => {
  instance = await startPostgres();
  admin = new pg.Pool({ connectionString: instance.url, max: 2 });
}, 60_000);
afterAll(async () => {
  await admin?.end();
  await instance?.destroy();
}, 60_000);

/** A fresh database per test, so each starts empty and runs the migrations itself. */
async function freshDatabase(): Promise<string> {
  const name = `t${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(instance.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openAt(url: string): Promise<StoreUnderTest> {
  const store = await openPostgresEventStore(url, 4);
  return {
    store,
    countRows: async () => Number((await store.pool.query('SELECT count(*) AS n FROM events')).rows[0].n),
    tamper: async (kind) => {
      await store.pool.query(kind === 'update' ? "UPDATE events SET body = '{}'" : 'DELETE FROM events');
    },
    reopen: async () => {
      await store.close();
      return openAt(url);
    },
    dispose: () => store.close(),
  };
}

eventStoreSuite('PostgreSQL', async () => openAt(await freshDatabase()));

describe('PostgreSQL across nodes', () => {
  it('runs the migrations once when two nodes start at the same moment', async () => {
    const url = await freshDatabase();
    const pools = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })];
    try {
      const latest = SCHEMA_VERSION;
      await expect(Promise.all(pools.map((pool) => migrate(pool)))).resolves.toEqual([latest, latest]);
      const { rows } = await pools[0].query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows).toEqual([...NUMBERED_MIGRATIONS.keys()].map((version) => ({ version })));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('keeps seq gap-free with three writers on one channel, and no reader ever sees a gap', async () => {
    const url = await freshDatabase();
    const nodes = await Promise.all([1, 2, 3].map(() => openPostgresEventStore(url, 4)));
    const reader = nodes[0];
    let writing = true;
    const gaps: string[] = [];
    // Polls while the writers run: any read must be a contiguous run after the last seq seen.
    const watch = (async () => {
      let last = 0;
      while (writing) {
        const events = await reader.read('live', { afterSeq: last, limit: 1000 });
        for (const e of events) {
          if (e.seq !== last + 1) gaps.push(`saw ${e.seq} after ${last}`);
          last = e.seq;
        }
      }
      return last;
    })();
    try {
      const appends = nodes.flatMap((node, n) =>
        Array.from({ length: 60 }, (_, i) => node.append('live', valid(make.unitPosition({ unitId: `N${n}-${i}` }), make.queueUpdate()))),
      );
      // One id sent to all three nodes at once (a retried POST): stored once.
      const [retried] = valid(make.bulletin({ id: 'retry-1' }));
      const retries = nodes.map((node) => node.append('live', [retried]));
      const results = await Promise.all([...appends, ...retries]);
      writing = false;
      await watch;
      const seqs = results.flatMap((r) => r.stored.map((e) => e.seq)).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 3 * 60 * 2 + 1 }, (_, i) => i + 1));
      expect(results.slice(-3).flatMap((r) => r.duplicates)).toEqual(['retry-1', 'retry-1']);
      expect(gaps).toEqual([]);
      expect(await nodes[2].head('live')).toBe(361);
    } finally {
      writing = false;
      await Promise.all(nodes.map((node) => node.close()));
    }
  });
});

describe('PostgreSQL with a peer that stops answering', () => {
  /** A session like a node's, holding the live channel's head row in an open transaction. */
  async function holdHeadRow(url: string, config: pg.ClientConfig): Promise<{ client: pg.Client; errors: Error[] }> {
    const client = new pg.Client(config);
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    await client.connect();
    await client.query('BEGIN');
    await client.query("SELECT head FROM event_heads WHERE channel = 'live' FOR UPDATE");
    return { client, errors };
  }

  it('a node frozen inside its append stalls the others only until the server ends its session', async () => {
    const url = await freshDatabase();
    const store = await openPostgresEventStore(url, 2);
    try {
      await store.append('live', valid(make.bulletin()));
      // Frozen: the peer locked the head row, then stopped sending (SIGSTOP between two queries).
      const peer = await holdHeadRow(url, connectionConfig(url));
      const started = Date.now();
      const { stored } = await store.append('live', valid(make.bulletin()));
      const waited = Date.now() - started;
      expect(stored.map((e) => e.seq)).toEqual([2]);
      expect(waited).toBeGreaterThanOrEqual(DEFAULT_SESSION_SETTINGS.idleInTransactionMs - 100);
      expect(waited).toBeLessThan(DEFAULT_SESSION_SETTINGS.lockTimeoutMs);
      // The peer, thawed, finds its transaction gone and is told so as a store fault.
      const error = await peer.client.query('SELECT 1').catch((e: unknown) => e);
      expect(postgresFault(error)).toBeInstanceOf(StoreUnavailableError);
      await peer.client.end().catch(() => undefined);
    } finally {
      await store.close();
    }
  });

  it('a lock held past the lock timeout (not an append) is retried once, then refused as a store fault', async () => {
    const url = await freshDatabase();
    const store = await openPostgresEventStore(url, 2, { lockTimeoutMs: 300 });
    try {
      await store.append('live', valid(make.bulletin()));
      // An operator's session with no idle timeout keeps the row locked.
      const operator = await holdHeadRow(url, { connectionString: url });
      const started = Date.now();
      const refused = await store.append('live', valid(make.bulletin())).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreUnavailableError);
      expect(refused).toMatchObject({ kind: 'busy', engine: 'postgresql' });
      expect((refused as Error).message).toMatch(/^storage unavailable: the database is locked by another writer .*55P03/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 300 - 50);
      await operator.client.query('COMMIT');
      await operator.client.end();
      expect((await store.append('live', valid(make.bulletin()))).stored.map((e) => e.seq)).toEqual([2]);
    } finally {
      await store.close();
    }
  });

  it('migrations wait for another node’s migration lock whatever the lock timeout', async () => {
    const url = await freshDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [0x636f6e636f7264]);
    const opening = openPostgresEventStore(url, 2, { lockTimeoutMs: 100 });
    // Longer than the lock timeout, then the other node's migration ends.
    await new Promise((resolve) => setTimeout(resolve, 400)); // a lock held across the timeout, not a wait for a condition
    await holder.query('SELECT pg_advisory_unlock($1)', [0x636f6e636f7264]);
    await holder.end();
    const store = await opening;
    expect(await store.head('live')).toBe(0);
    await store.close();
  });
});
