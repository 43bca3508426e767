/**
 * A test server (server/testing/testServer.ts: the real app, no Next) in a process of its own, for
 * tests that freeze it (SIGSTOP) or hold its event loop. It prints one JSON line
 * `{ "url", "token" }` (a coordinator's session) once listening. SIGUSR2 holds its event loop for
 * HOLD_MS, as a burst of load would; SIGTERM closes it.
 *
 *   node --import tsx server/testing/testServerProcess.ts
 */
import { startTestServer } from './testServer.ts';

const HOLD_MS = Number(process.env.TEST_SERVER_HOLD_MS ?? 1_200);

const server = await startTestServer();
const token = await server.signIn('coordinator-cl');
process.on('SIGUSR2', () => {
  const until = Date.now() + HOLD_MS;
  while (Date.now() < until) {
    // busy: the event loop is held, as a burst of work would hold it
  }
  console.log(JSON.stringify({ held: HOLD_MS }));
});
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
console.log(JSON.stringify({ url: server.url, token }));
