/**
 * Starts Concordia: reads the environment, opens the store, creates first-start accounts, builds
 * the app around Next's request handler and listens. SIGTERM/SIGINT stop it gracefully.
 */
import next from 'next';
import { readConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openDatabase } from './store/sqlite/database.ts';
import { SqliteEventStore } from './store/sqlite/sqliteEventStore.ts';
import { openPostgresEventStore } from './store/postgres/postgresEventStore.ts';
import { openPool } from './store/postgres/pool.ts';
import { BackgroundCheckpoints } from './store/sqlite/backgroundCheckpoints.ts';
import { Accounts } from './auth/accounts.ts';
import { Devices } from './auth/devices.ts';
import { bootstrapAccounts } from './auth/bootstrap.ts';
import { PostgresAuditLog, SqliteAuditLog } from './audit/auditLog.ts';
import { randomUUID } from 'node:crypto';
import { createApp } from './app.ts';
import { PgClusterBus } from './cluster/pgClusterBus.ts';
import { TakCertificates } from './auth/takCertificates.ts';
import { TakServer } from './tak/takServer.ts';
import { openRateLimitPool } from './http/rateLimits.ts';
import { PostgresAccountStore } from './auth/postgres/postgresAccountStore.ts';
import { PostgresDeviceStore } from './auth/postgres/postgresDeviceStore.ts';
import { PostgresTakRegistry } from './auth/postgres/postgresTakRegistry.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel);

  const db = openDatabase({ dataDir: config.dataDir, sync: config.sqliteSync });
  // WAL checkpoints copy and fsync on a worker thread, not inside a commit on the event loop.
  const checkpoints = new BackgroundCheckpoints({
    db,
    sync: config.sqliteSync,
    onError: (error) => log.error({ err: error }, 'background checkpoints stopped; the server connection checkpoints again'),
  });
  const postgres = config.databaseUrl ? await openPostgresEventStore(config.databaseUrl) : undefined;
  const store = postgres ?? new SqliteEventStore(db);
  // On PostgreSQL, accounts, sessions, keys, devices, TAK certificates and the audit trail are
  // there too (on the event store's pool), and rate limits (their own pool), shared by every node.
  const accounts = new Accounts(postgres ? new PostgresAccountStore(postgres.pool) : db, config.sessionTtlMs);
  const rateLimitPool = config.databaseUrl ? openRateLimitPool(config.databaseUrl) : undefined;
  const audit = postgres ? new PostgresAuditLog(postgres.pool, (problem) => log.error({ problem }, 'audit trail')) : new SqliteAuditLog(db);
  const credentialsFile = await bootstrapAccounts(accounts, config.dataDir);
  // Nodes sharing one PostgreSQL hear each other's appends, sign-outs and credential changes.
  const cluster = config.databaseUrl
    ? await PgClusterBus.start({ connectionString: config.databaseUrl, onProblem: (problem) => log.warn({ problem }, 'cluster bus') })
    : undefined;

  // Leases and exercise sessions: a pool of their own, so renewals never wait behind ingest.
  const coordinationPool = config.databaseUrl
    ? openPool(config.databaseUrl, { max: 3, onError: (error) => log.warn({ err: error }, 'coordination pool') })
    : undefined;

  // npm scripts run from the project root, where next build left .next/.
  const nextApp = next({ dev: config.dev, dir: process.cwd(), hostname: config.host, port: config.port });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();

  const app = await createApp({
    store,
    accounts,
    devices: new Devices(postgres ? new PostgresDeviceStore(postgres.pool) : db),
    rateLimitPool,
    audit,
    log,
    pages: (req, res) => handle(req, res),
    settings: config,
    cluster,
    coordination: coordinationPool ? { pool: coordinationPool, nodeId: randomUUID() } : undefined,
  });

  await new Promise<void>((resolve, reject) => {
    app.http.once('error', reject);
    app.http.listen(config.port, config.host, () => resolve());
  });
  // The TAK endpoint (CONCORDIA_TAK_PORT): TLS with client certificates from Concordia's CA.
  const tak = config.tak
    ? await TakServer.start({
        certificates: new TakCertificates(postgres ? new PostgresTakRegistry(postgres.pool) : db, config.dataDir),
        hub: app.hub,
        ingest: app.ingest,
        log,
        host: config.tak.host,
        port: config.tak.port,
        idleMs: config.tak.idleMs,
      })
    : null;
  const address = app.http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info({ port, dataDir: config.dataDir, eventStore: config.databaseUrl ? 'postgresql' : 'sqlite' }, 'listening');
  console.log(`\nConcordia is running at http://${shownHost}:${port}/  (data in ${config.dataDir})`);
  if (credentialsFile) {
    console.log(`First start: accounts and agency keys were created. Find them in ${credentialsFile}`);
  } else {
    console.log('Accounts: use the ones you created (npm run admin -- user list).');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await tak?.close();
    await app.close();
    await cluster?.close();
    await coordinationPool?.end();
    await rateLimitPool?.end();
    await nextApp.close?.();
    await checkpoints.stop();
    db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
