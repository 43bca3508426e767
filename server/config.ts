/**
 * The environment, read and validated here once at start-up by each entry point: the server
 * (readConfig), the admin CLI (readAdminConfig), the data CLI (readDataCliConfig) and the
 * simulators (readSimulatorConfig). Nothing else in server/ reads process.env (tests aside); a
 * bad value stops the program with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_POLICY, type ValidationPolicy } from '../lib/contract/events.ts';
import { problemsFromZod } from '../lib/contract/validation.ts';
import { parseBoundsList } from '../lib/geo/region.ts';
import { DEFAULT_FEED_KEEP_MINUTES, DEFAULT_UNIT_FADE_MINUTES } from '../lib/projection/selectors.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './http/rateLimits.ts';
import { envKeyName, type SimulatorKeys, type SimulatorKeyVariable } from './simulate/keys.ts';
import { simIntervalSchema, simSeedSchema, type SimulatorSettings } from './simulate/settings.ts';
import { SIMULATED_AGENCIES } from './simulate/traffic.ts';

/** The database, the first-start credentials and the scenarios, relative to the working directory. */
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_PORT = 3000;
/** TAK's customary TLS streaming port, written into data packages when CONCORDIA_TAK_PORT is unset. */
export const DEFAULT_TAK_PORT = 8089;

/** A bad or missing variable; the message lists each one with its problem. */
export class EnvironmentError extends Error {}

type Env = Record<string, string | undefined>;

function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = problemsFromZod(parsed.error).map((p) => `  ${p.field}: ${p.message}`);
    throw new EnvironmentError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Variables more than one entry point reads. */
const shared = {
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  CONCORDIA_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  /** FULL survives power loss; NORMAL only a crash. */
  CONCORDIA_SQLITE_SYNC: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** The server the CLIs and the simulators talk to; else http://localhost:<PORT>. */
  CONCORDIA_URL: z.url().optional(),
  CONCORDIA_SIM_SEED: simSeedSchema,
  CONCORDIA_SIM_INTERVAL_MS: simIntervalSchema,
  /** Agency keys for the simulators (envKeyName), instead of the ones in the data directory's credentials file. */
  CONCORDIA_SIM_KEY_CARABINEROS: z.string().min(1).optional(),
  CONCORDIA_SIM_KEY_PDI: z.string().min(1).optional(),
  CONCORDIA_SIM_KEY_PNP: z.string().min(1).optional(),
  CONCORDIA_TAK_PORT: z.coerce.number().int().min(1).max(65535).optional(),
};

function simulatorKeys(e: Partial<Record<SimulatorKeyVariable, string>>): Partial<SimulatorKeys> {
  const keys: Partial<SimulatorKeys> = {};
  for (const agency of SIMULATED_AGENCIES) {
    const key = e[envKeyName(agency)];
    if (key) keys[agency] = key;
  }
  return keys;
}

