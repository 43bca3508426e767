/**
 * Traccar Client / OsmAnd over HTTP against a real server. The requests are the samples of
 * Traccar's own decoder test (traccar/traccar, OsmAndProtocolDecoderTest.java: testDecodeQuery and
 * testDecodeJson), with a registered identifier for their device ids and coordinates inside the
 * Arica–Tacna region for theirs; everything else is kept as Traccar sends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../lib/contract/events.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { errorReplySchema, eventsPageSchema, ingestReceiptSchema } from '../../lib/contract/http.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Tacna's outskirts: inside the region. */
const LAT = '-18.0146';
const LON = '-70.2536';

let unitCount = 0;
/** A fresh device for a fresh unit, so every sample stands on its own. */
function register(agency: 'pnp' | 'carabineros' = 'pnp') {
  unitCount += 1;
  return server.devices.add(agency, `TRK-${unitCount}`);
}

function fill(template: string, identifier: string): string {
  return template.replaceAll('{ID}', identifier).replaceAll('{LAT}', LAT).replaceAll('{LON}', LON);
}

async function storedPositions(unitId: string): Promise<Array<Omit<StoredEvent, 'channel' | 'seq' | 'receivedAt'>>> {
  server.app.hub.flush();
  const res = await fetch(`${server.url}/api/events?limit=5000`, { headers: { authorization: `Bearer ${server.keyOf('pnp')}` } });
  const { events } = eventsPageSchema.parse(await res.json());
  return events
    .filter((e) => e.type === 'unit.position' && e.unitId === unitId)
    .map(({ channel: _c, seq: _s, receivedAt: _r, ...event }) => event);
}

/** testDecodeQuery's verifyPosition samples, with the time each should carry (null: the server's clock). */
const QUERY_SAMPLES: Array<{ query: string; occurredAt: string | null; heading?: number }> = [
  {
    query: '/?id={ID}&lat={LAT}&lon={LON}&timestamp=2016-01-27T18%3A55%3A47Z&hdop=6.0&altitude=224.0&speed=0.0',
    occurredAt: '2016-01-27T18:55:47.000Z',
  },
  {
    query: '/?id={ID}&lat={LAT}&lon={LON}&timestamp=1442068686579&hdop=6.0&altitude=224.0&speed=0.0',
    occurredAt: '2015-09-12T14:38:06.579Z',
  },
  {
    query: '/?lat={LAT}&lon={LON}&timestamp=2014-06-04+09%3A10%3A11&altitude=384.7&speed=0.0&id={ID}',
    occurredAt: '2014-06-04T09:10:11.000Z',
  },
  {
    query: '/?id={ID}&timestamp=1377177267&lat={LAT}&lon={LON}&speed=0.0&bearing=0.0&altitude=0&hdop=0.0',
    occurredAt: '2013-08-22T13:14:27.000Z',
    heading: 0,
  },
  { query: '/?id={ID}&timestamp=1377177267&lat={LAT}&lon={LON}', occurredAt: '2013-08-22T13:14:27.000Z' },
  { query: '/?lat={LAT}&lon={LON}&speed=0.0&heading=0.0&vacc=0&hacc=0&altitude=0&deviceid={ID}', occurredAt: null, heading: 0 },
  { query: '/?id={ID}&lat={LAT}&lon={LON}&altitude=350.059479&speed=0.000000&batt=87', occurredAt: null },
  { query: '/?id={ID}&timestamp=1377177267&location={LAT},{LON}', occurredAt: '2013-08-22T13:14:27.000Z' },
  {
    query: '/?id={ID}&timestamp=1504763810&lat={LAT}&lon={LON}&bearing=7.19889788244&speed=40&ignition=true&rpm=933&fuel=24',
    occurredAt: '2017-09-07T05:56:50.000Z',
    heading: 7.19889788244,
  },
];

