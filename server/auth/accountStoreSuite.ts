/**
 * The one behaviour suite the account stores must pass (accounts and sessions, ingest keys,
 * tracker devices, TAK certificates): run by accounts.test.ts on SQLite and by
 * postgres/postgresAccountStores.test.ts on a throwaway PostgreSQL, so both engines are held to
 * the same rules.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { AGENCIES } from '../../lib/contract/agencies.ts';
import { Accounts } from './accounts.ts';
import { bootstrapAccounts } from './bootstrap.ts';
import { Devices } from './devices.ts';
import type { InitialCredentials } from './initialCredentials.ts';
import type { AccountStore, DeviceStore, TakRegistry } from './stores.ts';
import { TakCertificates } from './takCertificates.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { SqliteTakRegistry } from './sqlite/sqliteTakRegistry.ts';

/** True when `certPem` was signed by the CA `caPem`. */
async function signedBy(certPem: string, caPem: string): Promise<boolean> {
  return new x509.X509Certificate(certPem).verify({ publicKey: new x509.X509Certificate(caPem).publicKey, signatureOnly: true });
}

/** A data dir of its own per node (each keeps its listener's certificate there). */
function nodeDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'concordia-tak-node-'));
}

export interface AccountStoresUnderTest {
  accounts: AccountStore;
  devices: DeviceStore;
  tak: TakRegistry;
  /** Every row of users, ingest_keys, sessions and devices as the engine holds them, as text. */
  dump(): Promise<string>;
  dispose(): Promise<void>;
}

interface Fixture {
  stores: AccountStoresUnderTest;
  accounts: Accounts;
  credentials: InitialCredentials;
  file: string;
  dir: string;
  passwordOf(username: string): string;
}

