/**
 * Graceful shutdown completes the writes in flight: requests already being served when close()
 * starts still commit and get their 201; none is cut off with a 5xx.
 */
import { expect, it } from 'vitest';
import * as make from '../lib/testing/eventFactory.ts';
import { startTestServer } from './testing/testServer.ts';

it('answers every request it had accepted before shutting down, and stores what it acknowledged', async () => {
  const server = await startTestServer();
  const key = server.keyOf('pnp');
  const events = Array.from({ length: 40 }, () => make.incident({ agency: 'pnp', incidentId: `sd-${Math.random()}` }));
  let arrived = 0;
  let resolveArrived: () => void;
  const allArrived = new Promise<void>((resolve) => (resolveArrived = resolve));
  server.app.http.on('request', () => {
    if (++arrived === events.length) resolveArrived();
  });
  const responses = events.map((event) =>
    server.post(event, key).then(
      (res) => res.status,
      () => 'no answer',
    ),
  );
  await allArrived;
  const closing = server.app.close();
  const statuses = await Promise.all(responses);
  await closing;
  expect(statuses.filter((s) => s !== 201)).toEqual([]);
  expect(await server.storedHead()).toBe(events.length);
  await server.close();
});