/** testDecodeJson's samples (current Traccar Client versions post JSON). */
const JSON_SAMPLES: Array<{ body: string; occurredAt: string; heading?: number }> = [
  {
    body: '{"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":{LAT},"longitude":{LON},"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},"activity":{"type":"still"},"extras":{},"_":"&id={ID}&lat={LAT}&lon={LON}&timestamp=2025-06-15T13:45:12.862Z&"},"device_id":"{ID}"}',
    occurredAt: '2025-06-15T13:45:12.862Z',
  },
  {
    body: '{"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":{LAT},"longitude":{LON},"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},"activity":{"type":"still"},"extras":{"device_string_test":"long_device_id","device_bool_test":true,"device_bool_false_test":false,"device_integer_test":1,"device_double_test":1.345,"device_very_long_double_test":1763636.3442},"_":"&id={ID}&lat={LAT}&lon={LON}&timestamp=2025-06-15T13:45:12.862Z&"},"device_id":"{ID}"}',
    occurredAt: '2025-06-15T13:45:12.862Z',
  },
  {
    body: '{"location":{"extras":{},"mock":true,"coords":{"speed_accuracy":-1,"speed":-1,"longitude":{LON},"ellipsoidal_altitude":0,"floor":null,"heading_accuracy":-1,"latitude":{LAT},"accuracy":5,"altitude_accuracy":-1,"altitude":0,"heading":-1},"is_moving":false,"age":188,"odometer":0,"uuid":"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8","event":"motionchange","battery":{"level":-1,"is_charging":false},"activity":{"type":"unknown","confidence":100},"timestamp":"2025-05-09T04:11:30.579Z"},"device_id":"{ID}"}',
    occurredAt: '2025-05-09T04:11:30.579Z',
  },
  {
    body: '{"location":{"event":"motionchange","is_moving":false,"uuid":"0e9a2473-a9a7-4c00-997b-fb97d2154e75","timestamp":"2021-07-21T08:06:34.444Z","odometer":0,"coords":{"latitude":{LAT},"longitude":{LON},"accuracy":3.8,"speed":18.67,"speed_accuracy":0.26,"heading":63,"heading_accuracy":0.28,"altitude":35.7,"altitude_accuracy":3.8},"activity":{"type":"still","confidence":100},"battery":{"is_charging":false,"level":0.79},"extras":{}},"device_id":"{ID}"}',
    occurredAt: '2021-07-21T08:06:34.444Z',
    heading: 63,
  },
];

function expected(device: { deviceId: string; unitId: string }, occurredAt: string, heading?: number) {
  return {
    id: `osmand-${device.deviceId}-${Date.parse(occurredAt)}`,
    type: 'unit.position',
    agency: 'pnp',
    occurredAt,
    unitId: device.unitId,
    position: { lat: Number(LAT), lon: Number(LON) },
    releasability: 'binational',
    provenance: { source: 'traccar-client', format: 'osmand', originalId: device.deviceId },
    ...(heading === undefined ? {} : { heading }),
  };
}

