import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/sqlite/database.ts';
import { Accounts } from '../auth/accounts.ts';
import { runAdmin } from './admin.ts';
import { AuditLog } from '../audit/auditLog.ts';
import { Devices } from '../auth/devices.ts';

const db = openDatabase({ dataDir: ':memory:' });
const accounts = new Accounts(db, 60_000);
const audit = new AuditLog(db);
const devices = new Devices(db);
async function run(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runAdmin(argv, accounts, (line) => lines.push(line), audit, 'cli:tester', devices);
  return lines;
}

describe('admin CLI', () => {
  it('creates a user with a generated password who can then sign in, lists and disables them', async () => {
    const [created] = await run('user', 'add', 'sof-rojas', '--role', 'officer', '--agency', 'pnp', '--unit', 'PNP-7');
    const password = created.split('password: ')[1];
    expect(await accounts.signIn('sof-rojas', password)).not.toBeNull();
    expect((await run('user', 'list')).join('\n')).toMatch(/sof-rojas\tofficer\tpnp\tPNP-7\tactive/);
    await run('user', 'disable', 'sof-rojas');
    expect(await accounts.signIn('sof-rojas', password)).toBeNull();
    expect((await run('user', 'list')).join('\n')).toMatch(/sof-rojas.*DISABLED/);
    const trail = audit.query({}).map((e) => `${e.actor} ${e.action} ${e.target}`);
    expect(trail).toEqual(expect.arrayContaining(['cli:tester user.create sof-rojas', 'cli:tester user.disable sof-rojas']));
  });

  it('creates, lists and disables ingest keys', async () => {
    const [created] = await run('key', 'add', '--agency', 'pdi', '--label', 'conteos');
    const key = created.split(': ')[1];
    const keyId = created.split(' ')[2];
    expect(await accounts.authenticate(key)).toMatchObject({ agency: 'pdi' });
    expect((await run('key', 'list')).join('\n')).toContain(keyId);
    await run('key', 'disable', keyId);
    expect(await accounts.authenticate(key)).toBeNull();
  });

  it('registers a tracker device with a long random identifier, lists and disables it', async () => {
    const [created] = await run('device', 'add', '--agency', 'pnp', '--unit', 'PNP-7');
    const identifier = created.split('identifier: ')[1];
    const deviceId = created.split(' ')[2];
    expect(identifier).toMatch(/^[a-z2-9]{26}$/);
    expect(await devices.find(identifier)).toMatchObject({ deviceId, agency: 'pnp', unitId: 'PNP-7' });
    const listing = (await run('device', 'list')).join('\n');
    expect(listing).toMatch(new RegExp(`${deviceId}\tpnp\tPNP-7\tactive`));
    expect(listing).not.toContain(identifier);
    await run('device', 'disable', deviceId);
    expect(await devices.find(identifier)).toBeNull();
    await expect(run('device', 'add', '--agency', 'pnp')).rejects.toThrow(/--unit/);
    const trail = audit.query({}).map((e) => `${e.actor} ${e.action} ${e.target}`);
    expect(trail).toEqual(expect.arrayContaining([`cli:tester device.create ${deviceId}`, `cli:tester device.disable ${deviceId}`]));
  });

  it('refuses unknown roles, agencies and commands with a message', async () => {
    await expect(run('user', 'add', 'x1', '--role', 'king', '--agency', 'pnp')).rejects.toThrow(/--role/);
    await expect(run('key', 'add', '--agency', 'fbi')).rejects.toThrow(/--agency/);
    await expect(run('frobnicate')).rejects.toThrow(/Usage/);
  });
});
