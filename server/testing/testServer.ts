/**
 * A real Concordia server for socket and API tests: in-memory SQLite, first-start accounts, no
 * Next, listening on port 0. Clients are real socket.io-client sockets over real TCP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { DEFAULT_POLICY } from '../../lib/contract/events.ts';
import { signInReplySchema } from '../../lib/contract/http.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/contract/socket.ts';
import { Accounts } from '../auth/accounts.ts';
import { Devices } from '../auth/devices.ts';
import { AuditLog } from '../audit/auditLog.ts';
import type { RateLimitSettings } from '../http/rateLimits.ts';
import { bootstrapAccounts } from '../auth/bootstrap.ts';
import { readInitialCredentials, type InitialCredentials } from '../auth/initialCredentials.ts';
import { createApp, type App } from '../app.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../store/sqlite/sqliteEventStore.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { ClusterBus } from '../cluster/clusterBus.ts';
import type { LeasePool } from '../cluster/lease.ts';
import { PostgresAccountStore } from '../auth/postgres/postgresAccountStore.ts';
import { PostgresDeviceStore } from '../auth/postgres/postgresDeviceStore.ts';
import { migrate } from '../store/postgres/migrations.ts';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  url: string;
  app: App;
  accounts: Accounts;
  /** Tracker devices (OsmAnd), on the same database. */
  devices: Devices;
  /** The audit trail, on the same database. */
  audit: AuditLog;
  /** The highest seq stored on a channel: what is durable, whether or not it was broadcast yet. */
  storedHead(channel?: string): Promise<number>;
  credentials: InitialCredentials;
  keyOf(agency: string): string;
  passwordOf(username: string): string;
  /** Signs in over HTTP and returns the session token. */
  signIn(username: string): Promise<string>;
  /** A connected socket authenticated with the token. */
  connect(token: string): Promise<TestClient>;
  post(body: unknown, credential: string | null, init?: { channel?: string; contentType?: string; raw?: string }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  rateLimits?: Partial<RateLimitSettings>;
  /** Another node: joined to the others by `cluster`, on the database of `sameDatabaseAs` if given. */
  node?: { cluster: ClusterBus; sameDatabaseAs?: TestServer };
  /** A directory for the SQLite file (accounts, audit, events) instead of memory; the caller owns it. */
  dataDir?: string;
  /** Options of the SQLite event store. */
  sqliteStore?: SqliteEventStoreOptions;
  /** The event log on another store (e.g. PostgreSQL); closed with the server. A joining node may bring its own. */
  eventStore?: EventStore;
  /** Leases and shared exercise sessions on PostgreSQL (see AppParts.coordination). */
  coordination?: { pool: LeasePool; nodeId: string };
  /** Another audit trail (e.g. PostgreSQL) instead of the SQLite one. */
  audit?: AuditLog;
  /** Run the workflow alert raiser (off by default so other tests' seqs stay as they were). */
  workflowAlerts?: { intervalMs?: number };
  /**
   * Accounts, sessions, keys, devices and rate limits in this PostgreSQL instead of the SQLite
   * file; every node of the cluster opens its own pool on it, as separate processes would.
   */
  accountsDatabaseUrl?: string;
}

/** What nodes of one test cluster share: the database and what was bootstrapped into it. */
interface SharedDatabase {
  db: Database.Database;
  store: EventStore;
  accounts: Accounts;
  audit: AuditLog;
  devices: Devices;
  credentials: InitialCredentials;
  dataDir: string;
  accountsDatabaseUrl?: string;
}
const sharedDatabases = new WeakMap<TestServer, SharedDatabase>();

/** One node's accounts and devices: the SQLite file's, or its own pool on the shared PostgreSQL. */
interface NodeAccounts {
  accounts: Accounts;
  devices: Devices;
  rateLimitPool?: pg.Pool;
  close(): Promise<void>;
}

async function nodeAccounts(db: Database.Database, accountsDatabaseUrl: string | undefined): Promise<NodeAccounts> {
  if (!accountsDatabaseUrl) return { accounts: new Accounts(db, 3_600_000), devices: new Devices(db), close: async () => {} };
  const pool = new pg.Pool({ connectionString: accountsDatabaseUrl, max: 4 });
  // As in main.ts: a connection lost (database restarted) must not crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  await migrate(pool);
  return {
    accounts: new Accounts(new PostgresAccountStore(pool), 3_600_000),
    devices: new Devices(new PostgresDeviceStore(pool)),
    rateLimitPool: pool,
    close: () => pool.end(),
  };
}

