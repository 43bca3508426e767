import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresInstance } from '../testing/postgresInstance.ts';
import type { ClusterMessage } from './clusterBus.ts';
import { NOTIFY_CHANNEL, PgClusterBus } from './pgClusterBus.ts';

let postgres: PostgresInstance;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.destroy());

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function node() {
  const problems: string[] = [];
  const bus = await PgClusterBus.start({ connectionString: postgres.url, onProblem: (p) => problems.push(p) });
  const received: ClusterMessage[] = [];
  let missed = 0;
  bus.subscribe({ message: (m) => received.push(m), missed: () => missed++ });
  return { bus, received, problems, missedCount: () => missed };
}

describe('PgClusterBus', () => {
  it('tells every other node, not the sender, and ignores payloads that are not cluster messages', async () => {
    const [a, b, c] = await Promise.all([node(), node(), node()]);
    try {
      await a.bus.send({ kind: 'appended', channel: 'live', seq: 7 });
      await until(() => b.received.length === 1 && c.received.length === 1);
      expect(b.received).toEqual([{ kind: 'appended', channel: 'live', seq: 7 }]);

      const other = new pg.Client({ connectionString: postgres.url });
      await other.connect();
      await other.query('SELECT pg_notify($1, $2)', [
        NOTIFY_CHANNEL,
        JSON.stringify({ from: 'x', message: { kind: 'appended', seq: -1 } }),
      ]);
      await other.end();
      await b.bus.send({ kind: 'session-ended', sessionHash: 'h' });
      await until(() => a.received.length === 1);
      expect(a.received).toEqual([{ kind: 'session-ended', sessionHash: 'h' }]);
      expect(a.problems.some((p) => p.startsWith('cluster notification ignored'))).toBe(true);
      expect(a.received.length + b.received.length).toBe(2); // the sender never hears itself
    } finally {
      await Promise.all([a.bus.close(), b.bus.close(), c.bus.close()]);
    }
  });

  it('reconnects after PostgreSQL restarts and says notifications may have been missed', async () => {
    const [a, b] = await Promise.all([node(), node()]);
    try {
      await postgres.stop();
      await postgres.start();
      await until(() => b.missedCount() >= 1 && a.missedCount() >= 1);
      await a.bus.send({ kind: 'credentials-changed' });
      await until(() => b.received.length === 1);
      expect(b.received).toEqual([{ kind: 'credentials-changed' }]);
    } finally {
      await Promise.all([a.bus.close(), b.bus.close()]);
    }
  }, 30_000);
});