function serverUrl(e: { CONCORDIA_URL?: string; PORT: number }): string {
  return (e.CONCORDIA_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
}

export const serverEnvSchema = z.object({
  PORT: shared.PORT,
  HOST: z.string().default('0.0.0.0'),
  CONCORDIA_DATA_DIR: shared.CONCORDIA_DATA_DIR,
  CONCORDIA_SQLITE_SYNC: shared.CONCORDIA_SQLITE_SYNC,
  /** postgres://user:password@host:port/db: events, accounts, sessions, keys, devices, TAK certificates and rate limits go to PostgreSQL. */
  CONCORDIA_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres://user:password@host:port/database URL')
    .optional(),
  /** "south,west,north,east" in decimal degrees. */
  CONCORDIA_REGION_BOUNDS: z.string().optional(),
  CONCORDIA_MAX_TEXT_LENGTH: z.coerce.number().int().min(50).max(20_000).default(DEFAULT_POLICY.maxTextLength),
  CONCORDIA_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  CONCORDIA_SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 90)
    .default(24 * 7),
  CONCORDIA_UNIT_FADE_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_UNIT_FADE_MINUTES),
  /** Field reports, incidents and bulletins stay on the wall's feed at least this long. */
  CONCORDIA_FEED_KEEP_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_FEED_KEEP_MINUTES),
  /** A tile URL template ({z}/{x}/{y}) for deployments that have a tile server; none by default. */
  CONCORDIA_TILE_URL: z.url().optional(),
  /** Set when served over HTTPS, so the session cookie is marked Secure. */
  CONCORDIA_SECURE_COOKIES: flag.default(false),
  CONCORDIA_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_RATE_LIMITS.loginFailuresPerAccount),
  CONCORDIA_LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMITS.loginAttemptsPerAddress),
  CONCORDIA_INGEST_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_RATE_LIMITS.ingestRequestsPerSecond),
  /** Bearer token Prometheus sends to GET /metrics; without it only loopback may scrape. */
  CONCORDIA_METRICS_TOKEN: z.string().min(16).optional(),
  /** Where training scenarios (*.json) are read from. */
  CONCORDIA_SCENARIOS_DIR: z.string().min(1).default(path.join(DEFAULT_DATA_DIR, 'scenarios')),
  /** Start the simulated agency feeds inside the server (the quick start does; production does not). */
  CONCORDIA_SIMULATE: flag.default(false),
  /** Raise workflow alerts (queue levels, severe incidents, overdue taskings, silent units) every second. */
  CONCORDIA_WORKFLOW_ALERTS: flag.default(true),
  CONCORDIA_SIM_SEED: shared.CONCORDIA_SIM_SEED,
  CONCORDIA_SIM_INTERVAL_MS: shared.CONCORDIA_SIM_INTERVAL_MS,
  CONCORDIA_SIM_KEY_CARABINEROS: shared.CONCORDIA_SIM_KEY_CARABINEROS,
  CONCORDIA_SIM_KEY_PDI: shared.CONCORDIA_SIM_KEY_PDI,
  CONCORDIA_SIM_KEY_PNP: shared.CONCORDIA_SIM_KEY_PNP,
  /** The TAK streaming endpoint (TLS, client certificates); off unless set. */
  CONCORDIA_TAK_PORT: shared.CONCORDIA_TAK_PORT,
  CONCORDIA_TAK_HOST: z.string().min(1).default('127.0.0.1'),
  /** A TAK connection that sends nothing for this long is closed (clients ping every few seconds). */
  CONCORDIA_TAK_IDLE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  sqliteSync: 'FULL' | 'NORMAL';
  /** Set: the event log lives in this PostgreSQL database. */
  databaseUrl?: string;
  /** Set: the alert raiser runs, checking the live channel this often. */
  workflowAlerts?: { intervalMs: number };
  policy: ValidationPolicy;
  maxBodyBytes: number;
  sessionTtlMs: number;
  unitFadeMinutes: number;
  feedKeepMinutes: number;
  tileUrl?: string;
  secureCookies: boolean;
  rateLimits: RateLimitSettings;
  metricsToken?: string;
  scenariosDir: string;
  simulate: SimulatorSettings;
  logLevel: z.infer<typeof serverEnvSchema>['LOG_LEVEL'];
  dev: boolean;
  /** Set: the TAK endpoint listens (server/tak/takServer.ts). */
  tak?: { port: number; host: string; idleMs: number };
}

export function readConfig(env: Env = process.env): Config {
  const e = parseEnv(serverEnvSchema, env);
  let bounds = DEFAULT_POLICY.bounds;
  if (e.CONCORDIA_REGION_BOUNDS) {
    try {
      bounds = parseBoundsList(e.CONCORDIA_REGION_BOUNDS);
    } catch {
      throw new EnvironmentError('Invalid environment:\n  CONCORDIA_REGION_BOUNDS: expected "south,west,north,east"');
    }
  }
  const keys = simulatorKeys(e);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CONCORDIA_DATA_DIR),
    sqliteSync: e.CONCORDIA_SQLITE_SYNC,
    databaseUrl: e.CONCORDIA_DATABASE_URL,
    workflowAlerts: e.CONCORDIA_WORKFLOW_ALERTS ? { intervalMs: 1_000 } : undefined,
    policy: { bounds, maxTextLength: e.CONCORDIA_MAX_TEXT_LENGTH },
    maxBodyBytes: e.CONCORDIA_MAX_BODY_BYTES,
    sessionTtlMs: e.CONCORDIA_SESSION_TTL_HOURS * 3_600_000,
    unitFadeMinutes: e.CONCORDIA_UNIT_FADE_MINUTES,
    feedKeepMinutes: e.CONCORDIA_FEED_KEEP_MINUTES,
    tileUrl: e.CONCORDIA_TILE_URL,
    secureCookies: e.CONCORDIA_SECURE_COOKIES,
    rateLimits: {
      loginFailuresPerAccount: e.CONCORDIA_LOGIN_FAILURES_PER_ACCOUNT,
      loginAttemptsPerAddress: e.CONCORDIA_LOGIN_ATTEMPTS_PER_ADDRESS,
      ingestRequestsPerSecond: e.CONCORDIA_INGEST_REQUESTS_PER_SECOND,
    },
    metricsToken: e.CONCORDIA_METRICS_TOKEN,
    scenariosDir: path.resolve(e.CONCORDIA_SCENARIOS_DIR),
    simulate: {
      enabled: e.CONCORDIA_SIMULATE,
      seed: e.CONCORDIA_SIM_SEED,
      intervalMs: e.CONCORDIA_SIM_INTERVAL_MS,
      ...(Object.keys(keys).length ? { keys } : {}),
    },
    logLevel: e.LOG_LEVEL,
    dev: e.NODE_ENV === 'development',
    ...(e.CONCORDIA_TAK_PORT
      ? { tak: { port: e.CONCORDIA_TAK_PORT, host: e.CONCORDIA_TAK_HOST, idleMs: e.CONCORDIA_TAK_IDLE_SECONDS * 1000 } }
      : {}),
  };
}

