import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../../../lib/testing/eventFactory.ts';
import { startPostgres, type PostgresInstance } from '../../testing/postgresInstance.ts';
import { eventStoreSuite, valid, type StoreUnderTest } from '../eventStoreSuite.ts';
import { migrate, NUMBERED_MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { openPostgresEventStore } from './postgresEventStore.ts';

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
