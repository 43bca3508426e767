/**
 * The environment, read and validated once at start-up. Nothing else in the server reads
 * process.env; a bad value stops the server with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_POLICY, type ValidationPolicy } from '../lib/contract/events.ts';
import { parseBoundsList } from '../lib/geo/region.ts';
import { DEFAULT_FEED_KEEP_MINUTES, DEFAULT_UNIT_FADE_MINUTES } from '../lib/projection/selectors.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './http/rateLimits.ts';
import { simIntervalSchema, simSeedSchema, type SimulatorSettings } from './simulate/settings.ts';

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  CONCORDIA_DATA_DIR: z.string().min(1).default('./data'),
  /** FULL survives power loss; NORMAL only a crash. */
  CONCORDIA_SQLITE_SYNC: z.enum(['FULL', 'NORMAL']).default('FULL'),
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
  CONCORDIA_SCENARIOS_DIR: z.string().min(1).default('./data/scenarios'),
  /** Start the simulated agency feeds inside the server (the quick start does; production does not). */
  CONCORDIA_SIMULATE: flag.default(false),
  CONCORDIA_SIM_SEED: simSeedSchema,
  CONCORDIA_SIM_INTERVAL_MS: simIntervalSchema,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  sqliteSync: 'FULL' | 'NORMAL';
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
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dev: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let bounds = DEFAULT_POLICY.bounds;
  if (e.CONCORDIA_REGION_BOUNDS) {
    try {
      bounds = parseBoundsList(e.CONCORDIA_REGION_BOUNDS);
    } catch {
      throw new Error('Invalid environment:\n  CONCORDIA_REGION_BOUNDS: expected "south,west,north,east"');
    }
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CONCORDIA_DATA_DIR),
    sqliteSync: e.CONCORDIA_SQLITE_SYNC,
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
    simulate: { enabled: e.CONCORDIA_SIMULATE, seed: e.CONCORDIA_SIM_SEED, intervalMs: e.CONCORDIA_SIM_INTERVAL_MS },
    logLevel: e.LOG_LEVEL,
    dev: e.NODE_ENV === 'development',
  };
}
