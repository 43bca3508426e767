/**
 * Builds Concordia from its parts: the HTTP server (API, page guard, then Next), Socket.IO on the
 * same port, the channel hub and the ingest path. main.ts supplies real parts; tests supply their
 * own (an in-memory store, no Next).
 */
import { workflowRoutes } from './workflow/actions.ts';
import { taskingsRoutes } from './taskings/taskingsRoutes.ts';
import { startAlertRaiser } from './workflow/alertRaiser.ts';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from 'pino';
import type pg from 'pg';
import { Server } from 'socket.io';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../lib/contract/socketTimings.ts';
import { isTrainingChannel, LIVE_CHANNEL } from '../lib/contract/channelNames.ts';
import type { ValidationPolicy } from '../lib/contract/events.ts';
import type { Accounts } from './auth/accounts.ts';
import { coreRoutes } from './http/api.ts';
import { createRequestAuth } from './http/requestAuth.ts';
import { createRouter } from './http/router.ts';
import { guardPage, passViewer } from './http/pages.ts';
import { asHttpError, sendError } from './http/respond.ts';
import { healthRoutes } from './http/healthRoutes.ts';
import { Ingest } from './ingest/ingest.ts';
import { formatRoutes } from './ingest/formatRoutes.ts';
import { osmandRoutes } from './ingest/osmandRoutes.ts';
import { waitTimesRoutes } from './public/waitTimesRoutes.ts';
import type { Devices } from './auth/devices.ts';
import { exportRoutes } from './export/exportRoutes.ts';
import { capRoutes } from './export/capRoutes.ts';
import { handoverRoutes } from './handover/handoverRoutes.ts';
import { simulateOnceListening } from './simulate/inProcess.ts';
import type { SimulatorSettings } from './simulate/settings.ts';
import { ChannelHub } from './realtime/channelHub.ts';
import { asciiPacketParser } from './realtime/asciiPacketParser.ts';
import { attachRealtime, emitTrainingClock, type ConcordiaServer, type Realtime } from './realtime/socketServer.ts';
import { ScenarioCatalog } from './training/scenarioCatalog.ts';
import { NO_PERSISTENCE, sessionFile } from './training/sessionFile.ts';
import { trainingRoutes } from './training/trainingRoutes.ts';
import { TrainingSessions } from './training/trainingSessions.ts';
import { RateLimits, type RateLimitSettings } from './http/rateLimits.ts';
import { applyApiCsp, applyCommonHeaders, applyPageCsp, originOf } from './http/securityHeaders.ts';
import { InFlightRequests } from './http/inFlight.ts';
import type { AuditLog } from './audit/auditLog.ts';
import { DEFAULT_DATA_DIR } from './config.ts';
import { Metrics } from './metrics.ts';
import { metricsRoutes } from './http/metricsRoutes.ts';
import type { EventStore } from './store/eventStore.ts';
import type { ClusterBus } from './cluster/clusterBus.ts';
import { announcingStore, followCluster } from './cluster/followCluster.ts';
import { pgLeases, soloLeases, whileLeased, type LeasePool } from './cluster/lease.ts';
import { SharedSessionTable } from './training/sharedSessions.ts';

/** Longest wait for requests in flight on shutdown before closing anyway. */
const SHUTDOWN_DRAIN_MS = 5_000;

const isApiPath = (url: string | undefined) =>
  (url ?? '').startsWith('/api/') || url === '/healthz' || url === '/readyz' || url === '/metrics';

