/**
 * Leases on a throwaway PostgreSQL: one holder at a time, taken over after the holder stops
 * renewing (a frozen node: its queries never answer), given up at once on stop.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import { migrate } from '../store/postgres/migrations.ts';
import { pgLeases, soloLeases, whileLeased, type LeasePool } from './lease.ts';

let instance: PostgresInstance;
let pool: pg.Pool;

beforeAll(async () => {
  instance = await startPostgres();
  pool = new pg.Pool({ connectionString: instance.url, max: 4 });
  await migrate(pool);
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await instance?.destroy();
}, 60_000);

async function until(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // polling interval for timers in flight
  }
}

/** A node's view of the database that can be frozen: its queries then never answer, as under SIGSTOP. */
function freezable(): LeasePool & { frozen: boolean } {
  const node = {
    frozen: false,
    query: (text: string, values?: unknown[]) =>
      node.frozen ? new Promise<never>(() => {}) : (pool.query(text, values) as ReturnType<LeasePool['query']>),
  };
  return node;
}

const TIMING = { ttlMs: 600, renewMs: 150 };

describe('leases on PostgreSQL', () => {
  it('one node holds a lease at a time; the other takes it once the holder stops renewing', async () => {
    const a = freezable();
    const events: string[] = [];
    const onA = pgLeases({ pool: a, owner: 'node-a', ...TIMING })('work-1', {
      acquired: () => events.push('a+'),
      lost: () => events.push('a-'),
    });
    await until('a holds', () => onA.held);
    const onB = pgLeases({ pool, owner: 'node-b', ...TIMING })('work-1', {
      acquired: () => events.push('b+'),
      lost: () => events.push('b-'),
    });
    // b asks several times while a renews: it never gets it.
    await new Promise((resolve) => setTimeout(resolve, TIMING.ttlMs * 2)); // a span of several renewals
    expect(onB.held).toBe(false);
    expect(events).toEqual(['a+']);

    const frozenAt = Date.now();
    a.frozen = true;
    await until('b takes over', () => onB.held);
    const takeoverMs = Date.now() - frozenAt;
    // a stopped before b started: never two holders.
    expect(events).toEqual(['a+', 'a-', 'b+']);
    expect(onA.held).toBe(false);
    expect(takeoverMs).toBeLessThan(TIMING.ttlMs + 3 * TIMING.renewMs + 500);

    // Thawed, a does not get it back while b renews.
    a.frozen = false;
    await new Promise((resolve) => setTimeout(resolve, TIMING.ttlMs)); // a span of several renewals
    expect(onA.held).toBe(false);
    await onA.stop();
    await onB.stop();
  });

  it('a lease given up on stop is taken at once, not after it lapses', async () => {
    const onA = pgLeases({ pool, owner: 'node-a', ttlMs: 60_000, renewMs: 100 })('work-2', { acquired() {}, lost() {} });
    await until('a holds', () => onA.held);
    const onB = pgLeases({ pool, owner: 'node-b', ttlMs: 60_000, renewMs: 100 })('work-2', { acquired() {}, lost() {} });
    await onA.stop();
    await until('b holds', () => onB.held, 2_000);
    await onB.stop();
    expect((await pool.query("SELECT * FROM leases WHERE name = 'work-2'")).rows).toEqual([]);
  });

  it('whileLeased runs the work on exactly one of several nodes, and moves it when that node stops', async () => {
    const running = new Set<string>();
    const stops = ['x', 'y', 'z'].map((node) =>
      whileLeased(pgLeases({ pool, owner: node, ...TIMING }), 'work-3', () => {
        running.add(node);
        return () => running.delete(node);
      }),
    );
    await until('one runs it', () => running.size === 1);
    await new Promise((resolve) => setTimeout(resolve, TIMING.ttlMs)); // several renewals: still one
    expect(running.size).toBe(1);
    const [first] = running;
    await stops[['x', 'y', 'z'].indexOf(first)]();
    await until('another runs it', () => running.size === 1 && !running.has(first), 3_000);
    await Promise.all(stops.map((stop) => stop()));
    expect(running.size).toBe(0);
  });
});

describe('solo leases (one node, SQLite)', () => {
  it('are held at once and let go on stop', async () => {
    const running: string[] = [];
    const stop = whileLeased(soloLeases(), 'alerts', () => {
      running.push('started');
      return () => running.push('stopped');
    });
    expect(running).toEqual(['started']);
    await stop();
    expect(running).toEqual(['started', 'stopped']);
  });
});
