/**
 * The admin command line: users and ingest keys, on the same data directory as the server
 * (CONCORDIA_DATA_DIR, default ./data), or, with CONCORDIA_DATABASE_URL, on the PostgreSQL every
 * node shares (the audit trail stays in the data dir). Safe to run while the server runs.
 *
 *   npm run admin -- user add <username> --role officer --agency pnp [--unit PNP-7]
 *   npm run admin -- user list
 *   npm run admin -- user disable <username>
 *   npm run admin -- key add --agency pdi [--label "PDI border counts"]
 *   npm run admin -- key list
 *   npm run admin -- key disable <keyId>
 *   npm run admin -- device add --agency pnp --unit PNP-7 [--label "Traccar, phone 3"]
 *   npm run admin -- device list
 *   npm run admin -- device disable <deviceId>
 *   npm run admin -- tak cert --agency pnp --unit PNP-7 [--channel live|<exercise id>] [--out dir] [--host h] [--port p]
 *   npm run admin -- tak list
 *   npm run admin -- tak revoke --serial <serial> | --unit <unitId> [--agency <agency>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agencySchema } from '../../lib/contract/agencies.ts';
import { Accounts, AccountError } from '../auth/accounts.ts';
import { Devices } from '../auth/devices.ts';
import { roleSchema } from '../../lib/contract/http.ts';
import { AuditLog, type AuditAction } from '../audit/auditLog.ts';
import { PgClusterBus } from '../cluster/pgClusterBus.ts';
import { DEFAULT_DATA_DIR, EnvironmentError, readAdminConfig } from '../config.ts';
import { openDatabase, type OpenOptions } from '../store/sqlite/database.ts';
import { buildDataPackage, TakCertificateError, TakCertificates } from '../auth/takCertificates.ts';
import { PostgresAccountStore } from '../auth/postgres/postgresAccountStore.ts';
import { PostgresDeviceStore } from '../auth/postgres/postgresDeviceStore.ts';
import { PostgresTakRegistry } from '../auth/postgres/postgresTakRegistry.ts';
import { openMigratedPool } from '../store/postgres/pool.ts';

/** The TAK certificate authority and where its data packages point clients to. */
export interface TakAdmin {
  certificates: TakCertificates;
  host: string;
  port: number;
}

const USAGE = `Usage: npm run admin -- <command>
  user add <username> --role <coordinator|officer|trainer|admin> --agency <agency> [--unit <unitId>]
  user list
  user disable <username>
  key add --agency <agency> [--label <text>]
  key list
  key disable <keyId>
  device add --agency <agency> --unit <unitId> [--label <text>]
  device list
  device disable <deviceId>
  tak cert --agency <agency> --unit <unitId> [--channel live|<exercise id>] [--out <dir>] [--host <host>] [--port <port>]
  tak list
  tak revoke --serial <serial> | --unit <unitId> [--agency <agency>]
Agencies: ${agencySchema.options.join(', ')}
Data directory: CONCORDIA_DATA_DIR (default ${DEFAULT_DATA_DIR}); CONCORDIA_SQLITE_SYNC as for the server`;