const isProbePath = (url: string | undefined) => url === '/healthz' || url === '/readyz' || url === '/metrics';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface AppParts {
  store: EventStore;
  /**
   * The other nodes on the same store (PostgreSQL LISTEN/NOTIFY in a deployment): appends,
   * sign-outs and credential changes are told to them and heard from them. Without it, one node.
   */
  cluster?: ClusterBus;
  /**
   * Work only one node may do, and exercise sessions, on PostgreSQL (a small pool of its own, so
   * lease renewals never queue behind ingest). Without it, this node owns everything and sessions
   * go to the sessions file.
   */
  coordination?: { pool: LeasePool; nodeId: string };
  accounts: Accounts;
  /** Registered tracker devices; without it the OsmAnd endpoint is not served. */
  devices?: Devices;
  /** The PostgreSQL every node shares (migrated): rate limits and sign-in lockouts count there. Without it, per process. */
  rateLimitPool?: pg.Pool;
  audit: AuditLog;
  log: Logger;
  /** Defaults to a fresh registry with process metrics. */
  metrics?: Metrics;
  /** Next's request handler; absent in socket and API tests. */
  pages?: RequestHandler;
  settings: {
    policy: ValidationPolicy;
    maxBodyBytes: number;
    sessionTtlMs: number;
    secureCookies: boolean;
    unitFadeMinutes: number;
    /** Minutes a field report stays on the wall's feed (default DEFAULT_FEED_KEEP_MINUTES). */
    feedKeepMinutes?: number;
    tileUrl?: string;
    rateLimits?: RateLimitSettings;
    dev?: boolean;
    /** How often open sockets' credentials are checked again (tests shorten it). */
    credentialRecheckMs?: number;
    /** Bearer token for GET /metrics; without one, only loopback clients may scrape. */
    metricsToken?: string;
    /** Simulated agency feeds posting to this server once it listens (keys from dataDir). */
    simulate?: SimulatorSettings;
    /** Training scenarios (default <DEFAULT_DATA_DIR>/scenarios). */
    scenariosDir?: string;
    /** Where exercise sessions are saved to survive a restart; without it they live in memory only. */
    dataDir?: string;
    /** Raise workflow alerts (queue levels, severe incidents, overdue taskings, silent units); off unless set. */
    workflowAlerts?: { intervalMs?: number };
  };
}

export interface App {
  http: HttpServer;
  io: ConcordiaServer;
  hub: ChannelHub;
  ingest: Ingest;
  training: TrainingSessions;
  /** Stops taking requests, disconnects sockets, completes writes in flight. */
  close(): Promise<void>;
}

