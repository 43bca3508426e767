import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/sqlite/database.ts';
import { Accounts } from './accounts.ts';
import { bootstrapAccounts, type InitialCredentials } from './bootstrap.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'concordia-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = openDatabase({ dataDir: dir });
const accounts = new Accounts(db, 60_000);

describe('accounts', () => {
  let credentials: InitialCredentials;

  it('creates an account per role and a key per agency on first start, in a 0600 file', async () => {
    const file = await bootstrapAccounts(accounts, dir);
    expect(file).toBe(path.join(dir, 'initial-credentials.json'));
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    credentials = JSON.parse(readFileSync(file!, 'utf8'));
    expect(new Set(credentials.users.map((u) => u.role))).toEqual(new Set(['admin', 'coordinator', 'trainer', 'officer']));
    expect(
      credentials.users
        .filter((u) => u.role === 'officer')
        .map((u) => u.agency)
        .sort(),
    ).toEqual(['carabineros', 'pdi', 'pnp']);
    expect(credentials.keys.map((k) => k.agency)).toContain('pnp');
    expect(await bootstrapAccounts(accounts, dir)).toBeNull();
  });

  it('stores no password or key in clear', () => {
    const dump = JSON.stringify([db.prepare('SELECT * FROM users').all(), db.prepare('SELECT * FROM ingest_keys').all()]);
    for (const user of credentials.users) expect(dump).not.toContain(user.password);
    for (const key of credentials.keys) expect(dump).not.toContain(key.key.slice('ck_'.length + 12 + 1));
  });

  it('gives every user a different random password', () => {
    expect(new Set(credentials.users.map((u) => u.password)).size).toBe(credentials.users.length);
  });

  it('signs in with the right password only, and the session token authenticates', async () => {
    const officer = credentials.users.find((u) => u.username === 'officer-pnp')!;
    expect(await accounts.signIn('officer-pnp', 'wrong password!')).toBeNull();
    expect(await accounts.signIn('nobody', officer.password)).toBeNull();
    const session = await accounts.signIn('officer-pnp', officer.password);
    expect(session?.user).toEqual({ username: 'officer-pnp', role: 'officer', agency: 'pnp', unitId: 'PNP-1' });
    expect(accounts.authenticate(session!.token)).toMatchObject({ kind: 'user', agency: 'pnp', scope: 'PE' });
    expect(accounts.authenticate(`${session!.token}x`)).toBeNull();
  });

  it('ends a session on sign-out and all of a user’s sessions when disabled', async () => {
    const coordinator = credentials.users.find((u) => u.username === 'coordinator-cl')!;
    const a = await accounts.signIn('coordinator-cl', coordinator.password);
    const b = await accounts.signIn('coordinator-cl', coordinator.password);
    const principal = accounts.authenticate(a!.token);
    if (principal?.kind !== 'user') throw new Error('expected a user');
    accounts.signOut(principal.sessionHash!);
    expect(accounts.authenticate(a!.token)).toBeNull();
    expect(accounts.authenticate(b!.token)).not.toBeNull();
    accounts.disableUser('coordinator-cl');
    expect(accounts.authenticate(b!.token)).toBeNull();
    expect(await accounts.signIn('coordinator-cl', coordinator.password)).toBeNull();
  });

  it('expires sessions after their time to live', async () => {
    const shortLived = new Accounts(db, -1);
    const trainer = credentials.users.find((u) => u.username === 'trainer')!;
    const session = await shortLived.signIn('trainer', trainer.password);
    expect(accounts.authenticate(session!.token)).toBeNull();
  });

  it('authenticates ingest keys to their agency until disabled', () => {
    const { key, keyId } = accounts.createKey('pdi', 'border counts');
    expect(accounts.authenticate(key)).toEqual({ kind: 'key', keyId, agency: 'pdi', scope: 'CL' });
    expect(accounts.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
    accounts.disableKey(keyId);
    expect(accounts.authenticate(key)).toBeNull();
  });

  it('refuses weak passwords and bad usernames', async () => {
    await expect(accounts.createUser({ username: 'x y', role: 'officer', agency: 'pnp' })).rejects.toThrow(/username/);
    await expect(accounts.createUser({ username: 'ok-name', role: 'officer', agency: 'pnp', password: 'short' })).rejects.toThrow(/12/);
  });
});
