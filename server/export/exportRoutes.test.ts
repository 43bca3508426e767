import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../lib/contract/events.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { CSV_COLUMNS } from '../ingest/formats/csvColumns.ts';
import { errorReplySchema } from '../../lib/contract/http.ts';

let server: TestServer;
const at = (minute: number) => `2025-12-14T12:${String(minute).padStart(2, '0')}:00-03:00`;

const events: EventInput[] = [
  make.unitPosition({ id: 'cb-early', agency: 'carabineros', unitId: 'M-1', occurredAt: at(0) }),
  make.unitPosition({ id: 'cb-national', agency: 'carabineros', unitId: 'OS7', occurredAt: at(10), releasability: 'national' }),
  make.queueUpdate({ id: 'pdi-q', agency: 'pdi', occurredAt: at(20), provenance: { source: 'pdi-control', synthetic: true } }),
  make.incident({ id: 'pnp-national', agency: 'pnp', incidentId: 'PNP-N-1', occurredAt: at(30), releasability: 'national' }),
  make.incident({ id: 'pnp-inc', agency: 'pnp', incidentId: 'PNP-2', occurredAt: at(40), text: 'Texto con "comillas", comas\ny salto' }),
  make.unitPosition({ id: 'cb-late', agency: 'carabineros', unitId: 'M-1', occurredAt: at(50) }),
];

beforeAll(async () => {
  server = await startTestServer();
  for (const event of events) expect((await server.post(event, server.keyOf(event.agency))).status).toBe(201);
  server.app.hub.flush(); // exports read what has been published
});
afterAll(() => server.close());

async function exportAs(agency: string, query = ''): Promise<Response> {
  return fetch(`${server.url}/api/export${query}`, { headers: { authorization: `Bearer ${server.keyOf(agency)}` } });
}

/** The ids in an export, whatever its format. */
async function idsIn(res: Response, format: 'ndjson' | 'csv' | 'geojson'): Promise<string[]> {
  expect(res.status).toBe(200);
  const text = await res.text();
  if (format === 'ndjson')
    return text
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).id);
  if (format === 'geojson') return (JSON.parse(text) as { features: Array<{ id: string }> }).features.map((f) => f.id);
  return text
    .trim()
    .split('\n')
    .slice(1)
    .filter((l) => /^[a-z]+-[a-z-]+,/.test(l)) // rows start with an id; continuation lines of quoted text do not
    .map((l) => l.split(',')[0]);
}

describe('GET /api/export', () => {
  for (const format of ['ndjson', 'csv', 'geojson'] as const) {
    it(`${format}: a Peruvian reader never gets a Chilean national event, nor a Chilean reader a Peruvian one`, async () => {
      expect(await idsIn(await exportAs('pnp', `?format=${format}`), format)).toEqual([
        'cb-early',
        'pdi-q',
        'pnp-national',
        'pnp-inc',
        'cb-late',
      ]);
      expect(await idsIn(await exportAs('carabineros', `?format=${format}`), format)).toEqual([
        'cb-early',
        'cb-national',
        'pdi-q',
        'pnp-inc',
        'cb-late',
      ]);
      expect(await idsIn(await exportAs('comite-binacional', `?format=${format}`), format)).toEqual([
        'cb-early',
        'pdi-q',
        'pnp-inc',
        'cb-late',
      ]);
    });
  }

  it('takes a time range by occurredAt (from inclusive, to exclusive) and a seq range', async () => {
    expect(
      await idsIn(await exportAs('carabineros', `?from=${encodeURIComponent(at(10))}&to=${encodeURIComponent(at(40))}`), 'ndjson'),
    ).toEqual(['cb-national', 'pdi-q']);
    // The same instant written in Peru's offset.
    expect(await idsIn(await exportAs('pnp', `?from=${encodeURIComponent('2025-12-14T10:30:00-05:00')}`), 'ndjson')).toEqual([
      'pnp-national',
      'pnp-inc',
      'cb-late',
    ]);
    expect(await idsIn(await exportAs('pnp', '?after=1&through=3'), 'ndjson')).toEqual(['pdi-q']);
  });

  it('writes events as they were sent, so the export can be imported again', async () => {
    const res = await exportAs('pnp', '?format=ndjson');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="concordia-live-start-now.ndjson"');
    expect(res.headers.get('x-concordia-through')).toBe('6');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ releasability: 'binational', ...events[0] });
    for (const line of lines) expect(Object.keys(line)).not.toEqual(expect.arrayContaining(['seq']));
  });

  it('CSV has the import columns; GeoJSON has Points in [lon, lat] order and null for events without a position', async () => {
    const csv = await (await exportAs('pnp', '?format=csv')).text();
    expect(csv.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv).toContain('"Texto con ""comillas"", comas\ny salto"');
    expect(csv).toContain('pdi-control,,true'); // source, originalId (none), synthetic

    const geo = JSON.parse(await (await exportAs('pnp', '?format=geojson')).text()) as {
      type: string;
      features: Array<{ id: string; geometry: { coordinates: number[] } | null; properties: Record<string, unknown> }>;
    };
    expect(geo.type).toBe('FeatureCollection');
    const first = geo.features[0];
    expect(first.geometry).toEqual({ type: 'Point', coordinates: [-70.33, -18.33] });
    expect(first.properties).not.toHaveProperty('position');
    expect(geo.features.find((f) => f.id === 'pdi-q')?.geometry).toBeNull();
  });

  const refusals: Array<[string, string, number, string]> = [
    ['an unknown format', '?format=xlsx', 400, 'invalid_query'],
    ['a time without an offset', '?from=2025-12-14T12:00:00', 400, 'invalid_query'],
    ['from after to', `?from=${encodeURIComponent(at(30))}&to=${encodeURIComponent(at(10))}`, 400, 'invalid_query'],
    ['an unknown parameter', '?agency=pnp', 400, 'invalid_query'],
    ['a channel that is not open', '?channel=training:none', 404, 'unknown_channel'],
  ];
  for (const [name, query, status, code] of refusals) {
    it(`refuses ${name}`, async () => {
      const res = await exportAs('pnp', query);
      expect(res.status).toBe(status);
      expect(errorReplySchema.parse(await res.json()).error.code).toBe(code);
    });
  }

  it('needs a credential', async () => {
    expect((await fetch(`${server.url}/api/export`)).status).toBe(401);
  });
});
