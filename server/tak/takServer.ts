/**
 * The TAK streaming endpoint (docs/ingest.md, "TAK (ATAK, iTAK, WinTAK)"): a TLS listener that
 * speaks TAK's streaming protocol, version 0 (CoT XML). Only clients with a certificate from
 * Concordia's CA (server/auth/takCertificates.ts) get through the handshake; the CRL in the secure
 * context refuses revoked ones there, and the registry is polled so a revoke from the admin CLI
 * also closes a revoked certificate's open connections.
 *
 * In: friendly position reports (a-f-…) become `unit.position` of the certificate's agency and
 * unit, through the one ingest path (the CoT mapping of server/ingest/formats/cot.ts). Pings are
 * answered. Other CoT (markers, chat) is refused with a logged reason.
 * Out: the picture the agency's country may see on the certificate's channel, as CoT: a snapshot
 * on connect, then what the hub broadcasts.
 *
 * Protocol negotiation: the server offers only version 0 (`t-x-takp-v`); a request for another
 * version (`t-x-takp-q`, e.g. protobuf) is answered `t-x-takp-r` status="false" and the client stays
 * on XML. Malformed, oversized and DOCTYPE/entity-laden XML closes the connection.
 */
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Logger } from 'pino';
import { scopeOf, type ReaderScope } from '../../lib/contract/releasability.ts';
import { unitKey, type Picture } from '../../lib/projection/picture.ts';
import type { StoredEvent } from '../../lib/contract/events.ts';
import {
  identityOfSubject,
  normaliseSerial,
  type TakCertificateRecord,
  type TakCertificates,
  type TakIdentity,
} from '../auth/takCertificates.ts';
import type { Principal } from '../auth/roles.ts';
import { normaliseCot } from '../ingest/formats/cot.ts';
import { FormatError } from '../ingest/formats/normalised.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import { incidentCot, pictureCot, postCot, unitCot } from './cotOut.ts';
import { CotFramer, FramingError, MAX_EVENT_BYTES } from './framing.ts';

export const DEFAULT_TAK_IDLE_MS = 5 * 60_000;
export const REGISTRY_POLL_MS = 1_000;
/** A client that does not finish the TLS handshake in this time is dropped. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Bytes waiting to be written to a slow client before it is dropped. */
const MAX_WRITE_BACKLOG = 4 * 1024 * 1024;

export interface TakServerOptions {
  certificates: TakCertificates;
  hub: ChannelHub;
  ingest: Ingest;
  log: Logger;
  host: string;
  port: number;
  idleMs?: number;
  pollMs?: number;
  maxEventBytes?: number;
}

interface Connection {
  socket: tls.TLSSocket;
  serial: string;
  identity: TakIdentity;
  scope: ReaderScope;
  /** Stops handling input once closing (a queued ingest must not land after a protocol error). */
  closed: boolean;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
});

export class TakServer {
  private readonly server: tls.Server;
  private readonly connections = new Set<Connection>();
  private revoked = '';
  private pollTimer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  private polling = false;