describe('OsmAnd ingest replaying Traccar decoder samples', () => {
  it.each(QUERY_SAMPLES.map((s, i) => [i + 1, s] as const))('query sample %i becomes the unit.position', async (_n, sample) => {
    const device = await register();
    const before = Date.now();
    const res = await fetch(`${server.url}/api/ingest/osmand${fill(sample.query, device.identifier).slice(1)}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(ingestReceiptSchema.parse(await res.json()).accepted).toHaveLength(1);
    const [stored] = await storedPositions(device.unitId);
    if (sample.occurredAt === null) {
      // No timestamp in the request: the fix is dated when it arrived.
      const at = Date.parse(stored.occurredAt);
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(Date.now());
      expect(stored).toEqual(expected(device, stored.occurredAt, sample.heading));
    } else {
      expect(stored).toEqual(expected(device, sample.occurredAt, sample.heading));
    }
  });

  it.each(JSON_SAMPLES.map((s, i) => [i + 1, s] as const))('JSON sample %i becomes the unit.position', async (_n, sample) => {
    const device = await register();
    const res = await fetch(`${server.url}/api/ingest/osmand`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fill(sample.body, device.identifier),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await storedPositions(device.unitId)).toEqual([expected(device, sample.occurredAt, sample.heading)]);
  });

  it('refuses the sample without an identifier, and the one with cells and Wi-Fi but no coordinates', async () => {
    const anonymous = await fetch(`${server.url}/api/ingest/osmand?timestamp=1377177267&lat=${LAT}&lon=${LON}`);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'missing_identifier' } });

    // Traccar resolves cell towers and Wi-Fi through an online service; Concordia works offline.
    const device = await register();
    const cells = await fetch(
      `${server.url}/api/ingest/osmand?id=${device.identifier}&timestamp=1377177267&cell=257,02,16,2224&cell=257,02,16,2223,-90&wifi=00-14-22-01-23-45,-80&wifi=00-1C-B3-09-85-15,-70`,
    );
    expect(cells.status).toBe(400);
    expect(await cells.json()).toMatchObject({
      error: {
        code: 'invalid_position',
        problems: [
          { field: 'lat', message: 'missing' },
          { field: 'lon', message: 'missing' },
        ],
      },
    });
    expect(await storedPositions(device.unitId)).toEqual([]);
  });
});

describe('OsmAnd ingest rules', () => {
  it('takes a form body and a POST with the query string only, as older app versions send', async () => {
    const device = await register('carabineros');
    const form = await fetch(`${server.url}/api/ingest/osmand`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `id=${device.identifier}&timestamp=1764590100&lat=-18.4783&lon=-70.3126&bearing=90`,
    });
    expect(form.status, await form.clone().text()).toBe(200);
    const query = await fetch(`${server.url}/api/ingest/osmand?id=${device.identifier}&timestamp=1764590160&lat=-18.47&lon=-70.31`, {
      method: 'POST',
    });
    expect(query.status, await query.clone().text()).toBe(200);
    const stored = await storedPositions(device.unitId);
    expect(stored.map((e) => [e.agency, e.occurredAt, e.type === 'unit.position' && e.heading])).toEqual([
      ['carabineros', '2025-12-01T11:55:00.000Z', 90],
      ['carabineros', '2025-12-01T11:56:00.000Z', undefined],
    ]);
  });

  it('stores a repeated fix once: the app retries until it hears 200', async () => {
    const device = await register();
    const url = `${server.url}/api/ingest/osmand?id=${device.identifier}&timestamp=1764590100&lat=${LAT}&lon=${LON}`;
    const first = ingestReceiptSchema.parse(await (await fetch(url)).json());
    const again = await fetch(url);
    expect(again.status).toBe(200);
    const second = ingestReceiptSchema.parse(await again.json());
    expect(first.accepted).toHaveLength(1);
    expect(second).toEqual({ accepted: [], duplicates: [`osmand-${device.deviceId}-1764590100000`] });
    expect(await storedPositions(device.unitId)).toHaveLength(1);
  });

  it('refuses a position outside the region with the reason, storing nothing', async () => {
    const device = await register();
    // Traccar's own sample coordinates (Saint Petersburg).
    const res = await fetch(`${server.url}/api/ingest/osmand?id=${device.identifier}&timestamp=1377177267&lat=60.0&lon=30.0`);
    expect(res.status).toBe(400);
    const body = errorReplySchema.parse(await res.json());
    expect(body.error.code).toBe('invalid_position');
    expect(body.error.problems).toEqual([
      { field: 'lat', message: 'latitude must be between -18.8 and -17.4' },
      { field: 'lon', message: 'longitude must be between -71 and -69.4' },
    ]);
    expect(await storedPositions(device.unitId)).toEqual([]);
    const trail = server.audit.query({ action: 'events.post' }).filter((e) => e.actor === `device:${device.deviceId}`);
    expect(trail).toMatchObject([{ outcome: 'failed', agency: 'pnp' }]);
  });

  it('answers an unknown identifier with 400 and audits it without the identifier', async () => {
    const guess = 'abcdefghjkmnpqrstuvwxyz234';
    const res = await fetch(`${server.url}/api/ingest/osmand?id=${guess}&timestamp=1377177267&lat=${LAT}&lon=${LON}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_device' } });
    const [entry] = server.audit
      .query({ action: 'events.post' })
      .filter((e) => e.actor === 'device:unknown')
      .slice(-1);
    expect(entry).toMatchObject({ outcome: 'denied', target: 'live' });
    expect(entry.detail).not.toContain(guess);
  });

  it('refuses a disabled device and a malformed timestamp', async () => {
    const device = await register();
    const bad = await fetch(`${server.url}/api/ingest/osmand?id=${device.identifier}&timestamp=yesterday&lat=${LAT}&lon=${LON}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { problems: [{ field: 'timestamp' }] } });
    await server.devices.disable(device.deviceId);
    const res = await fetch(`${server.url}/api/ingest/osmand?id=${device.identifier}&timestamp=1377177267&lat=${LAT}&lon=${LON}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_device' } });
  });
});
