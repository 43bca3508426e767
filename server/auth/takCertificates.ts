/**
 * Concordia's own certificate authority for TAK clients (ATAK, iTAK, WinTAK). The CA's key and
 * certificate are kept by the TakRegistry (table `tak_authority`: SQLite in the data dir, or
 * PostgreSQL shared by every node, so every node's listener trusts a certificate issued through
 * any of them); each node's own server certificate, signed by that CA, lives in <dataDir>/tak/.
 * Every client certificate issued is registered in the table `tak_certificates`, where a revoke
 * marks it. The TAK listener polls
 * that table, so a revoke from the admin CLI (another process) reaches the running server within a
 * second: its CRL is rebuilt (refused at the handshake) and open
 * connections of the certificate are closed.
 *
 * A client certificate's subject says who it is: CN = unit, O = agency, OU = channel
 * ("live" or "training:<exercise id>"). Keys are RSA 2048 (ATAK reads PKCS#12 with RSA keys).
 *
 * X.509 and CRL with @peculiar/x509 on Node's WebCrypto; PKCS#12 with node-forge; zip with fflate.
 */
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import { webcrypto, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import forge from 'node-forge';
import { zipSync, strToU8 } from 'fflate';
import type Database from 'better-sqlite3';
import { agencySchema, type Agency } from '../../lib/contract/agencies.ts';
import { SqliteTakRegistry } from './sqlite/sqliteTakRegistry.ts';
import type { TakAuthorityPem, TakCertificateRow, TakRegistry } from './stores.ts';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// Node's WebCrypto is the standard Crypto; the server build has no DOM types to say so.
x509.cryptoProvider.set(webcrypto as never);

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const CA_YEARS = 10;
const CLIENT_DAYS = 365;
/** Unit ids and exercise ids that can sit in a certificate subject without escaping. */
const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export class TakCertificateError extends Error {}

export interface TakIdentity {
  agency: Agency;
  unit: string;
  channel: string;
}

export interface TakCertificateRecord extends TakIdentity {
  serial: string;
  issuedAt: string;
  notAfter: string;
  revokedAt: string | null;
}

export interface IssuedCertificate extends TakCertificateRecord {
  certPem: string;
  keyPem: string;
  caPem: string;
}

interface Authority {
  cert: x509.X509Certificate;
  key: CryptoKey;
  certPem: string;
}

export function channelOfCertificate(value: string | undefined): string {
  if (!value || value === 'live') return 'live';
  const exercise = value.startsWith('training:') ? value.slice('training:'.length) : value;
  if (!NAME_PART.test(exercise)) throw new TakCertificateError('--channel must be "live" or an exercise id');
  return `training:${exercise}`;
}

export class TakCertificates {
  private authority: Promise<Authority> | null = null;

  private readonly registry: TakRegistry;

  constructor(
    /** A better-sqlite3 database means the registry in that SQLite file. */
    registry: TakRegistry | Database.Database,
    /** Where tak/ca.* and tak/server.* are kept; ":memory:"-style test setups pass a temp dir. */
    private readonly dataDir: string,
  ) {
    this.registry = 'prepare' in registry ? new SqliteTakRegistry(registry) : registry;
  }

  private get dir(): string {
    return path.join(this.dataDir, 'tak');
  }

  /**
   * The CA the registry keeps; on first use, the one an older version left in <dataDir>/tak/ (so
   * certificates issued before stay trusted), or else a new one.
   */
  private ca(): Promise<Authority> {
    // A registry that did not answer (database unreachable at start) is asked again next time.
    this.authority ??= this.loadOrCreateCa().catch((error: unknown) => {
      this.authority = null;
      throw error;
    });
    return this.authority;
  }

  private async loadOrCreateCa(): Promise<Authority> {
    const kept =
      (await this.registry.authority()) ?? (await this.registry.keepAuthority(await this.firstAuthority(), new Date().toISOString()));
    return { cert: new x509.X509Certificate(kept.certPem), key: await importKey(kept.keyPem), certPem: kept.certPem };
  }

  /** The CA files of a data dir from before the registry kept the CA, or a new CA. */
  private async firstAuthority(): Promise<TakAuthorityPem> {
    const keyFile = path.join(this.dir, 'ca.key.pem');
    const certFile = path.join(this.dir, 'ca.cert.pem');
    if (existsSync(keyFile) && existsSync(certFile))
      return { keyPem: readFileSync(keyFile, 'utf8'), certPem: readFileSync(certFile, 'utf8') };
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: 'CN=Concordia TAK CA, O=Concordia',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + CA_YEARS * 365 * 86_400_000),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return { keyPem: await exportKey(keys.privateKey), certPem: cert.toString('pem') };
  }

  async caPem(): Promise<string> {
    return (await this.ca()).certPem;
  }

  /**
   * This node's TAK listener certificate (CN = host), kept in <dataDir>/tak/ and made again when
   * the CA did not sign it (a node that made its own CA before the registry kept a shared one).
   */
  async serverCredentials(host: string): Promise<{ certPem: string; keyPem: string; caPem: string }> {
    const ca = await this.ca();
    const keyFile = path.join(this.dir, 'server.key.pem');
    const certFile = path.join(this.dir, 'server.cert.pem');
    if (existsSync(keyFile) && existsSync(certFile)) {
      const certPem = readFileSync(certFile, 'utf8');
      if (await new x509.X509Certificate(certPem).verify({ publicKey: ca.cert.publicKey, signatureOnly: true })) {
        return { certPem, keyPem: readFileSync(keyFile, 'utf8'), caPem: ca.certPem };
      }
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${/^[A-Za-z0-9.-]+$/.test(host) ? host : 'concordia-tak'}, O=Concordia`,
      issuer: ca.cert.subject,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + CA_YEARS * 365 * 86_400_000),
      publicKey: keys.publicKey,
      signingKey: ca.key,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
          ...(/^[A-Za-z.-][A-Za-z0-9.-]*$/.test(host) ? [{ type: 'dns' as const, value: host }] : []),
        ]),
      ],
    });
    const keyPem = await exportKey(keys.privateKey);
    const certPem = cert.toString('pem');
    writeFileSync(keyFile, keyPem, { mode: 0o600 });
    writeFileSync(certFile, certPem);
    return { certPem, keyPem, caPem: ca.certPem };
  }

  /** Issues and registers a client certificate for one unit of an agency on one channel. */
  async issue(identity: { agency: string; unit: string; channel?: string }): Promise<IssuedCertificate> {
    const agency = agencySchema.safeParse(identity.agency);
    if (!agency.success) throw new TakCertificateError(`--agency must be one of ${agencySchema.options.join(', ')}`);
    if (!NAME_PART.test(identity.unit)) {
      throw new TakCertificateError('--unit must be 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit');
    }
    const channel = channelOfCertificate(identity.channel);
    const ca = await this.ca();
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const serialNumber = serial();
    const notBefore = new Date(Date.now() - 60_000);
    const notAfter = new Date(Date.now() + CLIENT_DAYS * 86_400_000);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject: `CN=${identity.unit}, O=${agency.data}, OU=${channel}`,
      issuer: ca.cert.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: ca.key,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ],
    });
    const issuedAt = new Date().toISOString();
    const record: TakCertificateRecord = {
      serial: normaliseSerial(cert.serialNumber),
      agency: agency.data,
      unit: identity.unit,
      channel,
      issuedAt,
      notAfter: notAfter.toISOString(),
      revokedAt: null,
    };
    await this.registry.insert({
      serial: record.serial,
      agency: record.agency,
      unit: record.unit,
      channel: record.channel,
      issued_at: record.issuedAt,
      not_after: record.notAfter,
    });
    return { ...record, certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey), caPem: ca.certPem };
  }

  async list(): Promise<TakCertificateRecord[]> {
    return (await this.registry.list()).map(recordOf);
  }

  async find(serialNumber: string): Promise<TakCertificateRecord | null> {
    const row = await this.registry.find(normaliseSerial(serialNumber));
    return row ? recordOf(row) : null;
  }

  /** Revokes by serial, or every live certificate of a unit; returns what was revoked. */
  async revoke(by: { serial?: string; agency?: string; unit?: string }): Promise<TakCertificateRecord[]> {
    const now = new Date().toISOString();
    let rows: TakCertificateRow[];
    if (by.serial) rows = await this.registry.revoke({ serial: normaliseSerial(by.serial) }, now);
    else if (by.unit) rows = await this.registry.revoke({ unit: by.unit, agency: by.agency }, now);
    else throw new TakCertificateError('tak revoke needs --serial <serial> or --unit <unitId>');
    return rows.map(recordOf);
  }

  /** Serials revoked so far, sorted: the poller compares it to decide whether to rebuild the CRL. */
  async revokedSerials(): Promise<string[]> {
    return (await this.registry.revoked()).map((r) => r.serial);
  }

  /** A CRL of every revoked certificate, signed by the CA, valid for a week (rebuilt on each change and start). */
  async crlPem(): Promise<string> {
    const ca = await this.ca();
    const entries = (await this.registry.revoked()).map((r) => ({ serialNumber: r.serial, revocationDate: new Date(r.revoked_at) }));
    const crl = await x509.X509CrlGenerator.create({
      issuer: ca.cert.subject,
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + 7 * 86_400_000),
      entries,
      signingAlgorithm: ALGORITHM,
      signingKey: ca.key,
    });
    // OpenSSL (Node's tls) reads the RFC 7468 label "X509 CRL", not the library's "CRL".
    return x509.PemConverter.encode(crl.rawData, 'X509 CRL');
  }
}

/** Serial numbers as lower-case hex without leading zeros (how Node's peer certificate reports them, lower-cased). */
export function normaliseSerial(value: string): string {
  return value.toLowerCase().replace(/^0+(?=.)/, '');
}

/** The identity a client certificate's subject states, or null when it states none. */
export function identityOfSubject(subject: { CN?: string | string[]; O?: string | string[]; OU?: string | string[] }): TakIdentity | null {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const agency = agencySchema.safeParse(one(subject.O));
  const unit = one(subject.CN);
  if (!agency.success || !unit || !NAME_PART.test(unit)) return null;
  try {
    return { agency: agency.data, unit, channel: channelOfCertificate(one(subject.OU)) };
  } catch {
    return null;
  }
}

export interface DataPackage {
  zip: Uint8Array;
  password: string;
  files: string[];
}

/**
 * An ATAK data package (import it in ATAK: Import → Local SD): the CA as truststore and the client
 * certificate and key as PKCS#12 (one password, shown once), a connection preference and the manifest.
 */
export function buildDataPackage(issued: IssuedCertificate, server: { host: string; port: number }): DataPackage {
  const password = randomBytes(12).toString('base64url');
  const name = `concordia-${issued.agency}-${issued.unit}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const caCert = forge.pki.certificateFromPem(issued.caPem);
  const clientCert = forge.pki.certificateFromPem(issued.certPem);
  const clientKey = forge.pki.privateKeyFromPem(issued.keyPem);
  const p12 = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  const truststore = p12(forge.pkcs12.toPkcs12Asn1(null, [caCert], password, { algorithm: '3des', friendlyName: 'concordia-ca' }));
  const client = p12(forge.pkcs12.toPkcs12Asn1(clientKey, [clientCert, caCert], password, { algorithm: '3des', friendlyName: name }));
  const uid = `concordia-${issued.serial}`;
  const pref = `<?xml version='1.0' encoding='ASCII' standalone='yes'?>
<preferences>
  <preference version="1" name="cot_streams">
    <entry key="count" class="class java.lang.Integer">1</entry>
    <entry key="description0" class="class java.lang.String">Concordia</entry>
    <entry key="enabled0" class="class java.lang.Boolean">true</entry>
    <entry key="connectString0" class="class java.lang.String">${server.host}:${server.port}:ssl</entry>
  </preference>
  <preference version="1" name="com.atakmap.app_preferences">
    <entry key="displayServerConnectionWidget" class="class java.lang.Boolean">true</entry>
    <entry key="caLocation" class="class java.lang.String">cert/truststore-concordia.p12</entry>
    <entry key="caPassword" class="class java.lang.String">${password}</entry>
    <entry key="certificateLocation" class="class java.lang.String">cert/${name}.p12</entry>
    <entry key="clientPassword" class="class java.lang.String">${password}</entry>
    <entry key="locationCallsign" class="class java.lang.String">${issued.unit}</entry>
  </preference>
</preferences>
`;
  const manifest = `<MissionPackageManifest version="2">
  <Configuration>
    <Parameter name="uid" value="${uid}"/>
    <Parameter name="name" value="${name}"/>
    <Parameter name="onReceiveDelete" value="true"/>
  </Configuration>
  <Contents>
    <Content ignore="false" zipEntry="certs/concordia.pref"/>
    <Content ignore="false" zipEntry="certs/truststore-concordia.p12"/>
    <Content ignore="false" zipEntry="certs/${name}.p12"/>
  </Contents>
</MissionPackageManifest>
`;
  const entries: Record<string, Uint8Array> = {
    'certs/concordia.pref': strToU8(pref),
    'certs/truststore-concordia.p12': new Uint8Array(truststore),
    [`certs/${name}.p12`]: new Uint8Array(client),
    'MANIFEST/manifest.xml': strToU8(manifest),
  };
  return { zip: zipSync(entries), password, files: Object.keys(entries) };
}

function serial(): string {
  // Positive (top bit clear), 16 bytes: unique enough, and a valid DER INTEGER as written.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x10;
  return bytes.toString('hex');
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0];
  return webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, true, ['sign']);
}

function recordOf(row: TakCertificateRow): TakCertificateRecord {
  return {
    serial: row.serial,
    agency: row.agency as Agency,
    unit: row.unit,
    channel: row.channel,
    issuedAt: row.issued_at,
    notAfter: row.not_after,
    revokedAt: row.revoked_at,
  };
}