async function openSharedDatabase(options: TestServerOptions): Promise<{ shared: SharedDatabase; own: NodeAccounts }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-test-'));
  const db = openDatabase({ dataDir: options.dataDir ?? ':memory:' });
  const store = options.eventStore ?? new SqliteEventStore(db, options.sqliteStore);
  const node = await nodeAccounts(db, options.accountsDatabaseUrl);
  const file = await bootstrapAccounts(node.accounts, dataDir);
  if (!file) throw new Error('the accounts database of a new test cluster must be empty');
  const credentials = readInitialCredentials(file);
  const shared: SharedDatabase = {
    db,
    store,
    accounts: node.accounts,
    audit: new AuditLog(db),
    devices: node.devices,
    credentials,
    dataDir,
    accountsDatabaseUrl: options.accountsDatabaseUrl,
  };
  return { shared, own: node };
}

/** Limits high enough that ordinary tests never meet them; rate-limit tests lower them. */
const GENEROUS_LIMITS: RateLimitSettings = {
  loginFailuresPerAccount: 1_000,
  loginAttemptsPerAddress: 10_000,
  ingestRequestsPerSecond: 100_000,
};

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const joined = options.node?.sameDatabaseAs ? sharedDatabases.get(options.node.sameDatabaseAs) : undefined;
  const { shared, own } = joined
    ? {
        shared: joined,
        own: joined.accountsDatabaseUrl
          ? await nodeAccounts(joined.db, joined.accountsDatabaseUrl)
          : { accounts: joined.accounts, devices: joined.devices, close: async () => {} },
      }
    : await openSharedDatabase(options);
  const { db, credentials, dataDir } = shared;
  const audit = options.audit ?? shared.audit;
  const { accounts, devices } = own;
  // A node joining another's database leaves closing the store to the node that opened it.
  // A node that brought its own store (its own pool on a shared PostgreSQL) closes it itself.
  const store: EventStore =
    joined && !options.eventStore
      ? {
          append: (channel, events) => shared.store.append(channel, events),
          read: (channel, options) => shared.store.read(channel, options),
          head: (channel) => shared.store.head(channel),
          probe: () => shared.store.probe(),
          close: async () => {},
        }
      : (options.eventStore ?? shared.store);
  const app = await createApp({
    cluster: options.node?.cluster,
    coordination: options.coordination,
    store,
    accounts,
    devices,
    rateLimitPool: own.rateLimitPool,
    audit,
    log: pino({ level: 'silent' }),
    settings: {
      policy: DEFAULT_POLICY,
      maxBodyBytes: 1024 * 1024,
      sessionTtlMs: 3_600_000,
      secureCookies: false,
      unitFadeMinutes: 15,
      rateLimits: { ...GENEROUS_LIMITS, ...options.rateLimits },
      credentialRecheckMs: 200,
      workflowAlerts: options.workflowAlerts,
    },
  });
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', () => resolve()));
  const address = app.http.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sockets: TestClient[] = [];

  const server: TestServer = {
    url,
    app,
    accounts,
    devices,
    audit,
    storedHead: (channel = 'live') => store.head(channel),
    credentials,
    keyOf: (agency) => credentials.keys.find((k) => k.agency === agency)!.key,
    passwordOf: (username) => credentials.users.find((u) => u.username === username)!.password,
    async signIn(username) {
      const res = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: server.passwordOf(username) }),
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
      return signInReplySchema.parse(await res.json()).token;
    },
    connect(token) {
      const socket: TestClient = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    },
    post(body, credential, init = {}) {
      const query = init.channel ? `?channel=${encodeURIComponent(init.channel)}` : '';
      return fetch(`${url}/api/events${query}`, {
        method: 'POST',
        headers: {
          'content-type': init.contentType ?? 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        body: init.raw ?? JSON.stringify(body),
      });
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await app.close();
      await own.close();
      if (joined) return;
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  sharedDatabases.set(server, shared);
  return server;
}
