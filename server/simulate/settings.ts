/** Simulator settings shared by `npm run simulate` and the in-process simulators (config.ts). */
import { z } from 'zod';
import type { SimulatorKeys } from './keys.ts';

export const DEFAULT_SIM_SEED = 2025;
/** Each unit reports every 3 s: a moving picture without flooding the log (~3 events/s in all). */
export const DEFAULT_SIM_INTERVAL_MS = 3_000;

export const simSeedSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1)
  .default(DEFAULT_SIM_SEED);
export const simIntervalSchema = z.coerce.number().int().min(250).max(60_000).default(DEFAULT_SIM_INTERVAL_MS);

export interface SimulatorSettings {
  enabled: boolean;
  seed: number;
  intervalMs: number;
  /** Keys given in the environment; the rest come from the data directory's credentials file. */
  keys?: Partial<SimulatorKeys>;
}