/** `npm run admin`: the server's database, opened as the server opens it. */
export const adminEnvSchema = z.object({
  CONCORDIA_DATA_DIR: shared.CONCORDIA_DATA_DIR,
  CONCORDIA_SQLITE_SYNC: shared.CONCORDIA_SQLITE_SYNC,
  /** Set on a PostgreSQL deployment: the CLI works on the accounts there and tells the running nodes that credentials changed. */
  CONCORDIA_DATABASE_URL: serverEnvSchema.shape.CONCORDIA_DATABASE_URL,
  /** For `tak cert`: the host and port written into the ATAK data package (--host/--port win). */
  CONCORDIA_TAK_PUBLIC_HOST: z.string().min(1).optional(),
  CONCORDIA_TAK_PORT: shared.CONCORDIA_TAK_PORT,
});

export interface AdminConfig {
  dataDir: string;
  sqliteSync: 'FULL' | 'NORMAL';
  databaseUrl?: string;
  tak: { host: string; port: number };
}

export function readAdminConfig(env: Env = process.env): AdminConfig {
  const e = parseEnv(adminEnvSchema, env);
  return {
    dataDir: path.resolve(e.CONCORDIA_DATA_DIR),
    sqliteSync: e.CONCORDIA_SQLITE_SYNC,
    databaseUrl: e.CONCORDIA_DATABASE_URL,
    tak: { host: e.CONCORDIA_TAK_PUBLIC_HOST ?? 'localhost', port: e.CONCORDIA_TAK_PORT ?? DEFAULT_TAK_PORT },
  };
}

/** `npm run data`: which server, with which key (the command line's --url and --key win). */
export const dataCliEnvSchema = z.object({
  PORT: shared.PORT,
  CONCORDIA_URL: shared.CONCORDIA_URL,
  /** An agency key. */
  CONCORDIA_KEY: z.string().min(1).optional(),
  /** migrate-to-postgres reads this data dir unless --data-dir is given. */
  CONCORDIA_DATA_DIR: shared.CONCORDIA_DATA_DIR,
});

export interface DataCliConfig {
  url: string;
  key?: string;
  dataDir: string;
}

export function readDataCliConfig(env: Env = process.env): DataCliConfig {
  const e = parseEnv(dataCliEnvSchema, env);
  return { url: serverUrl(e), key: e.CONCORDIA_KEY, dataDir: path.resolve(e.CONCORDIA_DATA_DIR) };
}

/** `npm run simulate`: the defaults its command line overrides. */
export const simulatorEnvSchema = z.object({
  PORT: shared.PORT,
  CONCORDIA_URL: shared.CONCORDIA_URL,
  CONCORDIA_DATA_DIR: shared.CONCORDIA_DATA_DIR,
  CONCORDIA_SIM_SEED: shared.CONCORDIA_SIM_SEED,
  CONCORDIA_SIM_INTERVAL_MS: shared.CONCORDIA_SIM_INTERVAL_MS,
  CONCORDIA_SIM_KEY_CARABINEROS: shared.CONCORDIA_SIM_KEY_CARABINEROS,
  CONCORDIA_SIM_KEY_PDI: shared.CONCORDIA_SIM_KEY_PDI,
  CONCORDIA_SIM_KEY_PNP: shared.CONCORDIA_SIM_KEY_PNP,
});

export interface SimulatorConfig {
  url: string;
  /** Not resolved: the command line may give another. */
  dataDir: string;
  seed: number;
  intervalMs: number;
  keys: Partial<SimulatorKeys>;
}

export function readSimulatorConfig(env: Env = process.env): SimulatorConfig {
  const e = parseEnv(simulatorEnvSchema, env);
  return {
    url: serverUrl(e),
    dataDir: e.CONCORDIA_DATA_DIR,
    seed: e.CONCORDIA_SIM_SEED,
    intervalMs: e.CONCORDIA_SIM_INTERVAL_MS,
    keys: simulatorKeys(e),
  };
}