  private constructor(
    private readonly options: TakServerOptions,
    context: { key: string; cert: string; ca: string; crl: string },
  ) {
    this.server = tls.createServer(
      { ...context, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2', handshakeTimeout: HANDSHAKE_TIMEOUT_MS },
      (socket) => this.accept(socket),
    );
    this.server.on('tlsClientError', (error, socket) => {
      options.log.warn({ err: error.message, remote: socket.remoteAddress }, 'tak handshake refused');
    });
  }

  static async start(options: TakServerOptions): Promise<TakServer> {
    const credentials = await options.certificates.serverCredentials(options.host);
    const revoked = await options.certificates.revokedSerials();
    const crl = await options.certificates.crlPem();
    const server = new TakServer(options, { key: credentials.keyPem, cert: credentials.certPem, ca: credentials.caPem, crl });
    server.revoked = revoked.join(',');
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(options.port, options.host, () => resolve());
    });
    server.stopListening = options.hub.listen({
      batch: (scope, batch) => server.broadcast(scope, batch.channel, batch.events),
      heartbeat: () => {},
      reset: (scope, snapshot) => server.sendPicture(scope, snapshot.channel, snapshot.picture),
    });
    server.pollTimer = setInterval(() => void server.poll(), options.pollMs ?? REGISTRY_POLL_MS);
    server.pollTimer.unref();
    options.log.info({ port: server.port, host: options.host }, 'tak listening');
    return server;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.stopListening?.();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.socket.destroy();
    await closed;
  }

  /** Reads the registry: a change in the revoked set rebuilds the CRL and closes revoked connections. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const revoked = await this.options.certificates.revokedSerials();
      const key = revoked.join(',');
      if (key === this.revoked) return;
      const credentials = await this.options.certificates.serverCredentials(this.options.host);
      const crl = await this.options.certificates.crlPem();
      this.server.setSecureContext({ key: credentials.keyPem, cert: credentials.certPem, ca: credentials.caPem, crl });
      this.revoked = key;
      const set = new Set(revoked);
      for (const connection of this.connections) {
        if (set.has(connection.serial)) this.drop(connection, 'certificate revoked');
      }
    } catch (error) {
      this.options.log.error({ err: error }, 'tak: reading the certificate registry failed');
    } finally {
      this.polling = false;
    }
  }

  /** Looks the certificate up in the registry (the socket stays paused meanwhile), then admits or refuses it. */
  private accept(socket: tls.TLSSocket): void {
    const peer = socket.getPeerCertificate();
    const serial = peer?.serialNumber ? normaliseSerial(peer.serialNumber) : '';
    socket.on('error', (error) => this.options.log.debug({ err: error.message, serial }, 'tak socket error'));
    const lookup = serial ? this.options.certificates.find(serial) : Promise.resolve(null);
    lookup.then(
      (record) => this.admit(socket, serial, record),
      (error: unknown) => {
        this.options.log.error({ err: error, serial }, 'tak: reading the certificate registry failed; connection refused');
        socket.destroy();
      },
    );
  }

  private admit(socket: tls.TLSSocket, serial: string, record: TakCertificateRecord | null): void {
    const { log } = this.options;
    if (socket.destroyed) return;
    const peer = socket.getPeerCertificate();
    const identity = peer?.subject ? identityOfSubject(peer.subject) : null;
    if (!identity || !record || record.revokedAt || record.agency !== identity.agency || record.unit !== identity.unit) {
      log.warn({ serial, remote: socket.remoteAddress }, 'tak connection refused: certificate unknown or revoked');
      socket.destroy();
      return;
    }
    if (!this.options.hub.has(identity.channel)) {
      log.warn({ serial, channel: identity.channel }, 'tak connection refused: the certificate channel is not open');
      socket.destroy();
      return;
    }
    const connection: Connection = { socket, serial, identity, scope: scopeOf(identity.agency), closed: false };
    this.connections.add(connection);
    log.info({ serial, agency: identity.agency, unit: identity.unit, channel: identity.channel }, 'tak client connected');
    socket.setEncoding('utf8');
    socket.setTimeout(this.options.idleMs ?? DEFAULT_TAK_IDLE_MS, () => this.drop(connection, 'idle timeout'));
    socket.on('close', () => {
      connection.closed = true;
      this.connections.delete(connection);
    });

    const framer = new CotFramer(this.options.maxEventBytes ?? MAX_EVENT_BYTES);
    // Events of one connection are handled in order.
    let queue = Promise.resolve();
    socket.on('data', (chunk: string) => {
      if (connection.closed) return;
      let events: string[];
      try {
        events = framer.push(chunk);
      } catch (error) {
        this.drop(connection, error instanceof FramingError ? error.message : 'unreadable input');
        return;
      }
      for (const xml of events) queue = queue.then(() => this.receive(connection, xml));
    });

    this.write(connection, versionOffer());
    const snapshot = this.options.hub.snapshot(identity.channel, connection.scope);
    for (const xml of pictureCot(snapshot.picture, (u) => this.isSelf(connection, u))) this.write(connection, xml);
  }

  private async receive(connection: Connection, xml: string): Promise<void> {
    if (connection.closed) return;
    const { log } = this.options;
    const valid = XMLValidator.validate(xml);
    if (valid !== true) return this.drop(connection, `malformed XML: ${valid.err.msg}`);
    const event = (parser.parse(xml) as { event?: Record<string, unknown> }).event;
    if (!event || typeof event !== 'object') return this.drop(connection, 'not a CoT event');
    const type = typeof event.type === 'string' ? event.type : '';
    if (type === 't-x-c-t') return this.write(connection, pong());
    if (type === 't-x-takp-q') {
      const request = (event.detail as { TakControl?: { TakRequest?: { version?: string } } } | undefined)?.TakControl?.TakRequest;
      const accepted = request?.version === '0';
      log.info(
        { serial: connection.serial, version: request?.version },
        accepted ? 'tak protocol: xml' : 'tak protocol: declined, xml only',
      );
      return this.write(connection, protocolResponse(accepted));
    }
    if (!/^a-f(-|$)/.test(type)) {
      log.info({ serial: connection.serial, type }, 'tak event refused: only friendly position reports (a-f-…) are taken');
      return;
    }
    const { identity } = connection;
    let body: Record<string, unknown>;
    try {
      const [item] = normaliseCot(xml, { agency: identity.agency, source: `tak:${identity.unit}` });
      if (!item || !('event' in item)) {
        log.info({ serial: connection.serial, problems: item && 'problems' in item ? item.problems : [] }, 'tak position refused');
        return;
      }
      body = { ...item.event, unitId: identity.unit };
    } catch (error) {
      if (error instanceof FormatError) return this.drop(connection, error.message);
      throw error;
    }
    if (connection.closed) return;
    const result = await this.options.ingest.submit(principalOf(connection), identity.channel, body);
    if (!result.ok) {
      log.info({ serial: connection.serial, failure: result.failure }, 'tak position refused');
    }
  }

  private isSelf(connection: Connection, unit: { agency: string; unitId: string }): boolean {
    return unit.agency === connection.identity.agency && unit.unitId === connection.identity.unit;
  }

  private broadcast(scope: ReaderScope, channel: string, events: readonly StoredEvent[]): void {
    const targets = [...this.connections].filter((c) => c.scope === scope && c.identity.channel === channel && !c.closed);
    if (targets.length === 0) return;
    const picture = this.options.hub.snapshot(channel, scope).picture;
    const units = new Set<string>();
    const incidents = new Set<string>();
    const posts = new Set<string>();
    for (const event of events) {
      const fields = event as Record<string, unknown>;
      if (typeof fields.unitId === 'string') units.add(unitKey(event.agency, fields.unitId));
      if (typeof fields.incidentId === 'string') incidents.add(fields.incidentId);
      if (typeof fields.post === 'string') posts.add(fields.post);
    }
    for (const connection of targets) {
      for (const key of units) {
        const unit = picture.units[key];
        if (unit && !this.isSelf(connection, unit)) this.write(connection, unitCot(unit));
      }
      for (const id of incidents) {
        const incident = picture.incidents[id];
        if (incident) this.write(connection, incidentCot(incident));
      }
      for (const post of posts) {
        const xml = postCot(
          post,
          Object.values(picture.queues).filter((q) => q.post === post),
        );
        if (xml) this.write(connection, xml);
      }
    }
  }

  private sendPicture(scope: ReaderScope, channel: string, picture: Picture): void {
    for (const connection of this.connections) {
      if (connection.scope !== scope || connection.identity.channel !== channel) continue;
      for (const xml of pictureCot(picture, (u) => this.isSelf(connection, u))) this.write(connection, xml);
    }
  }

  private write(connection: Connection, xml: string): void {
    if (connection.closed) return;
    if (connection.socket.writableLength > MAX_WRITE_BACKLOG) return this.drop(connection, 'client too slow to read');
    connection.socket.write(xml + '\n');
  }

  private drop(connection: Connection, reason: string): void {
    if (connection.closed) return;
    connection.closed = true;
    this.options.log.warn({ serial: connection.serial, unit: connection.identity.unit, reason }, 'tak connection closed');
    connection.socket.destroy();
    this.connections.delete(connection);
  }
}

/** A TAK client posts as an officer of its agency and unit (key principals may not post to exercises). */
function principalOf(connection: Connection): Principal {
  const { identity } = connection;
  return {
    kind: 'user',
    userId: 0,
    username: `tak:${connection.serial}`,
    role: 'officer',
    agency: identity.agency,
    unitId: identity.unit,
    scope: connection.scope,
  };
}

function control(type: string, detail: string): string {
  const now = new Date();
  const stale = new Date(now.getTime() + 60_000).toISOString();
  return `<event version="2.0" uid="concordia-takp" type="${type}" how="m-g" time="${now.toISOString()}" start="${now.toISOString()}" stale="${stale}"><point lat="0.0" lon="0.0" hae="0.0" ce="999999" le="999999"/><detail>${detail}</detail></event>`;
}

function versionOffer(): string {
  return control(
    't-x-takp-v',
    '<TakControl><TakProtocolSupport version="0"/><TakServerVersionInfo serverVersion="Concordia" apiVersion="3"/></TakControl>',
  );
}

function protocolResponse(accepted: boolean): string {
  return control('t-x-takp-r', `<TakControl><TakResponse status="${accepted}"/></TakControl>`);
}

function pong(): string {
  return control('t-x-c-t-r', '');
}
