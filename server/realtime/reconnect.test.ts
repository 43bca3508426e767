/**
 * A subscribed client that is disconnected and reconnected 100 times while events keep arriving
 * ends with every event, in order, with no gap and no duplicate.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as make from '../../lib/testing/eventFactory.ts';
import { Receiver } from '../testing/receiver.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const RECONNECTS = 100;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it(`delivers every event exactly once, in order, across ${RECONNECTS} reconnects during ingest`, async () => {
  const token = await server.signIn('coordinator-cl');
  const receiver = new Receiver(await server.connect(token));
  await receiver.subscribe(0);

  // A steady feed of single-event posts, running the whole time.
  let feeding = true;
  let posted = 0;
  const key = server.keyOf('carabineros');
  const feed = (async () => {
    while (feeding) {
      const res = await server.post(make.unitPosition({ unitId: `U-${posted % 50}` }), key);
      expect(res.status).toBe(201);
      posted++;
    }
  })();

  for (let i = 0; i < RECONNECTS; i++) {
    // Let a few events arrive on this connection, then drop it and come back with our last seq.
    const target = receiver.follower.seq + 2;
    await receiver.until(() => receiver.follower.seq >= target);
    receiver.socket.disconnect();
    receiver.listen(await server.connect(token));
    const ack = await receiver.subscribe();
    expect(ack.ok).toBe(true);
  }
  feeding = false;
  await feed;

  const head = await server.storedHead();
  await receiver.until(() => receiver.follower.seq >= head);
  const seqs = receiver.seqs();
  expect(seqs).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  expect(posted).toBe(head);
}, 60_000);
