/**
 * A real Concordia server for socket and API tests: in-memory SQLite, first-start accounts, no
 * Next, listening on port 0. Clients are real socket.io-client sockets over real TCP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
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
  /** Run the workflow alert raiser (off by default so other tests' seqs stay as they were). */
  workflowAlerts?: { intervalMs?: number };
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
}
const sharedDatabases = new WeakMap<TestServer, SharedDatabase>();

async function openSharedDatabase(options: TestServerOptions): Promise<SharedDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-test-'));
  const db = openDatabase({ dataDir: options.dataDir ?? ':memory:' });
  const store = options.eventStore ?? new SqliteEventStore(db, options.sqliteStore);
  const accounts = new Accounts(db, 3_600_000);
  const file = await bootstrapAccounts(accounts, dataDir);
  const credentials = readInitialCredentials(file!);
  return { db, store, accounts, audit: new AuditLog(db), devices: new Devices(db), credentials, dataDir };
}

/** Limits high enough that ordinary tests never meet them; rate-limit tests lower them. */
const GENEROUS_LIMITS: RateLimitSettings = {
  loginFailuresPerAccount: 1_000,
  loginAttemptsPerAddress: 10_000,
  ingestRequestsPerSecond: 100_000,
};

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const joined = options.node?.sameDatabaseAs ? sharedDatabases.get(options.node.sameDatabaseAs) : undefined;
  const shared = joined ?? (await openSharedDatabase(options));
  const { db, accounts, audit, devices, credentials, dataDir } = shared;
  // A node joining another's database leaves closing the store to the node that opened it, unless
  // it brought its own (its own pool on a shared PostgreSQL).
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
    store,
    accounts,
    devices,
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
      if (joined) return;
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  sharedDatabases.set(server, shared);
  return server;
}
