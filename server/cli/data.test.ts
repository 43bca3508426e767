import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput, StoredEvent } from '../../lib/contract/events.ts';
import { project, type Picture } from '../../lib/projection/picture.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { asSent } from '../export/exportFormats.ts';
import { Traffic } from '../simulate/traffic.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { runData } from './data.ts';
import { eventsPageSchema } from '../../lib/contract/http.ts';

const fixtures = path.join(import.meta.dirname, '../ingest/formats/fixtures');
let dir: string;
let source: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'concordia-data-cli-'));
  source = await startTestServer();
});
afterAll(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[]; stdout: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let stdout = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      stdout += chunk;
      done();
    },
  });
  const code = await runData(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdout: sink, env: {} });
  return { code, out, err, stdout };
}

/** Every event a reader with this agency's key may see, in seq order. */
async function readAll(server: TestServer, agency: string): Promise<StoredEvent[]> {
  server.app.hub.flush();
  const events: StoredEvent[] = [];
  for (let after = 0; ;) {
    const res = await fetch(`${server.url}/api/events?limit=5000&after=${after}`, {
      headers: { authorization: `Bearer ${server.keyOf(agency)}` },
    });
    const page = eventsPageSchema.parse(await res.json());
    events.push(...page.events);
    if (page.events.length === 0 || page.through <= after) return events;
    after = page.through;
  }
}

/** The picture without what depends on where events landed in a store (seq, receivedAt, channel). */
function comparable(picture: Picture) {
  const { seq: _seq, feed, ...rest } = picture;
  return { ...rest, feed: feed.map(asSent) };
}

describe('npm run data -- import', () => {
  it('dry-runs a CSV: reports every problem by line, stores nothing, exits 1', async () => {
    const before = await source.storedHead();
    const run = await cli([
      'import',
      path.join(fixtures, 'pdi-bad-rows.csv'),
      '--dry-run',
      '--url',
      source.url,
      '--key',
      source.keyOf('pdi'),
    ]);
    expect(run.code).toBe(1);
    expect(run.out[0]).toBe('dry run: nothing stored; 8 read, 2 valid, 0 accepted, 0 duplicates, 6 failed');
    expect(run.out).toContain('line 4: waiting: "muchos" is not a number');
    expect(run.out).toContain('line 6 (pdi-b-5): agency: this credential posts for pdi, not pnp');
    expect(run.out).toContain('reading stopped early; see the last line above');
    expect(await source.storedHead()).toBe(before);
  });

  it('imports a clean file and exits 0; the format comes from the file name', async () => {
    const run = await cli(['import', path.join(fixtures, 'cot-atak-position.xml'), '--url', source.url, '--key', source.keyOf('pnp')]);
    expect(run).toMatchObject({ code: 0, out: ['1 read, 1 valid, 1 accepted, 0 duplicates, 0 failed'] });
  });

  it('refuses an unknown extension and a missing key with a usage message', async () => {
    await expect(cli(['import', 'notes.txt', '--url', source.url, '--key', 'k'])).rejects.toThrow(/give --format/);
    await expect(cli(['import', path.join(fixtures, 'pdi-shift.csv'), '--url', source.url])).rejects.toThrow(/--key/);
  });
});

describe('round trip: export a time range to NDJSON, import it into an empty store, and the projection is equal', () => {
  it('holds for half an hour of simulated traffic from three agencies with national events', async () => {
    // Half an hour of traffic, sent as the agencies would send it, ending ten minutes ago.
    const start = Date.now() - 40 * 60_000;
    const traffic = new Traffic({ seed: 99, intervalMs: 3_000, incidentChance: 1 / 30 });
    const national: EventInput[] = [];
    const pending = new Map<string, EventInput[]>();
    for (let tick = 0; tick < 600; tick++) {
      const now = start + tick * 3_000;
      for (const [agency, events] of traffic.tick(now)) {
        if (tick % 60 === 30 && agency !== 'pdi') {
          // Now and then a national report that the other country's readers must not get.
          const event =
            agency === 'carabineros'
              ? make.unitPosition({ agency, unitId: 'OS7-1', occurredAt: new Date(now).toISOString(), releasability: 'national' })
              : make.incident({ agency, incidentId: `PNP-N-${tick}`, occurredAt: new Date(now).toISOString(), releasability: 'national' });
          events.push(event);
          national.push(event);
        }
        // Sent every 30 ticks per agency, so agencies interleave in the log as they do live.
        pending.set(agency, [...(pending.get(agency) ?? []), ...events]);
        if (tick % 30 === 29) {
          expect((await source.post(pending.get(agency), source.keyOf(agency))).status).toBe(201);
          pending.set(agency, []);
        }
      }
    }

    const from = new Date(start + 5 * 60_000).toISOString();
    const to = new Date(start + 25 * 60_000).toISOString();
    const file = path.join(dir, 'range.ndjson');
    source.app.hub.flush();
    const exported = await cli([
      'export',
      '--from',
      from,
      '--to',
      to,
      '--out',
      file,
      '--url',
      source.url,
      '--key',
      source.keyOf('carabineros'),
    ]);
    expect(exported.code).toBe(0);

    const target = await startTestServer();
    try {
      const credentials = path.join(dir, 'target-credentials.json');
      writeFileSync(credentials, JSON.stringify(target.credentials));
      const imported = await cli(['import', file, '--restore', '--credentials', credentials, '--url', target.url]);
      const lines = readFileSync(file, 'utf8').trim().split('\n').length;
      expect(imported.out[0]).toBe(`${lines} read, ${lines} valid, ${lines} accepted, 0 duplicates, 0 failed`);
      expect(imported.code).toBe(0);

      const inRange = (e: StoredEvent) => Date.parse(e.occurredAt) >= Date.parse(from) && Date.parse(e.occurredAt) < Date.parse(to);
      const original = (await readAll(source, 'carabineros')).filter(inRange);
      const restored = await readAll(target, 'carabineros');
      expect(restored).toHaveLength(original.length);
      expect(original.filter((e) => e.releasability === 'national' && e.agency === 'carabineros').length).toBeGreaterThan(0);

      const before = comparable(project(original));
      expect(Object.keys(before.units)).toHaveLength(9);
      expect(Object.keys(before.incidents).length).toBeGreaterThan(3);
      expect(Object.keys(before.queues)).toHaveLength(4);
      expect(comparable(project(restored))).toEqual(before);

      // The Chilean export never held Peru's national events, so the new store does not either.
      const pnpNational = new Set(national.filter((e) => e.agency === 'pnp').map((e) => e.id));
      expect((await readAll(target, 'pnp')).some((e) => pnpNational.has(e.id))).toBe(false);
    } finally {
      await target.close();
    }
  }, 60_000);
});

describe('npm run data -- --credentials', () => {
  it('refuses a malformed credentials file, naming the field', async () => {
    const credentials = path.join(dir, 'bad-credentials.json');
    writeFileSync(credentials, JSON.stringify({ keys: [{ agency: 'pdi', key: '' }] }));
    await expect(cli(['import', path.join(fixtures, 'valid.ndjson'), '--credentials', credentials, '--url', source.url])).rejects.toThrow(
      /is not a credentials file[\s\S]*keys\.0\.key: /,
    );
  });
});