export async function createApp(parts: AppParts): Promise<App> {
  const { accounts, audit, log, pages, settings, cluster } = parts;
  const store = cluster ? announcingStore(parts.store, cluster) : parts.store;
  const hub = new ChannelHub(store);
  await hub.open(LIVE_CHANNEL);
  const stopFollowing = cluster ? followCluster(hub, cluster) : null;
  const metrics = parts.metrics ?? new Metrics();
  const ingest = new Ingest({ store, hub, policy: settings.policy, metrics });
  hub.listen({
    batch: () => {},
    heartbeat: () => {},
    // The oldest event of a batch waited longest: that is the lag a screen sees.
    // Exercise events carry exercise time as receivedAt (months in the past): no lag to measure.
    flushed: (channel, events) =>
      !isTrainingChannel(channel) && metrics.broadcastLag.observe((Date.now() - Date.parse(events[0].receivedAt)) / 1000),
  });
  const auth = createRequestAuth(accounts);
  // Exercises: each session opens its own training:<id> channel on the hub; the clock reaches
  // screens through Socket.IO, which exists only further down (hence the indirection).
  const coordination = parts.coordination;
  const leases = coordination
    ? pgLeases({ pool: coordination.pool, owner: coordination.nodeId, onProblem: (problem) => log.warn({ problem }, 'lease') })
    : soloLeases();
  const catalog = new ScenarioCatalog(settings.scenariosDir ?? path.resolve(DEFAULT_DATA_DIR, 'scenarios'), settings.policy, log);
  const training = new TrainingSessions({
    hub,
    store,
    catalog,
    persistence: settings.dataDir && settings.dataDir !== ':memory:' ? sessionFile(settings.dataDir) : NO_PERSISTENCE,
    log,
    broadcastClock: (clock) => emitTrainingClock(io, clock),
    shared: coordination
      ? { table: new SharedSessionTable(coordination.pool), leases, owner: coordination.nodeId, bus: cluster }
      : undefined,
  });
  await training.restore();
  const rateLimits = new RateLimits(settings.rateLimits, parts.rateLimitPool);
  let realtime: Realtime | undefined;
  // Each feature adds its own route table here.
  const handleApi = createRouter(
    [
      healthRoutes({ store: parts.store }),
      metricsRoutes({ metrics, io: () => io, token: settings.metricsToken }),
      coreRoutes({
        accounts,
        auth,
        audit,
        rateLimits,
        ingest,
        hub,
        store,
        log,
        settings,
        onSessionEnded: (sessionHash) => {
          realtime?.endSession(sessionHash);
          // Not awaited: a lost message still ends the session's sockets at the next re-check.
          cluster?.send({ kind: 'session-ended', sessionHash }).catch(() => {});
        },
      }),
      formatRoutes({ auth, audit, rateLimits, ingest, hub, log, settings }),
      parts.devices ? osmandRoutes({ devices: parts.devices, ingest, audit, rateLimits, log }) : {},
      exportRoutes({ auth, hub, store, log }),
      waitTimesRoutes({ hub }),
      handoverRoutes({ auth, hub, store, log, training }),
      capRoutes({ auth, audit, rateLimits, ingest, hub, store, log, settings }),
      trainingRoutes({ auth, audit, catalog, sessions: training, log }),
      workflowRoutes({ auth, audit, hub, store, settings, training }),
      taskingsRoutes({ auth, hub, store }),
    ],
    log,
  );
  const csp = { tileOrigin: originOf(settings.tileUrl), dev: settings.dev };
  const inFlight = new InFlightRequests();

  const http = createServer(async (req, res) => {
    const done = inFlight.begin(res);
    applyCommonHeaders(res);
    try {
      if (isApiPath(req.url)) applyApiCsp(res);
      // Probes answer without the account store (a load balancer's check must not need it), and
      // Next's static assets need nobody's credential.
      if (!isProbePath(req.url) && !req.url?.startsWith('/_next/')) await auth.resolve(req);
      if (await handleApi(req, res)) return;
      if (guardPage(req, res, () => auth.authenticate(req))) return;
      passViewer(req, () => auth.authenticate(req));
      applyPageCsp(req, res, csp);
      if (pages) return await pages(req, res);
      sendError(res, 404, 'not_found', 'no such page');
    } catch (error) {
      const known = asHttpError(error);
      if (!known) log.error({ err: error, url: req.url }, 'unhandled request error');
      if (res.headersSent) res.end();
      else if (known) sendError(res, known.status, known.code, known.message, known.problems, known.headers);
      else sendError(res, 500, 'internal', 'the server could not complete the request');
    } finally {
      done();
    }
  });

  const io: ConcordiaServer = new Server(http, {
    // Client messages are small commands; anything bigger is refused before it is parsed.
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    parser: asciiPacketParser,
    // A frozen node is noticed by its dashboards in 2–3.5 s (lib/contract/socketTimings.ts).
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
  });
  realtime = attachRealtime(io, { hub, store, accounts, log, recheckMs: settings.credentialRecheckMs });
  const stopHearing = cluster?.subscribe({
    message: (message) => {
      if (message.kind === 'session-ended') realtime?.endSession(message.sessionHash);
      else if (message.kind === 'credentials-changed') void realtime?.recheckNow();
    },
  });
  const simulators = settings.simulate?.enabled ? simulateOnceListening(http, settings.simulate, settings.dataDir, log, leases) : null;
  training.start();
  // One raiser across the nodes (its ids are deterministic, so a moment of two after a takeover stores nothing twice).
  const alerts = settings.workflowAlerts;
  const stopAlerts = alerts
    ? whileLeased(leases, 'workflow-alerts', () =>
        startAlertRaiser({ hub, store, log, training, fadeMinutes: settings.unitFadeMinutes, intervalMs: alerts.intervalMs }),
      )
    : undefined;

  let closing: Promise<void> | null = null;
  /**
   * Graceful: stop accepting connections, let requests in flight finish (their writes commit and
   * their 201s go out), then close sockets and the store.
   */
  async function close(): Promise<void> {
    closing ??= (async () => {
      await simulators?.stop();
      await stopAlerts?.();
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await inFlight.drained(SHUTDOWN_DRAIN_MS);
      realtime?.stop();
      stopHearing?.();
      stopFollowing?.();
      await training.close();
      io.disconnectSockets(true);
      await store.close();
      hub.close();
      http.closeAllConnections();
      await httpClosed;
    })();
    return closing;
  }

  return { http, io, hub, ingest, training, close };
}
