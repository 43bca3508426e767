/**
 * CAP 1.2 out and in, against a real server. Every alert Concordia writes is read back with
 * @dec112/cap-ts, a CAP 1.2 library from the npm registry that shares no code with Concordia: its
 * parser refuses a document missing a required element or holding a value outside CAP's lists
 * (status, msgType, scope, category, urgency, severity, certainty). What it does not check (the
 * offset in `sent`, a restriction when Restricted, each info's language) is asserted here.
 * Its `validate()` is not used: it demands a <code> element, which CAP 1.2 makes optional.
 */
import { CAP_1_2 } from '@dec112/cap-ts';
import { AlertBuilder, Category, Certainty, InfoBuilder, MsgType, Scope, Severity, Status, Urgency } from '@dec112/cap-ts/builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../lib/contract/events.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { errorReplySchema, eventsPageSchema } from '../../lib/contract/http.ts';

let server: TestServer;
let coordinatorCl: string;
let coordinatorPe: string;
let trainer: string;
let exercise: string;

beforeAll(async () => {
  server = await startTestServer();
  [coordinatorCl, coordinatorPe, trainer] = await Promise.all([
    server.signIn('coordinator-cl'),
    server.signIn('coordinator-pe'),
    server.signIn('trainer'),
  ]);
  const created = await fetch(`${server.url}/api/training`, {
    method: 'POST',
    headers: { authorization: `Bearer ${trainer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'dec-2025' }),
  });
  exercise = ((await created.json()) as { channel: string }).channel;
  const posts = await Promise.all([
    server.post(
      bulletin({
        id: 'pnp-b-1',
        agency: 'pnp',
        title: 'Paso Santa Rosa: atención normal',
        text: 'Se reanuda la atención a las 14:55.',
        position: { lat: -18.313, lon: -70.314 },
        occurredAt: '2025-12-01T14:55:00-05:00',
      }),
      server.keyOf('pnp'),
    ),
    server.post(
      bulletin({
        id: 'cb-b-1',
        agency: 'carabineros',
        title: 'Refuerzo en Chacalluta',
        text: 'Solo para Chile: turnos dobles <desde> mañana & pasado.',
        releasability: 'national',
        occurredAt: '2025-12-01T16:00:00Z',
      }),
      server.keyOf('carabineros'),
    ),
    server.post(
      bulletin({
        id: 'ex-b-1',
        agency: 'comite-binacional',
        title: 'Ejercicio: comité reunido',
        text: 'Inyección del instructor.',
        occurredAt: '2025-12-01T10:00:00-03:00',
      }),
      trainer,
      { channel: exercise },
    ),
  ]);
  for (const res of posts) expect(res.status, await res.clone().text()).toBe(201);
  server.app.hub.flush();
});
afterAll(async () => {
  await server.close();
});

function bulletin(o: Record<string, unknown>) {
  return { type: 'bulletin', ...o };
}

const get = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** Reads a CAP document with the independent parser and checks what it leaves unchecked. */
async function readCap(xml: string): Promise<CAP_1_2.Alert> {
  expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
  const alert = await CAP_1_2.Alert.fromXML(xml);
  expect(alert.identifier).toMatch(/^[^\s,<&]+$/);
  expect(alert.sender).toMatch(/^[^\s,<&]+$/);
  // CAP dateTime: an offset, never "Z", no fractions of a second.
  expect(alert.sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  const scope = CAP_1_2._to_string_Alert_scope(alert.scope);
  if (scope === 'Restricted') expect(alert.restriction).toBeTruthy();
  else expect(alert.restriction).toBeUndefined();
  expect(alert.info_list.map((i) => i.language)).toEqual(['es', 'en']);
  for (const info of alert.info_list) {
    expect(info.category_list.length).toBeGreaterThan(0);
    expect(info.event).toBeTruthy();
  }
  return alert;
}

const statusOf = (a: CAP_1_2.Alert) => CAP_1_2._to_string_Alert_status(a.status);
const scopeOf = (a: CAP_1_2.Alert) => CAP_1_2._to_string_Alert_scope(a.scope);

describe('CAP 1.2 out', () => {
  it('writes a binational live bulletin as an Actual, Public alert with one info per language', async () => {
    const res = await get('/api/cap/pnp-b-1', coordinatorCl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/cap+xml; charset=utf-8');
    const alert = await readCap(await res.text());
    expect([
      alert.identifier,
      alert.sender,
      alert.sent,
      statusOf(alert),
      CAP_1_2._to_string_Alert_msgType(alert.msgType),
      scopeOf(alert),
    ]).toEqual(['concordia:live:pnp:pnp-b-1', 'pnp@concordia', '2025-12-01T14:55:00-05:00', 'Actual', 'Alert', 'Public']);
    const [es, en] = alert.info_list;
    expect([es.headline, es.description, es.senderName]).toEqual([
      'Paso Santa Rosa: atención normal',
      'Se reanuda la atención a las 14:55.',
      'PNP',
    ]);
    expect(en.headline).toBe(es.headline);
    expect(en.parameter_list.map((p) => [p.valueName, p.value])).toEqual([['originalLanguage', 'es']]);
    expect(es.area_list.map((a) => a.areaDesc)).toEqual(['Arica–Tacna']);
    expect(CAP_1_2._to_string_Alert_info_list_info_urgency(es.urgency)).toBe('Unknown');
  });

  it('writes a national-only bulletin as Restricted with a restriction, for its own country alone', async () => {
    const res = await get('/api/cap/cb-b-1?agency=carabineros', coordinatorCl);
    expect(res.status).toBe(200);
    const alert = await readCap(await res.text());
    expect(scopeOf(alert)).toBe('Restricted');
    expect(alert.restriction).toMatch(/Chile/);
    expect(alert.sent).toBe('2025-12-01T16:00:00+00:00');
    // Escaped on the way out, whole on the way back.
    expect(alert.info_list[0].description).toBe('Solo para Chile: turnos dobles <desde> mañana & pasado.');
    // Peru's reader is not told it exists.
    expect((await get('/api/cap/cb-b-1', coordinatorPe)).status).toBe(404);
  });

  it('marks a bulletin of an exercise channel Exercise', async () => {
    const res = await get(`/api/cap/ex-b-1?channel=${encodeURIComponent(exercise)}`, trainer);
    expect(res.status).toBe(200);
    const alert = await readCap(await res.text());
    expect(statusOf(alert)).toBe('Exercise');
    expect(alert.note).toMatch(/EJERCICIO \/ EXERCISE/);
    // An exercise bulletin is never on the live channel.
    expect((await get('/api/cap/ex-b-1', trainer)).status).toBe(404);
  });

  it('indexes each reader’s bulletins as Atom, and every linked alert reads back', async () => {
    const index = async (token: string, channel = 'live') => {
      const res = await get(`/api/cap?channel=${encodeURIComponent(channel)}`, token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const atom = await res.text();
      expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      return [...atom.matchAll(/href="(\/api\/cap\/[^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
    };
    const chile = await index(coordinatorCl);
    const peru = await index(coordinatorPe);
    // Newest first: 14:55 in Tacna is 19:55 UTC, after Chile's 16:00 UTC.
    expect(chile).toEqual(['/api/cap/pnp-b-1?channel=live&agency=pnp', '/api/cap/cb-b-1?channel=live&agency=carabineros']);
    expect(peru).toEqual(['/api/cap/pnp-b-1?channel=live&agency=pnp']);
    const training = await index(trainer, exercise);
    expect(training).toHaveLength(1);
    for (const [token, links] of [
      [coordinatorCl, chile],
      [coordinatorPe, peru],
      [trainer, training],
    ] as const) {
      for (const link of links) {
        const res = await get(link, token);
        expect(res.status, link).toBe(200);
        await readCap(await res.text());
      }
    }
  });

  it('needs a credential', async () => {
    expect((await fetch(`${server.url}/api/cap/pnp-b-1`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/cap`)).status).toBe(401);
  });
});

