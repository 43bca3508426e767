import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitState } from '../../lib/projection/picture.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { startSimulators } from './runner.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('simulators against a real server', () => {
  it('post each agency’s traffic with its key, and a coordinator sees units of all three move', async () => {
    const receiver = new Receiver(await server.connect(await server.signIn('coordinator-cl')));
    await receiver.subscribe();
    const simulators = startSimulators({
      url: server.url,
      keys: { carabineros: server.keyOf('carabineros'), pdi: server.keyOf('pdi'), pnp: server.keyOf('pnp') },
      seed: 42,
      intervalMs: 250,
    });
    try {
      const units = () => Object.values(receiver.follower.picture.units);
      const first = new Map<string, string>();
      const moved = new Set<string>();
      await receiver.until(() => {
        for (const unit of units()) {
          const where = `${unit.position.lat},${unit.position.lon}`;
          if (!first.has(unit.key)) first.set(unit.key, where);
          else if (first.get(unit.key) !== where) moved.add(unit.key);
        }
        return new Set([...moved].map((key) => key.split('/')[0])).size === 3;
      }, 10_000);
      const sample = units().find((u: UnitState) => u.agency === 'pnp')!;
      expect(sample.source).toBe('simulador-pnp');
      expect(simulators.stats().failedBatches).toBe(0);
    } finally {
      await simulators.stop();
    }
    // Stopped means stopped: nothing more arrives after the last answered batch.
    const head = await server.storedHead();
    const { ticks } = simulators.stats();
    await new Promise((resolve) => setTimeout(resolve, 600)); // longer than two ticks: nothing may come
    expect(await server.storedHead()).toBe(head);
    expect(simulators.stats().ticks).toBe(ticks);
  });
});
