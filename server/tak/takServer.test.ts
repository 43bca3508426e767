import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import TAK from '@tak-ps/node-tak';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../cli/admin.ts';
import { TakCertificates } from '../auth/takCertificates.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { TakServer } from './takServer.ts';

let server: TestServer;
let tak: TakServer;
let certificates: TakCertificates;
let dir: string;
let db: ReturnType<typeof openDatabase>;
const clients: TAK[] = [];
/** What the TAK server logged, one parsed line each. */
const logged: { msg: string; serial?: string; reason?: string }[] = [];
const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
const handshakeRefusals = () => logged.filter((l) => l.msg === 'tak handshake refused').length;

interface Credential {
  serial: string;
  cert: string;
  key: string;
  ca: string;
}

/** Issues a certificate exactly as `npm run admin -- tak cert` does. */
async function issue(agency: string, unit: string): Promise<Credential> {
  const lines: string[] = [];
  const out = path.join(dir, `${agency}-${unit}`);
  await runAdmin(
    ['tak', 'cert', '--agency', agency, '--unit', unit, '--out', out],
    server.accounts,
    (l) => lines.push(l),
    undefined,
    'test',
    undefined,
    {
      certificates,
      host: '127.0.0.1',
      port: tak.port,
    },
  );
  const serial = /certificate (\S+)/.exec(lines[0])![1];
  const name = `concordia-${agency}-${unit}`;
  return {
    serial,
    cert: readFileSync(path.join(out, `${name}.cert.pem`), 'utf8'),
    key: readFileSync(path.join(out, `${name}.key.pem`), 'utf8'),
    ca: readFileSync(path.join(out, 'concordia-ca.pem'), 'utf8'),
  };
}

/** A real TAK client (@tak-ps/node-tak) that records the uids of the CoT it receives. */
async function connect(credential: Credential): Promise<{ client: TAK; uids: string[]; ended: Promise<void> }> {
  const client = await TAK.connect(`test-${credential.serial}`, new URL(`ssl://127.0.0.1:${tak.port}`), {
    cert: credential.cert,
    key: credential.key,
  });
  clients.push(client);
  const uids: string[] = [];
  client.on('cot', (cot: { raw: { event: { _attributes: { uid: string } } } }) => uids.push(cot.raw.event._attributes.uid));
  client.on('error', () => {});
  const ended = new Promise<void>((resolve) => client.client!.once('close', () => resolve()));
  await new Promise<void>((resolve) => client.once('secureConnect', () => resolve()));
  // The server has taken the connection once it offers its protocol versions.
  await until(() => client.version !== undefined);
  return { client, uids, ended };
}