export async function runAdmin(
  argv: string[],
  accounts: Accounts,
  out: (line: string) => void,
  audit?: AuditLog,
  actor = 'cli',
  devices?: Devices,
  tak?: TakAdmin,
): Promise<void> {
  const record = (action: AuditAction, target: string, agency?: string) => audit?.record({ actor, action, target, agency, outcome: 'ok' });
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      agency: { type: 'string' },
      unit: { type: 'string' },
      label: { type: 'string' },
      channel: { type: 'string' },
      out: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      serial: { type: 'string' },
    },
  });
  const [subject, verb, name] = positionals;
  const command = `${subject ?? ''} ${verb ?? ''}`.trim();
  switch (command) {
    case 'user add': {
      if (!name) throw new AccountError('user add needs a username');
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new AccountError(`--role must be one of ${roleSchema.options.join(', ')}`);
      const agency = parseAgency(values.agency);
      const { password } = await accounts.createUser({ username: name, role: role.data, agency, unitId: values.unit ?? null });
      record('user.create', name, agency);
      out(`created ${name} (${role.data}, ${agency}); password: ${password}`);
      out('Hand the password over in person; it is not stored anywhere in clear.');
      return;
    }
    case 'user list':
      for (const u of await accounts.listUsers()) {
        out(`${u.username}\t${u.role}\t${u.agency}\t${u.unitId ?? '-'}\t${u.disabled ? 'DISABLED' : 'active'}\t${u.createdAt}`);
      }
      return;
    case 'user disable':
      if (!name) throw new AccountError('user disable needs a username');
      await accounts.disableUser(name);
      record('user.disable', name);
      out(`disabled ${name}; their sessions are ended`);
      return;
    case 'key add': {
      const agency = parseAgency(values.agency);
      const { keyId, key } = await accounts.createKey(agency, values.label ?? `key for ${agency}`);
      record('key.create', keyId, agency);
      out(`created key ${keyId} for ${agency}: ${key}`);
      out('Store it in the sending system now; it cannot be shown again.');
      return;
    }
    case 'key list':
      for (const k of await accounts.listKeys()) {
        out(`${k.keyId}\t${k.agency}\t${k.disabled ? 'DISABLED' : 'active'}\t${k.createdAt}\t${k.label}`);
      }
      return;
    case 'key disable':
      if (!name) throw new AccountError('key disable needs a key id');
      await accounts.disableKey(name);
      record('key.disable', name);
      out(`disabled key ${name}`);
      return;
    case 'device add': {
      const agency = parseAgency(values.agency);
      if (!values.unit) throw new AccountError('device add needs --unit <unitId>');
      const device = await requireDevices(devices).add(agency, values.unit, values.label);
      record('device.create', device.deviceId, agency);
      out(`created device ${device.deviceId} for ${agency} unit ${device.unitId}; identifier: ${device.identifier}`);
      out('Enter the identifier in the tracker app (Traccar Client: "Device identifier"); it cannot be shown again.');
      return;
    }
    case 'device list':
      for (const d of await requireDevices(devices).list()) {
        out(`${d.deviceId}\t${d.agency}\t${d.unitId}\t${d.disabled ? 'DISABLED' : 'active'}\t${d.createdAt}\t${d.label}`);
      }
      return;
    case 'device disable':
      if (!name) throw new AccountError('device disable needs a device id');
      await requireDevices(devices).disable(name);
      record('device.disable', name);
      out(`disabled device ${name}; its positions are refused from now on`);
      return;
    case 'tak cert': {
      const { certificates, host, port } = requireTak(tak);
      const agency = parseAgency(values.agency);
      if (!values.unit) throw new AccountError('tak cert needs --unit <unitId>');
      const serverPort = values.port === undefined ? port : Number(values.port);
      if (!Number.isInteger(serverPort) || serverPort < 1 || serverPort > 65535) throw new AccountError('--port must be a TCP port');
      const issued = await certificates.issue({ agency, unit: values.unit, channel: values.channel }).catch(asAccountError);
      const dir = path.resolve(values.out ?? `tak-${agency}-${values.unit}`);
      const name = `concordia-${agency}-${values.unit}`;
      const pack = buildDataPackage(issued, { host: values.host ?? host, port: serverPort });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(path.join(dir, `${name}.cert.pem`), issued.certPem);
      writeFileSync(path.join(dir, `${name}.key.pem`), issued.keyPem, { mode: 0o600 });
      writeFileSync(path.join(dir, 'concordia-ca.pem'), issued.caPem);
      writeFileSync(path.join(dir, `${name}.zip`), pack.zip, { mode: 0o600 });
      record('tak.cert', issued.serial, agency);
      out(
        `issued TAK certificate ${issued.serial} for ${agency} unit ${issued.unit} on ${issued.channel} (valid until ${issued.notAfter})`,
      );
      out(`wrote ${dir}: ${name}.zip (ATAK data package), ${name}.cert.pem, ${name}.key.pem, concordia-ca.pem`);
      out(`data package password (truststore and client certificate): ${pack.password}`);
      out('The password is shown only now; hand it over with the package. The key file gives access: keep it private.');
      return;
    }
    case 'tak list':
      for (const c of await requireTak(tak).certificates.list()) {
        out(
          `${c.serial}\t${c.agency}\t${c.unit}\t${c.channel}\t${c.revokedAt ? `REVOKED ${c.revokedAt}` : 'active'}\t${c.issuedAt}\t${c.notAfter}`,
        );
      }
      return;
    case 'tak revoke': {
      const agency = values.agency === undefined ? undefined : parseAgency(values.agency);
      const revoked = await requireTak(tak).certificates.revoke({ serial: values.serial, unit: values.unit, agency }).catch(asAccountError);
      if (revoked.length === 0) throw new AccountError('no active TAK certificate matches');
      for (const c of revoked) {
        record('tak.revoke', c.serial, c.agency);
        out(`revoked ${c.serial} (${c.agency} ${c.unit}); the server refuses it and closes its connections within seconds`);
      }
      return;
    }
    default:
      throw new AccountError(USAGE);
  }
}

