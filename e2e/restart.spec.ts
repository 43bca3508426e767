import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as make from '../lib/testing/eventFactory.ts';
import { initialCredentialsFile, readInitialCredentials } from '../server/auth/initialCredentials.ts';
import { startServer } from './support/serverProcess.ts';
import { eventsPageSchema } from '../lib/contract/http.ts';

test('events survive Ctrl-C and a restart on the same data directory', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-restart-'));
  const port = 3190;
  try {
    const first = await startServer(dataDir, port);
    const credentials = readInitialCredentials(initialCredentialsFile(dataDir));
    const key = credentials.keys.find((k) => k.agency === 'pnp')!.key;
    const events = Array.from({ length: 25 }, (_, i) => make.unitPosition({ agency: 'pnp', unitId: `R-${i}` }));
    const res = await fetch(`${first.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(events),
    });
    expect(res.status).toBe(201);
    expect(await first.stop('SIGINT')).toBe(0);

    const second = await startServer(dataDir, port);
    const read = await fetch(`${second.url}/api/events?after=0&limit=100`, { headers: { authorization: `Bearer ${key}` } });
    const body = eventsPageSchema.parse(await read.json());
    expect(body.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(body.events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // The first start's credentials still work; no second set was created.
    expect(readFileSync(initialCredentialsFile(dataDir), 'utf8')).toContain(key);
    expect(await second.stop('SIGTERM')).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