export function accountStoreSuite(name: string, open: () => Promise<AccountStoresUnderTest>): void {
  async function withAccounts(run: (f: Fixture) => Promise<void>): Promise<void> {
    const stores = await open();
    const dir = mkdtempSync(path.join(tmpdir(), 'concordia-accounts-'));
    try {
      const accounts = new Accounts(stores.accounts, 60_000);
      const file = await bootstrapAccounts(accounts, dir);
      if (!file) throw new Error('a fresh store must bootstrap');
      const credentials = JSON.parse(readFileSync(file, 'utf8')) as InitialCredentials;
      const passwordOf = (username: string) => credentials.users.find((u) => u.username === username)!.password;
      await run({ stores, accounts, credentials, file, dir, passwordOf });
    } finally {
      await stores.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  describe(`${name}: accounts, sessions and keys`, () => {
    it('creates an account per role and a key per agency on first start, in a 0600 file, once', () =>
      withAccounts(async ({ accounts, credentials, file, dir }) => {
        expect(file).toBe(path.join(dir, 'initial-credentials.json'));
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(new Set(credentials.users.map((u) => u.role))).toEqual(new Set(['admin', 'coordinator', 'trainer', 'officer']));
        expect(
          credentials.users
            .filter((u) => u.role === 'officer')
            .map((u) => u.agency)
            .sort(),
        ).toEqual(['carabineros', 'pdi', 'pnp']);
        expect(credentials.keys.map((k) => k.agency).sort()).toEqual([...AGENCIES].sort());
        expect(new Set(credentials.users.map((u) => u.password)).size).toBe(credentials.users.length);
        expect(await accounts.hasAnyUser()).toBe(true);
        expect(await bootstrapAccounts(accounts, dir)).toBeNull();
      }));

    it('stores no password or key in clear', () =>
      withAccounts(async ({ stores, credentials }) => {
        const dump = await stores.dump();
        expect(dump).toContain('officer-pnp');
        for (const user of credentials.users) expect(dump).not.toContain(user.password);
        for (const key of credentials.keys) expect(dump).not.toContain(key.key.slice('ck_'.length + 12 + 1));
      }));

    it('signs in with the right password only, and the session token authenticates', () =>
      withAccounts(async ({ accounts, passwordOf }) => {
        expect(await accounts.signIn('officer-pnp', 'wrong password!')).toBeNull();
        expect(await accounts.signIn('nobody', passwordOf('officer-pnp'))).toBeNull();
        const session = await accounts.signIn('officer-pnp', passwordOf('officer-pnp'));
        expect(session?.user).toEqual({ username: 'officer-pnp', role: 'officer', agency: 'pnp', unitId: 'PNP-1' });
        expect(await accounts.authenticate(session!.token)).toMatchObject({ kind: 'user', agency: 'pnp', scope: 'PE' });
        expect(await accounts.authenticate(`${session!.token}x`)).toBeNull();
        expect(await accounts.authenticate('x'.repeat(500))).toBeNull();
      }));

    it('ends a session on sign-out, and all of a user’s sessions when disabled', () =>
      withAccounts(async ({ accounts, passwordOf }) => {
        const a = await accounts.signIn('coordinator-cl', passwordOf('coordinator-cl'));
        const b = await accounts.signIn('coordinator-cl', passwordOf('coordinator-cl'));
        const other = await accounts.signIn('coordinator-pe', passwordOf('coordinator-pe'));
        const principal = await accounts.authenticate(a!.token);
        if (principal?.kind !== 'user') throw new Error('expected a user');
        await accounts.signOut(principal.sessionHash!);
        expect(await accounts.authenticate(a!.token)).toBeNull();
        expect(await accounts.authenticate(b!.token)).not.toBeNull();
        await accounts.disableUser('coordinator-cl');
        expect(await accounts.authenticate(b!.token)).toBeNull();
        expect(await accounts.signIn('coordinator-cl', passwordOf('coordinator-cl'))).toBeNull();
        expect(await accounts.authenticate(other!.token)).not.toBeNull();
        await expect(accounts.disableUser('coordinator-cl')).rejects.toThrow(/no active user/);
        const listing = await accounts.listUsers();
        expect(listing.map((u) => u.username)).toEqual([...listing.map((u) => u.username)].sort());
        expect(listing.find((u) => u.username === 'coordinator-cl')).toMatchObject({ disabled: true });
        expect(listing.find((u) => u.username === 'coordinator-pe')).toMatchObject({ disabled: false });
      }));

    it('expires sessions after their time to live', () =>
      withAccounts(async ({ stores, accounts, passwordOf }) => {
        const shortLived = new Accounts(stores.accounts, -1);
        const session = await shortLived.signIn('trainer', passwordOf('trainer'));
        expect(session).not.toBeNull();
        expect(await accounts.authenticate(session!.token)).toBeNull();
      }));

    it('refuses a taken username, weak passwords and bad usernames', () =>
      withAccounts(async ({ accounts }) => {
        await expect(accounts.createUser({ username: 'officer-pnp', role: 'officer', agency: 'pnp' })).rejects.toThrow(/already exists/);
        await expect(accounts.createUser({ username: 'x y', role: 'officer', agency: 'pnp' })).rejects.toThrow(/username/);
        await expect(accounts.createUser({ username: 'ok-name', role: 'officer', agency: 'pnp', password: 'short' })).rejects.toThrow(/12/);
        const { password } = await accounts.createUser({ username: 'sof.rojas', role: 'officer', agency: 'pdi', unitId: 'PDI-9' });
        expect((await accounts.signIn('sof.rojas', password))?.user).toEqual({
          username: 'sof.rojas',
          role: 'officer',
          agency: 'pdi',
          unitId: 'PDI-9',
        });
      }));

    it('authenticates ingest keys to their agency until disabled', () =>
      withAccounts(async ({ accounts }) => {
        const { key, keyId } = await accounts.createKey('pdi', 'border counts');
        expect(await accounts.authenticate(key)).toEqual({ kind: 'key', keyId, agency: 'pdi', scope: 'CL' });
        expect(await accounts.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
        expect((await accounts.listKeys()).find((k) => k.keyId === keyId)).toMatchObject({ label: 'border counts', disabled: false });
        await accounts.disableKey(keyId);
        expect(await accounts.authenticate(key)).toBeNull();
        expect((await accounts.listKeys()).find((k) => k.keyId === keyId)).toMatchObject({ disabled: true });
        await expect(accounts.disableKey(keyId)).rejects.toThrow(/no active key/);
      }));
  });

  describe(`${name}: tracker devices`, () => {
    it('pairs a device to a unit by its identifier, lists it without the identifier, and disables it', () =>
      withAccounts(async ({ stores }) => {
        const devices = new Devices(stores.devices);
        const added = await devices.add('pnp', 'PNP-7', 'Traccar, phone 3');
        expect(added.identifier).toMatch(/^[a-z2-9]{26}$/);
        expect(await devices.find(added.identifier)).toMatchObject({
          deviceId: added.deviceId,
          agency: 'pnp',
          unitId: 'PNP-7',
          principal: { kind: 'key', keyId: added.deviceId, agency: 'pnp', scope: 'PE' },
        });
        expect(await devices.find('not-a-registered-identifier')).toBeNull();
        const listing = await devices.list();
        expect(listing).toEqual([
          {
            deviceId: added.deviceId,
            agency: 'pnp',
            unitId: 'PNP-7',
            label: 'Traccar, phone 3',
            createdAt: added.createdAt,
            disabled: false,
          },
        ]);
        expect(JSON.stringify(listing) + (await stores.dump())).not.toContain(added.identifier);
        await devices.disable(added.deviceId);
        expect(await devices.find(added.identifier)).toBeNull();
        expect((await devices.list())[0].disabled).toBe(true);
        await expect(devices.disable(added.deviceId)).rejects.toThrow(/no active device/);
      }));
  });

  describe(`${name}: TAK certificates`, () => {
    it('issues, lists, finds and revokes by serial and by unit; the CRL names the revoked', () =>
      withAccounts(async ({ stores, dir }) => {
        const certificates = new TakCertificates(stores.tak, dir);
        const a = await certificates.issue({ agency: 'pnp', unit: 'PNP-7' });
        const b = await certificates.issue({ agency: 'pnp', unit: 'PNP-8', channel: 'ex-1' });
        const c = await certificates.issue({ agency: 'carabineros', unit: 'PNP-8' });
        expect((await certificates.list()).map((r) => r.serial).sort()).toEqual([a.serial, b.serial, c.serial].sort());
        expect(await certificates.find(a.serial.toUpperCase())).toMatchObject({
          agency: 'pnp',
          unit: 'PNP-7',
          channel: 'live',
          revokedAt: null,
        });
        expect(await certificates.find('abcdef')).toBeNull();
        const bySerial = await certificates.revoke({ serial: a.serial });
        expect(bySerial.map((r) => r.serial)).toEqual([a.serial]);
        expect(await certificates.revoke({ serial: a.serial })).toEqual([]);
        const byUnit = await certificates.revoke({ unit: 'PNP-8', agency: 'pnp' });
        expect(byUnit).toEqual([expect.objectContaining({ serial: b.serial, channel: 'training:ex-1' })]);
        expect(await certificates.revokedSerials()).toEqual([a.serial, b.serial].sort());
        expect((await certificates.find(c.serial))?.revokedAt).toBeNull();
        expect(await certificates.revoke({ unit: 'PNP-8' })).toEqual([expect.objectContaining({ serial: c.serial })]);
        await expect(certificates.revoke({})).rejects.toThrow(/--serial/);
        expect(await certificates.crlPem()).toMatch(/BEGIN X509 CRL/);
      }));

    it('keeps one CA for every node: a certificate issued through one node is trusted by the listener of another', () =>
      withAccounts(async ({ stores }) => {
        const dirs = [nodeDir(), nodeDir()];
        try {
          const [nodeA, nodeB] = dirs.map((dir) => new TakCertificates(stores.tak, dir));
          // Both nodes start on an empty registry at the same moment: one CA is kept, for both.
          const [caA, caB] = await Promise.all([nodeA.caPem(), nodeB.caPem()]);
          expect(caB).toBe(caA);
          expect((await stores.tak.authority())?.certPem).toBe(caA);
          const issued = await nodeA.issue({ agency: 'pnp', unit: 'PNP-7' });
          const listenerB = await nodeB.serverCredentials('node-b');
          expect(listenerB.caPem).toBe(caA);
          expect(await signedBy(issued.certPem, listenerB.caPem)).toBe(true);
          expect(await signedBy(listenerB.certPem, caA)).toBe(true);
          // A third node started later finds the same CA.
          expect(await new TakCertificates(stores.tak, dirs[0]).caPem()).toBe(caA);
        } finally {
          for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
        }
      }));

    it('takes over the CA an older version left in the data dir, and remakes a listener certificate another CA signed', () =>
      withAccounts(async ({ stores }) => {
        const dirs = [nodeDir(), nodeDir()];
        const elsewhere = [openDatabase({ dataDir: ':memory:' }), openDatabase({ dataDir: ':memory:' })];
        try {
          // Node 1 ran an older version: its CA and listener certificate are files in its data dir.
          const olderListener = await new TakCertificates(elsewhere[0], dirs[0]).serverCredentials('node-1');
          const older = (await new SqliteTakRegistry(elsewhere[0]).authority())!;
          const olderCa = older.certPem;
          mkdirSync(path.join(dirs[0], 'tak'), { recursive: true });
          writeFileSync(path.join(dirs[0], 'tak', 'ca.key.pem'), older.keyPem);
          writeFileSync(path.join(dirs[0], 'tak', 'ca.cert.pem'), older.certPem);
          // Node 2 had made a CA of its own, and a listener certificate signed by it.
          await new TakCertificates(elsewhere[1], dirs[1]).serverCredentials('node-2');

          const node1 = new TakCertificates(stores.tak, dirs[0]);
          expect(await node1.caPem()).toBe(olderCa);
          expect((await node1.serverCredentials('node-1')).certPem).toBe(olderListener.certPem);
          const node2 = await new TakCertificates(stores.tak, dirs[1]).serverCredentials('node-2');
          expect(node2.caPem).toBe(olderCa);
          expect(await signedBy(node2.certPem, olderCa)).toBe(true);
        } finally {
          for (const db of elsewhere) db.close();
          for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
        }
      }));
  });
}