async function until(condition: () => boolean | Promise<boolean>, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pli(uid: string, lat = -18.3, lon = -70.3): string {
  const now = new Date().toISOString();
  const stale = new Date(Date.now() + 60_000).toISOString();
  return `<event version="2.0" uid="${uid}" type="a-f-G-U-C" how="m-g" time="${now}" start="${now}" stale="${stale}"><point lat="${lat}" lon="${lon}" hae="0" ce="10" le="10"/><detail><contact callsign="Patrulla 7"/><track course="90" speed="1"/></detail></event>`;
}

let incidents = 0;
async function postIncident(agency: string, releasability: 'binational' | 'national' = 'binational'): Promise<string> {
  const incidentId = `INC-${agency}-${++incidents}`;
  const res = await server.post(
    {
      id: `ev-${incidentId}`,
      type: 'incident',
      agency,
      occurredAt: new Date().toISOString(),
      releasability,
      incidentId,
      kind: 'stranded-group',
      severity: 'medium',
      text: 'Grupo detenido en la línea',
      people: 12,
      position: { lat: -18.32, lon: -70.31 },
    },
    server.keyOf(agency),
  );
  expect(res.status).toBe(201);
  return `concordia.incident.${incidentId}`;
}

/** A raw TLS connection: resolves with whether the server sent anything before the connection ended. */
function rawAttempt(options: tls.ConnectionOptions): Promise<{ received: string; error?: string }> {
  return new Promise((resolve) => {
    let received = '';
    let error: string | undefined;
    const socket = tls.connect({ host: '127.0.0.1', port: tak.port, rejectUnauthorized: false, ...options });
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', (e) => (error = e.message));
    socket.on('close', () => resolve({ received, error }));
  });
}

/** A raw TLS connection with a valid certificate that sends `payload` once the server has spoken. */
function sendRaw(credential: Credential, payload: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: tak.port,
      rejectUnauthorized: false,
      cert: credential.cert,
      key: credential.key,
    });
    socket.once('data', () => socket.write(payload));
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(path.join(tmpdir(), 'concordia-tak-'));
  db = openDatabase({ dataDir: dir, sync: 'NORMAL' });
  certificates = new TakCertificates(db, dir);
  tak = await TakServer.start({
    certificates,
    hub: server.app.hub,
    ingest: server.app.ingest,
    log,
    host: '127.0.0.1',
    port: 0,
    pollMs: 100,
  });
}, 30_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await tak?.close();
  await server?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TAK streaming endpoint', () => {
  it("takes a client's position report as its agency's unit, in the picture within a second", async () => {
    const { client } = await connect(await issue('pnp', 'PNP-7'));
    client.write_xml(pli('ANDROID-0123456789'));
    await until(() => server.app.hub.snapshot('live', 'PE').picture.units['pnp/PNP-7'] !== undefined, 1_000);
    const res = await fetch(`${server.url}/api/state`, { headers: { authorization: `Bearer ${server.keyOf('pnp')}` } });
    const body = JSON.stringify(await res.json());
    expect(body).toContain('PNP-7');
    expect(server.app.hub.snapshot('live', 'PE').picture.units['pnp/PNP-7']).toMatchObject({
      agency: 'pnp',
      callsign: 'Patrulla 7',
      heading: 90,
      position: { lat: -18.3, lon: -70.3 },
    });
  });

  it('refuses a position outside the region: nothing stored', async () => {
    const { client } = await connect(await issue('pnp', 'PNP-8'));
    const before = await server.storedHead();
    client.write_xml(pli('ANDROID-far', 40.4, -3.7));
    client.write_xml(pli('ANDROID-near'));
    await until(() => server.app.hub.snapshot('live', 'PE').picture.units['pnp/PNP-8'] !== undefined);
    expect(await server.storedHead()).toBe(before + 1);
    expect(server.app.hub.snapshot('live', 'PE').picture.units['pnp/PNP-8'].position).toEqual({ lat: -18.3, lon: -70.3 });
  });

  it('refuses a dropped marker with a logged reason and keeps the connection', async () => {
    const credential = await issue('pnp', 'PNP-15');
    const { client } = await connect(credential);
    const before = await server.storedHead();
    const now = new Date().toISOString();
    client.write_xml(
      `<event version="2.0" uid="marker-1" type="b-m-p-s-m" how="h-g-i-g-o" time="${now}" start="${now}" stale="${now}"><point lat="-18.3" lon="-70.3" hae="0" ce="1" le="1"/><detail><contact callsign="Punto"/></detail></event>`,
    );
    client.write_xml(pli('ANDROID-15'));
    await until(() => server.app.hub.snapshot('live', 'PE').picture.units['pnp/PNP-15'] !== undefined);
    expect(await server.storedHead()).toBe(before + 1);
    expect(logged).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^tak event refused/), serial: credential.serial }));
  });

  it('sends an incident posted over HTTP to the client as CoT', async () => {
    const { uids } = await connect(await issue('carabineros', 'M-1'));
    const uid = await postIncident('pdi');
    await until(() => uids.includes(uid));
  });

  it('never sends a Chilean national-only item to a PNP client; a Carabineros client gets it', async () => {
    const peru = await connect(await issue('pnp', 'PNP-9'));
    const chile = await connect(await issue('carabineros', 'M-2'));
    const national = await postIncident('carabineros', 'national');
    const later = await postIncident('carabineros', 'binational');
    await until(() => chile.uids.includes(national) && chile.uids.includes(later) && peru.uids.includes(later));
    expect(peru.uids).not.toContain(national);
    // Nor in the snapshot a new PNP client starts from.
    const fresh = await connect(await issue('pnp', 'PNP-10'));
    await until(() => fresh.uids.includes(later));
    expect(fresh.uids).not.toContain(national);
  });

  it('closes the open connection of a revoked certificate and refuses it at the handshake', async () => {
    const credential = await issue('pdi', 'PDI-3');
    const open = await connect(credential);
    await runAdmin(['tak', 'revoke', '--serial', credential.serial], server.accounts, () => {}, undefined, 'test', undefined, {
      certificates,
      host: '127.0.0.1',
      port: tak.port,
    });
    await open.ended;
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'tak connection closed', serial: credential.serial, reason: 'certificate revoked' }),
    );
    // The CRL now refuses it in the TLS handshake: the connection handler never sees it.
    const refusedBefore = handshakeRefusals();
    const attempt = await rawAttempt({ cert: credential.cert, key: credential.key });
    expect(attempt.received).toBe('');
    expect(handshakeRefusals()).toBe(refusedBefore + 1);
    expect(logged.filter((l) => l.msg.startsWith('tak connection refused') && l.serial === credential.serial)).toEqual([]);
  });

  it('refuses a client without a certificate, or with one from another CA, at the handshake', async () => {
    const refusedBefore = handshakeRefusals();
    expect((await rawAttempt({})).received).toBe('');
    const otherDir = mkdtempSync(path.join(tmpdir(), 'concordia-tak-other-'));
    const otherDb = openDatabase({ dataDir: ':memory:' });
    const stranger = await new TakCertificates(otherDb, otherDir).issue({ agency: 'pnp', unit: 'PNP-7' });
    expect((await rawAttempt({ cert: stranger.certPem, key: stranger.keyPem })).received).toBe('');
    otherDb.close();
    rmSync(otherDir, { recursive: true, force: true });
    expect(handshakeRefusals()).toBe(refusedBefore + 2);
  });

  it('closes connections sending malformed, oversized or entity-laden XML; nothing stored, others still served', async () => {
    const credential = await issue('pnp', 'PNP-11');
    const bystander = await connect(await issue('pnp', 'PNP-12'));
    const before = await server.storedHead();
    await sendRaw(credential, '<event version="2.0" uid="x" type="a-f-G"><point lat="-18.3" lon="-70.3"></event>');
    await sendRaw(
      credential,
      `<event version="2.0" uid="big" type="a-f-G"><detail><remarks>${'x'.repeat(70 * 1024)}</remarks></detail></event>`,
    );
    await sendRaw(
      credential,
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><event uid="&lol2;" type="a-f-G"></event>',
    );
    await sendRaw(credential, 'GET / HTTP/1.1\r\n\r\n');
    expect(await server.storedHead()).toBe(before);
    const uid = await postIncident('pnp');
    await until(() => bystander.uids.includes(uid));
    bystander.client.write_xml(pli('ANDROID-12'));
    await until(() => server.app.hub.snapshot('live', 'PE').picture.units['pnp/PNP-12'] !== undefined);
  });

  it('answers a request for protobuf (version 1) by declining: XML only', async () => {
    const credential = await issue('pnp', 'PNP-13');
    const reply = await new Promise<string>((resolve) => {
      let received = '';
      const socket = tls.connect({
        host: '127.0.0.1',
        port: tak.port,
        rejectUnauthorized: false,
        cert: credential.cert,
        key: credential.key,
      });
      socket.setEncoding('utf8');
      socket.once('data', () =>
        socket.write(
          '<event version="2.0" uid="q" type="t-x-takp-q" how="m-g" time="2026-01-01T00:00:00Z" start="2026-01-01T00:00:00Z" stale="2026-01-01T00:01:00Z"><point lat="0" lon="0" hae="0" ce="1" le="1"/><detail><TakControl><TakRequest version="1"/></TakControl></detail></event>',
        ),
      );
      socket.on('data', (d: string) => {
        received += d;
        if (received.includes('t-x-takp-r')) {
          socket.destroy();
          resolve(received);
        }
      });
    });
    expect(reply).toContain('<TakProtocolSupport version="0"/>');
    expect(reply).toMatch(/t-x-takp-r[\s\S]*TakResponse status="false"/);
  });

  it('closes a connection that stays silent past the idle timeout', async () => {
    const quiet = await TakServer.start({
      certificates,
      hub: server.app.hub,
      ingest: server.app.ingest,
      log,
      host: '127.0.0.1',
      port: 0,
      idleMs: 300,
    });
    try {
      const credential = await issue('pnp', 'PNP-14');
      await new Promise<void>((resolve) => {
        const socket = tls.connect({
          host: '127.0.0.1',
          port: quiet.port,
          rejectUnauthorized: false,
          cert: credential.cert,
          key: credential.key,
        });
        socket.resume(); // reads what the server sends, as a client does, and then says nothing
        socket.on('error', () => {});
        socket.on('close', () => resolve());
      });
      expect(logged).toContainEqual(
        expect.objectContaining({ msg: 'tak connection closed', serial: credential.serial, reason: 'idle timeout' }),
      );
    } finally {
      await quiet.close();
    }
  });
});