function requireTak(tak: TakAdmin | undefined): TakAdmin {
  if (!tak) throw new AccountError('tak commands need the TAK certificate authority');
  return tak;
}

function asAccountError(error: unknown): never {
  throw error instanceof TakCertificateError ? new AccountError(error.message) : error;
}

function requireDevices(devices: Devices | undefined): Devices {
  if (!devices) throw new AccountError('device commands need the device registry');
  return devices;
}

function parseAgency(value: string | undefined) {
  const agency = agencySchema.safeParse(value);
  if (!agency.success) throw new AccountError(`--agency must be one of ${agencySchema.options.join(', ')}`);
  return agency.data;
}

/** The database the server uses, opened as the server opens it (CONCORDIA_DATA_DIR, CONCORDIA_SQLITE_SYNC). */
export function adminDatabaseOptions(env?: Record<string, string | undefined>): OpenOptions {
  const config = readAdminConfig(env);
  return { dataDir: config.dataDir, sync: config.sqliteSync };
}

function openDatabaseOrExit(): ReturnType<typeof openDatabase> {
  try {
    return openDatabase(adminDatabaseOptions());
  } catch (error) {
    console.error(error instanceof EnvironmentError ? error.message : error);
    process.exit(2);
  }
}

/**
 * Against a deployment whose nodes share PostgreSQL, a change to accounts or keys is announced on
 * the cluster bus so every node re-checks its open sockets now instead of at the next periodic
 * re-check. Best effort: a node that misses it still re-checks on its own timer.
 */
async function announceCredentialsChange(argv: string[], databaseUrl: string | undefined): Promise<void> {
  const [subject, verb] = argv.filter((arg) => !arg.startsWith('--'));
  if (!databaseUrl || !['user', 'key', 'device'].includes(subject ?? '') || verb === 'list') return;
  try {
    const bus = await PgClusterBus.start({ connectionString: databaseUrl });
    await bus.send({ kind: 'credentials-changed' }).finally(() => bus.close());
  } catch (error) {
    console.error(`could not tell the other nodes (they re-check on their own timer): ${(error as Error).message}`);
  }
}

/** Where the accounts are: PostgreSQL when CONCORDIA_DATABASE_URL is set (migrated first), else the SQLite data dir. */
export async function openAdminStores(
  db: ReturnType<typeof openDatabase>,
  config: { dataDir: string; databaseUrl?: string },
): Promise<{ accounts: Accounts; devices: Devices; certificates: TakCertificates; close(): Promise<void> }> {
  if (!config.databaseUrl) {
    return {
      accounts: new Accounts(db, 0),
      devices: new Devices(db),
      certificates: new TakCertificates(db, config.dataDir),
      close: async () => {},
    };
  }
  const pool = await openMigratedPool(config.databaseUrl, { max: 2 });
  return {
    accounts: new Accounts(new PostgresAccountStore(pool), 0),
    devices: new Devices(new PostgresDeviceStore(pool)),
    certificates: new TakCertificates(new PostgresTakRegistry(pool), config.dataDir),
    close: () => pool.end(),
  };
}

// Run only when executed directly (tests import runAdmin).
if (process.argv[1] && path.basename(process.argv[1]).startsWith('admin')) {
  const db = openDatabaseOrExit();
  const operator = `cli:${userInfo().username}`;
  const config = readAdminConfig();
  let close = async () => {};
  openAdminStores(db, config)
    .then(async (stores) => {
      close = stores.close;
      const tak = { certificates: stores.certificates, ...config.tak };
      await runAdmin(process.argv.slice(2), stores.accounts, (line) => console.log(line), new AuditLog(db), operator, stores.devices, tak);
    })
    .then(() => announceCredentialsChange(process.argv.slice(2), config.databaseUrl))
    .then(() => close())
    .then(() => db.close())
    .catch(async (error: unknown) => {
      await close().catch(() => undefined);
      db.close();
      console.error(error instanceof AccountError || error instanceof TypeError ? error.message : error);
      process.exit(2);
    });
}
