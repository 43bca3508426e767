/**
 * Nothing acknowledged is lost: under continuous ingest the production server is killed with
 * SIGKILL at random moments, 20 times, and restarted on the same data directory. Every event whose
 * 201 the sender received must be in the store exactly once, and seqs stay gap-free.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestReceiptSchema, eventsPageSchema } from '../lib/contract/http.ts';
import * as make from '../lib/testing/eventFactory.ts';
import { initialCredentialsFile, readInitialCredentials } from '../server/auth/initialCredentials.ts';
import { mulberry32 } from '../lib/random/prng.ts';
import { startServer } from './support/serverProcess.ts';

const KILLS = 20;
const SENDERS = 4;

test('every acknowledged event survives 20 SIGKILLs, exactly once', async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-kill-'));
  const port = 3192;
  const random = mulberry32(1_412_2025); // deterministic delays, so a failing run can be repeated
  const acknowledged = new Set<string>();
  let key = '';
  try {
    for (let round = 0; round <= KILLS; round++) {
      const server = await startServer(dataDir, port);
      key ||= readInitialCredentials(initialCredentialsFile(dataDir)).keys.find((k) => k.agency === 'pdi')!.key;
      if (round === KILLS) {
        // Final start: read everything back.
        const ids: string[] = [];
        const seqs: number[] = [];
        for (let after = 0; ;) {
          const res = await fetch(`${server.url}/api/events?after=${after}&limit=5000`, { headers: { authorization: `Bearer ${key}` } });
          const page = eventsPageSchema.parse(await res.json());
          if (page.events.length === 0) break;
          for (const e of page.events) {
            ids.push(e.id);
            seqs.push(e.seq);
          }
          after = page.through;
        }
        const missing = [...acknowledged].filter((id) => !ids.includes(id));
        expect(missing, 'acknowledged but not stored').toEqual([]);
        expect(new Set(ids).size, 'stored twice').toBe(ids.length);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        expect(acknowledged.size).toBeGreaterThan(KILLS * 10);
        console.log(
          `durability: ${KILLS} SIGKILLs survived; ${acknowledged.size} acknowledged events, ${ids.length} stored, none lost, none twice`,
        );
        await server.stop('SIGTERM');
        break;
      }
      let running = true;
      const send = async () => {
        while (running) {
          const batch = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
            make.queueUpdate({ agency: 'pdi', waiting: Math.floor(random() * 500) }),
          );
          try {
            const res = await fetch(`${server.url}/api/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
              body: JSON.stringify(batch),
            });
            if (res.status === 201) {
              const body = ingestReceiptSchema.parse(await res.json());
              for (const a of body.accepted) acknowledged.add(a.id);
            }
          } catch {
            // The server died mid-request: the outcome is unknown, and nothing was acknowledged.
          }
        }
      };
      const senders = Array.from({ length: SENDERS }, send);
      // Let ingest run for a while, then pull the plug without warning.
      await new Promise((resolve) => setTimeout(resolve, 150 + random() * 700)); // the random kill moment
      await server.stop('SIGKILL');
      running = false;
      await Promise.all(senders);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
