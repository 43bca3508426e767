/**
 * `npm run simulate`: live traffic from Carabineros, PDI and PNP against a running Concordia,
 * through its HTTP API with each agency's key, until Ctrl-C. See docs/ingest.md.
 *
 *   npm run simulate -- [--url http://localhost:3000] [--seed 2025] [--interval-ms 3000] [--data-dir ./data]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { problemsFromZod } from '../../lib/contract/validation.ts';
import { DEFAULT_DATA_DIR, DEFAULT_PORT, readSimulatorConfig } from '../config.ts';
import { loadSimulatorKeys } from './keys.ts';
import { startSimulators } from './runner.ts';
import { simIntervalSchema, simSeedSchema } from './settings.ts';

const USAGE = `Usage: npm run simulate -- [--url <url>] [--seed <n>] [--interval-ms <ms>] [--data-dir <dir>]
  --url          the server (CONCORDIA_URL, else http://localhost:${DEFAULT_PORT})
  --seed         the same seed gives the same traffic (CONCORDIA_SIM_SEED, default 2025)
  --interval-ms  time between ticks; each unit reports once a tick (CONCORDIA_SIM_INTERVAL_MS, default 3000)
  --data-dir     where initial-credentials.json holds the agency keys (CONCORDIA_DATA_DIR, default ${DEFAULT_DATA_DIR});
                 or give CONCORDIA_SIM_KEY_CARABINEROS, CONCORDIA_SIM_KEY_PDI, CONCORDIA_SIM_KEY_PNP`;

const optionsSchema = z.object({
  url: z.url(),
  seed: simSeedSchema,
  intervalMs: simIntervalSchema,
  dataDir: z.string().min(1),
});

function main(): void {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      seed: { type: 'string' },
      'interval-ms': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = readSimulatorConfig();
  const parsed = optionsSchema.safeParse({
    url: values.url ?? env.url,
    seed: values.seed ?? env.seed,
    intervalMs: values['interval-ms'] ?? env.intervalMs,
    dataDir: values['data-dir'] ?? env.dataDir,
  });
  if (!parsed.success) {
    console.error(
      `${problemsFromZod(parsed.error)
        .map((p) => `${p.field}: ${p.message}`)
        .join('\n')}\n\n${USAGE}`,
    );
    process.exit(2);
  }
  const options = parsed.data;
  const keys = loadSimulatorKeys(path.resolve(options.dataDir), env.keys);
  const simulators = startSimulators({
    url: options.url.replace(/\/$/, ''),
    keys,
    seed: options.seed,
    intervalMs: options.intervalMs,
    log: (level, message) => (level === 'info' ? console.log(message) : console.error(message)),
  });
  const progress = setInterval(() => {
    const { ticks, delivered, failedBatches } = simulators.stats();
    console.log(
      `${new Date().toISOString()} ticks ${ticks}, events delivered ${delivered}${failedBatches ? `, failed batches ${failedBatches}` : ''}`,
    );
  }, 60_000);
  const stop = async () => {
    clearInterval(progress);
    await simulators.stop();
    console.log(`stopped; events delivered ${simulators.stats().delivered}`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