/**
 * The OASIS CAP 1.2 specification's first example (Appendix A.1, a Homeland Security Advisory
 * System update), with its values, as another system writes it.
 */
const SPEC_EXAMPLE = `<?xml version = "1.0" encoding = "UTF-8"?>
<alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>43b080713727</identifier>
  <sender>hsas@dhs.gov</sender>
  <sent>2003-04-02T14:39:01-05:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Security</category>
    <event>Homeland Security Advisory System Update</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <senderName>U.S. Government, Department of Homeland Security</senderName>
    <headline>Homeland Security Sets Code ORANGE</headline>
    <description>The Department of Homeland Security has elevated the Homeland Security Advisory System threat level to ORANGE / High in response to intelligence which may indicate a heightened threat of terrorism.</description>
    <instruction> A preliminary Code ORANGE Alert is in effect.</instruction>
    <web>http://www.dhs.gov/dhspublic/display?theme=29</web>
    <parameter>
      <valueName>HSAS</valueName>
      <value>ORANGE</value>
    </parameter>
    <area>
      <areaDesc>U.S. nationwide and interests worldwide</areaDesc>
    </area>
  </info>
</alert>`;

const postCap = (xml: string, credential: string | null, channel = 'live') =>
  fetch(`${server.url}/api/ingest/cap?channel=${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/cap+xml', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    body: xml,
  });

async function storedBulletin(id: string, agency: string): Promise<Omit<StoredEvent, 'channel' | 'seq' | 'receivedAt'> | undefined> {
  server.app.hub.flush();
  const res = await get('/api/events?limit=5000', server.keyOf(agency));
  const { events } = eventsPageSchema.parse(await res.json());
  const found = events.find((e) => e.id === id && e.agency === agency);
  if (!found) return undefined;
  const { channel: _c, seq: _s, receivedAt: _r, ...event } = found;
  return event;
}

describe('CAP 1.2 in', () => {
  it('takes the specification’s example as a bulletin, and gives it back as CAP', async () => {
    const res = await postCap(SPEC_EXAMPLE, server.keyOf('pdi'));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await storedBulletin('cap-43b080713727', 'pdi')).toEqual({
      id: 'cap-43b080713727',
      type: 'bulletin',
      agency: 'pdi',
      occurredAt: '2003-04-02T14:39:01-05:00',
      releasability: 'binational',
      title: 'Homeland Security Sets Code ORANGE',
      text: 'The Department of Homeland Security has elevated the Homeland Security Advisory System threat level to ORANGE / High in response to intelligence which may indicate a heightened threat of terrorism.\n\nA preliminary Code ORANGE Alert is in effect.',
      provenance: { source: 'hsas@dhs.gov', format: 'cap', originalId: '43b080713727' },
    });
    // Sent again (a relay repeating itself): stored once.
    const again = await postCap(SPEC_EXAMPLE, server.keyOf('pdi'));
    expect(await again.json()).toEqual({ accepted: [], duplicates: ['cap-43b080713727'] });

    const back = await readCap(await (await get('/api/cap/cap-43b080713727?agency=pdi', coordinatorCl)).text());
    expect([back.sent, back.info_list[0].headline, scopeOf(back), back.source]).toEqual([
      '2003-04-02T14:39:01-05:00',
      'Homeland Security Sets Code ORANGE',
      'Public',
      'hsas@dhs.gov',
    ]);
  });

  it('takes a Restricted alert written by the cap-ts builder as a national-only bulletin', async () => {
    const info = new InfoBuilder('Control fronterizo', Urgency.expected, Severity.moderate, Certainty.likely, [Category.security]);
    info.language = 'es-PE';
    info.headline = 'Control reforzado en Santa Rosa';
    info.description = 'Revisión documental completa desde las 18:00.';
    const alert = new AlertBuilder(
      'pnp-sys-2025-0042',
      'centro@pnp.gob.pe',
      '2025-12-01T17:30:00-05:00',
      Status.actual,
      MsgType.alert,
      Scope.restricted,
    );
    alert.restriction = 'Solo PNP y Migraciones';
    alert.info_list = [info];
    const res = await postCap(alert.build().toXML(), server.keyOf('pnp'));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await storedBulletin('cap-pnp-sys-2025-0042', 'pnp')).toMatchObject({
      releasability: 'national',
      title: 'Control reforzado en Santa Rosa',
      text: 'Revisión documental completa desde las 18:00.',
      occurredAt: '2025-12-01T17:30:00-05:00',
    });
    expect(await storedBulletin('cap-pnp-sys-2025-0042', 'carabineros')).toBeUndefined();
    expect((await get('/api/cap/cap-pnp-sys-2025-0042', coordinatorCl)).status).toBe(404);
  });

  it('places a bulletin at the centre of an area circle inside the region', async () => {
    const xml = SPEC_EXAMPLE.replace('43b080713727', 'area-1').replace(
      '<areaDesc>U.S. nationwide and interests worldwide</areaDesc>',
      '<areaDesc>Chacalluta</areaDesc><circle>-18.318,-70.316 2.5</circle>',
    );
    expect((await postCap(xml, server.keyOf('pdi'))).status).toBe(201);
    expect(await storedBulletin('cap-area-1', 'pdi')).toMatchObject({ position: { lat: -18.318, lon: -70.316 } });
  });

  it('refuses what a bulletin cannot carry, naming the element, and stores nothing', async () => {
    const refused = async (xml: string, channel = 'live', credential: string | null = server.keyOf('pdi')) => {
      const res = await postCap(xml, credential, channel);
      const body = errorReplySchema.parse(await res.json());
      return [res.status, body.error.code, body.error.message] as const;
    };
    expect(await refused(SPEC_EXAMPLE.replace('<status>Actual</status>', '<status>Exercise</status>'))).toEqual([
      400,
      'invalid_alert',
      'status: an Exercise alert goes to an exercise channel, never to live',
    ]);
    expect((await refused(SPEC_EXAMPLE.replace('<msgType>Alert</msgType>', '<msgType>Cancel</msgType>')))[2]).toMatch(/^msgType: Cancel/);
    expect((await refused(SPEC_EXAMPLE.replace('<scope>Public</scope>', '<scope>Private</scope>')))[2]).toMatch(/^scope: Private/);
    expect((await refused(SPEC_EXAMPLE.replace('<sent>2003-04-02T14:39:01-05:00</sent>', '<sent>2003-04-02T19:39:01Z</sent>')))[2]).toMatch(
      /^sent:/,
    );
    expect((await refused(SPEC_EXAMPLE.replace('<identifier>43b080713727</identifier>', '')))[2]).toBe('identifier: missing');
    expect((await refused(SPEC_EXAMPLE.replace('cap:1.2', 'cap:1.1')))[1]).toBe('invalid_document');
    expect(
      (await refused(`<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x "y">]>${SPEC_EXAMPLE.slice(SPEC_EXAMPLE.indexOf('<alert'))}`))[1],
    ).toBe('invalid_document');
    expect((await refused(SPEC_EXAMPLE, 'live', null))[0]).toBe(401);
    // Actual alerts never enter an exercise, and only trainers post there.
    expect((await refused(SPEC_EXAMPLE, exercise, trainer))[2]).toBe('status: an Actual alert cannot go to an exercise channel');
    const failures = server.audit.query({ action: 'events.post' }).filter((e) => e.detail?.startsWith('cap:') && e.outcome === 'failed');
    expect(failures.length).toBeGreaterThanOrEqual(7);
  });
});
