import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../lib/contract/events.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import type { IngestReport } from '../../lib/contract/http.ts';
import { errorReplySchema, eventsPageSchema, ingestReportSchema } from '../../lib/contract/http.ts';

const fixture = (name: string) => readFileSync(new URL(`./formats/fixtures/${name}`, import.meta.url));
const CONTENT_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv', cot: 'application/xml', geojson: 'application/geo+json' } as const;
type Format = keyof typeof CONTENT_TYPES;

let viaFormat: TestServer;
let viaJson: TestServer;
beforeAll(async () => {
  [viaFormat, viaJson] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([viaFormat.close(), viaJson.close()]);
});

function upload(
  server: TestServer,
  format: Format,
  body: BodyInit | AsyncIterable<Uint8Array>,
  credential: string | null,
  query = '',
  contentType: string = CONTENT_TYPES[format],
): Promise<Response> {
  return fetch(`${server.url}/api/ingest/${format}${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    body: body as BodyInit,
    duplex: 'half',
  } as RequestInit);
}

async function reportOf(res: Response): Promise<IngestReport> {
  expect(res.status, await res.clone().text()).toBe(200);
  return ingestReportSchema.parse(await res.json());
}

/** The stored events with these ids, without what the server adds (channel, seq, receivedAt). */
async function stored(server: TestServer, ids: string[]): Promise<unknown[]> {
  server.app.hub.flush(); // reads reflect what has been broadcast; do not wait for the 25 ms window
  const wanted = new Set(ids);
  const found = new Map<string, StoredEvent>();
  // Read as a Chilean and a Peruvian key: each sees the other's national events left out.
  for (const agency of ['pnp', 'carabineros']) {
    for (let after = 0; ;) {
      const res = await fetch(`${server.url}/api/events?limit=5000&after=${after}`, {
        headers: { authorization: `Bearer ${server.keyOf(agency)}` },
      });
      const page = eventsPageSchema.parse(await res.json());
      for (const e of page.events) if (wanted.has(e.id)) found.set(`${e.agency}/${e.id}`, e);
      if (page.events.length === 0 || page.through <= after) break;
      after = page.through;
    }
  }
  return [...found.values()].map(({ channel: _c, seq: _s, receivedAt: _r, ...event }) => event).sort((a, b) => (a.id < b.id ? -1 : 1));
}

const failuresOf = (report: IngestReport) => report.failures.map((f) => [f.line, f.problems.map((p) => `${p.field}: ${p.message}`).sort()]);

describe('each format, once normalised, equals the same events sent as JSON', () => {
  const ndjsonAsJson = () =>
    fixture('pnp-events.ndjson')
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
      .map((e) => ({ provenance: { source: 'pnp-ndjson', format: 'ndjson', originalId: e.id }, ...e }));
  const cases: Array<[Format, string, string, () => Array<{ id: string }>]> = [
    ['ndjson', 'pnp-events.ndjson', 'pnp', ndjsonAsJson],
    ['csv', 'pdi-shift.csv', 'pdi', () => JSON.parse(fixture('pdi-shift.json').toString('utf8'))],
    ['cot', 'cot-atak-position.xml', 'pnp', () => JSON.parse(fixture('cot-atak-position.json').toString('utf8'))],
    ['geojson', 'carabineros-units.geojson', 'carabineros', () => JSON.parse(fixture('carabineros-units.json').toString('utf8'))],
  ];

  for (const [format, file, agency, asJson] of cases) {
    it(`${format}: ${file} is accepted and stored exactly as its JSON twin; sent again, it is all duplicates`, async () => {
      const expected = asJson();
      const report = await reportOf(await upload(viaFormat, format, fixture(file), viaFormat.keyOf(agency)));
      expect(report).toMatchObject({
        format,
        dryRun: false,
        complete: true,
        received: expected.length,
        accepted: expected.length,
        duplicates: 0,
        failed: 0,
      });

      const json = await viaJson.post(expected, viaJson.keyOf(agency));
      expect(json.status).toBe(201);
      const ids = expected.map((e) => e.id);
      const fromFormat = await stored(viaFormat, ids);
      expect(fromFormat).toHaveLength(expected.length);
      expect(fromFormat).toEqual(await stored(viaJson, ids));

      const again = await reportOf(await upload(viaFormat, format, fixture(file), viaFormat.keyOf(agency)));
      expect(again).toMatchObject({ accepted: 0, duplicates: expected.length, failed: 0 });
    });
  }
});

describe('bad lines: valid items are stored, each bad one is reported by line with its problems', () => {
  it('NDJSON', async () => {
    const before = await viaFormat.storedHead();
    const report = await reportOf(await upload(viaFormat, 'ndjson', fixture('pnp-bad-lines.ndjson'), viaFormat.keyOf('pnp')));
    expect(report).toMatchObject({ received: 8, valid: 2, accepted: 2, duplicates: 0, failed: 6, complete: true });
    expect(failuresOf(report)).toEqual([
      [2, [expect.stringMatching(/^: not JSON/)]],
      [3, [': each line must be one event (a JSON object); this one is an array']],
      [4, ['position.lat: latitude must be between -18.8 and -17.4', 'position.lon: longitude must be between -71 and -69.4']],
      [5, ['agency: this credential posts for pnp, not carabineros']],
      [6, [': unknown field(s): seq', expect.stringMatching(/^waiting: Too small/)]],
      [8, [expect.stringMatching(/^type: /)]],
    ]);
    expect(await viaFormat.storedHead()).toBe(before + 2);
    expect((await stored(viaFormat, ['pnp-bad-0001', 'pnp-bad-0009'])).length).toBe(2);
  });

  it('CSV, with a dry run first that reports every problem and stores nothing', async () => {
    const before = await viaFormat.storedHead();
    const dry = await reportOf(await upload(viaFormat, 'csv', fixture('pdi-bad-rows.csv'), viaFormat.keyOf('pdi'), '?dryRun=true'));
    expect(await viaFormat.storedHead()).toBe(before);
    expect(dry).toMatchObject({ dryRun: true, complete: false, valid: 2, accepted: 0, failed: 6 });
    expect(failuresOf(dry)).toEqual([
      [3, [': the header has 11 fields; this row has 6']],
      [4, ['waiting: "muchos" is not a number']],
      [5, ['lon: lat and lon go together: give both or neither']],
      [6, ['agency: this credential posts for pdi, not pnp']],
      [7, [expect.stringMatching(/^occurredAt: Invalid ISO datetime/), expect.stringMatching(/^waiting: Too small/)]],
      [10, [expect.stringMatching(/^: unreadable CSV from this line on \(Quote Not Closed/)]],
    ]);

    const real = await reportOf(await upload(viaFormat, 'csv', fixture('pdi-bad-rows.csv'), viaFormat.keyOf('pdi')));
    expect(real).toMatchObject({ dryRun: false, valid: 2, accepted: 2, failed: 6 });
    expect(failuresOf(real)).toEqual(failuresOf(dry));
    expect(await viaFormat.storedHead()).toBe(before + 2);
  });

  it('CoT: only friendly position reports, each bad <event> at the line it starts', async () => {
    const report = await reportOf(await upload(viaFormat, 'cot', fixture('cot-mixed.xml'), viaFormat.keyOf('pnp')));
    expect(report).toMatchObject({ received: 5, accepted: 1, failed: 4 });
    expect(failuresOf(report)).toEqual([
      [7, ['type: "b-t-f" is not a friendly position report (a-f-…); only those are taken']],
      [11, ['point: missing']],
      [14, ['detail/track@course: "norte" is not a number']],
      [18, ['point@lat: latitude must be between -18.8 and -17.4', 'point@lon: longitude must be between -71 and -69.4']],
    ]);
  });

  it('GeoJSON: each bad feature at the line it starts', async () => {
    const report = await reportOf(await upload(viaFormat, 'geojson', fixture('carabineros-bad.geojson'), viaFormat.keyOf('carabineros')));
    expect(report).toMatchObject({ received: 7, accepted: 2, failed: 5 });
    expect(failuresOf(report)).toEqual([
      [6, ['geometry: must be a Point (or null for events without a position)']],
      [
        8,
        [
          'geometry.coordinates[0]: longitude must be between -71 and -69.4',
          'geometry.coordinates[1]: latitude must be between -18.8 and -17.4',
        ],
      ],
      [10, [expect.stringMatching(/^properties: must be an object/)]],
      [11, [expect.stringMatching(/^type: each item of "features" must be a GeoJSON Feature/)]],
      [12, [': unknown field(s): speed']],
    ]);
  });
});

describe('a whole document that cannot be read is refused with its line, and nothing of it is stored', () => {
  const cases: Array<[string, Format, string | Buffer, string, string, RegExp]> = [
    ['a CoT billion-laughs DOCTYPE', 'cot', fixture('cot-billion-laughs.xml'), 'pnp', 'invalid_document', /DOCTYPE/],
    ['a CoT external entity', 'cot', fixture('cot-xxe.xml'), 'pnp', 'invalid_document', /DOCTYPE/],
    ['malformed XML', 'cot', '<event uid="x">\n<point>\n</event>', 'pnp', 'invalid_document', /line 3/],
    ['malformed GeoJSON', 'geojson', '{"type": "FeatureCollection",\n"features": [}', 'carabineros', 'invalid_document', /line 2/],
    ['a CSV header with an unknown column', 'csv', 'id,type,agency,occurredAt,fecha\n', 'pdi', 'invalid_document', /header/],
    ['an empty CSV', 'csv', '', 'pdi', 'invalid_document', /empty/],
  ];
  for (const [name, format, body, agency, code, message] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await viaFormat.storedHead();
      const res = await upload(viaFormat, format, body, viaFormat.keyOf(agency));
      expect(res.status).toBe(400);
      const { error } = errorReplySchema.parse(await res.json());
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(await viaFormat.storedHead()).toBe(before);
    });
  }
});

describe('requests that may not post, before any body is read', () => {
  it('needs a credential, the right media type, an open channel and the right to post there', async () => {
    const ndjson = fixture('pnp-events.ndjson');
    const status = async (res: Response) => [res.status, errorReplySchema.parse(await res.json()).error.code];
    expect(await status(await upload(viaFormat, 'ndjson', ndjson, null))).toEqual([401, 'unauthorized']);
    expect(await status(await upload(viaFormat, 'ndjson', ndjson, viaFormat.keyOf('pnp'), '', 'application/json'))).toEqual([
      415,
      'unsupported_media_type',
    ]);
    expect(await status(await upload(viaFormat, 'ndjson', ndjson, viaFormat.keyOf('pnp'), '?channel=training:x1'))).toEqual([
      404,
      'unknown_channel',
    ]);
    expect(await status(await upload(viaFormat, 'ndjson', ndjson, viaFormat.keyOf('pnp'), '?dryRun=maybe'))).toEqual([
      400,
      'invalid_query',
    ]);
    const trainer = await viaFormat.signIn('trainer');
    expect(await status(await upload(viaFormat, 'ndjson', ndjson, trainer))).toEqual([403, 'forbidden']);
  });

  it('keeps the JSON body limit for one-document formats (CoT, GeoJSON)', async () => {
    const big = `<events>${'<event uid="x"/>'.repeat(80_000)}</events>`; // > 1 MiB
    const res = await upload(viaFormat, 'cot', big, viaFormat.keyOf('pnp'));
    expect(res.status).toBe(413);
  });
});

describe('streamed NDJSON', () => {
  it('takes an upload far over the JSON body limit, line by line, and reports a runaway line without stopping', async () => {
    const count = 8_000; // ≈ 2.8 MB, well over the 1 MiB limit of POST /api/events
    const before = await viaFormat.storedHead();
    const startedAt = Date.now() - 3_600_000;
    async function* body() {
      const encoder = new TextEncoder();
      for (let i = 0; i < count; i++) {
        const event = make.unitPosition({
          id: `stream-${i}`,
          agency: 'pnp',
          unitId: `PNP-S-${i % 40}`,
          occurredAt: new Date(startedAt + i * 100).toISOString(),
          callsign: `Unidad ${i % 40} ${'·'.repeat(200)}`.slice(0, 120),
        });
        yield encoder.encode(`${JSON.stringify(event)}\n`);
        if (i === 3_000) yield encoder.encode(`{"text":"${'x'.repeat(70 * 1024)}"}\n`);
      }
    }
    const report = await reportOf(await upload(viaFormat, 'ndjson', body(), viaFormat.keyOf('pnp'), '?source=pnp-avl'));
    expect(report).toMatchObject({ received: count + 1, accepted: count, failed: 1, complete: true });
    expect(report.failures).toEqual([
      { line: 3_002, problems: [{ field: '', message: expect.stringMatching(/^the line is 716\d\d bytes long/) }] },
    ]);
    expect(await viaFormat.storedHead()).toBe(before + count);
    const [last] = (await stored(viaFormat, [`stream-${count - 1}`])) as Array<{ provenance: unknown }>;
    expect(last.provenance).toEqual({ source: 'pnp-avl', format: 'ndjson', originalId: `stream-${count - 1}` });
  });
});
