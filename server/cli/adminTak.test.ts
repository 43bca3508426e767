import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/sqlite/database.ts';
import { Accounts } from '../auth/accounts.ts';
import { AuditLog } from '../audit/auditLog.ts';
import { TakCertificates } from '../auth/takCertificates.ts';
import { runAdmin } from './admin.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'concordia-admin-tak-'));
const db = openDatabase({ dataDir: ':memory:' });
const accounts = new Accounts(db, 60_000);
const audit = new AuditLog(db);
const certificates = new TakCertificates(db, dir);
async function run(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runAdmin(argv, accounts, (line) => lines.push(line), audit, 'cli:tester', undefined, {
    certificates,
    host: 'tak.example.org',
    port: 8089,
  });
  return lines;
}

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin CLI: tak', () => {
  it('tak cert writes the certificate, key, CA and an ATAK data package whose PKCS#12 opens with the printed password', async () => {
    const out = path.join(dir, 'pnp-7');
    const lines = await run('tak', 'cert', '--agency', 'pnp', '--unit', 'PNP-7', '--channel', 'live', '--out', out);
    const serial = /certificate (\S+)/.exec(lines[0])![1];
    const password = lines.find((l) => l.startsWith('data package password'))!.split(': ')[1];
    expect(readdirSync(out).sort()).toEqual([
      'concordia-ca.pem',
      'concordia-pnp-PNP-7.cert.pem',
      'concordia-pnp-PNP-7.key.pem',
      'concordia-pnp-PNP-7.zip',
    ]);

    const cert = new X509Certificate(readFileSync(path.join(out, 'concordia-pnp-PNP-7.cert.pem')));
    const ca = new X509Certificate(readFileSync(path.join(out, 'concordia-ca.pem')));
    expect(cert.subject.split('\n').sort()).toEqual(['CN=PNP-7', 'O=pnp', 'OU=live']);
    expect(cert.serialNumber.toLowerCase()).toBe(serial);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(ca.ca).toBe(true);

    const zip = unzipSync(readFileSync(path.join(out, 'concordia-pnp-PNP-7.zip')));
    expect(Object.keys(zip).sort()).toEqual([
      'MANIFEST/manifest.xml',
      'certs/concordia-pnp-PNP-7.p12',
      'certs/concordia.pref',
      'certs/truststore-concordia.p12',
    ]);
    const manifest = strFromU8(zip['MANIFEST/manifest.xml']);
    expect(manifest).toContain('zipEntry="certs/concordia-pnp-PNP-7.p12"');
    const pref = strFromU8(zip['certs/concordia.pref']);
    expect(pref).toContain('tak.example.org:8089:ssl');
    expect(pref).toContain(`<entry key="clientPassword" class="class java.lang.String">${password}</entry>`);

    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(Buffer.from(zip['certs/concordia-pnp-PNP-7.p12']).toString('binary')),
      password,
    );
    const keys = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [];
    const certs = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
    expect(keys).toHaveLength(1);
    expect(certs.map((b) => b.cert!.subject.getField('CN').value)).toEqual(expect.arrayContaining(['PNP-7', 'Concordia TAK CA']));
    const truststore = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(Buffer.from(zip['certs/truststore-concordia.p12']).toString('binary')),
      password,
    );
    expect(truststore.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]).toHaveLength(1);
    expect(() =>
      forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(zip['certs/concordia-pnp-PNP-7.p12']).toString('binary')), 'wrong'),
    ).toThrow();

    expect((await run('tak', 'list')).join('\n')).toMatch(new RegExp(`${serial}\\tpnp\\tPNP-7\\tlive\\tactive`));
    expect(audit.query({}).map((e) => `${e.action} ${e.target}`)).toContain(`tak.cert ${serial}`);
  });

  it('issues for an exercise channel and revokes by unit or serial', async () => {
    const lines = await run(
      'tak',
      'cert',
      '--agency',
      'carabineros',
      '--unit',
      'M-1',
      '--channel',
      'ej-2026',
      '--out',
      path.join(dir, 'm1'),
    );
    const serial = /certificate (\S+)/.exec(lines[0])![1];
    expect(lines[0]).toContain('on training:ej-2026');
    expect((await run('tak', 'revoke', '--unit', 'M-1', '--agency', 'carabineros')).join('\n')).toContain(`revoked ${serial}`);
    expect((await run('tak', 'list')).join('\n')).toMatch(new RegExp(`${serial}.*REVOKED`));
    await expect(run('tak', 'revoke', '--serial', serial)).rejects.toThrow(/no active TAK certificate/);
    expect(await certificates.revokedSerials()).toEqual([serial]);
  });

  it('refuses bad input with a message naming it', async () => {
    await expect(run('tak', 'cert', '--agency', 'nasa', '--unit', 'X')).rejects.toThrow(/--agency/);
    await expect(run('tak', 'cert', '--agency', 'pnp')).rejects.toThrow(/--unit/);
    await expect(run('tak', 'cert', '--agency', 'pnp', '--unit', 'a b,O=carabineros')).rejects.toThrow(/--unit/);
    await expect(run('tak', 'revoke')).rejects.toThrow(/--serial/);
  });
});
