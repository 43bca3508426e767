/**
 * The simulators' agency keys: from the environment (CONCORDIA_SIM_KEY_CARABINEROS, _PDI, _PNP)
 * or else from the first-start credentials file in the data directory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { INITIAL_CREDENTIALS_FILE } from '../auth/bootstrap.ts';
import { SIMULATED_AGENCIES, type SimulatedAgency } from './traffic.ts';

const credentialsSchema = z.object({ keys: z.array(z.object({ agency: z.string(), key: z.string().min(1) })) });

export function envKeyName(agency: SimulatedAgency): string {
  return `CONCORDIA_SIM_KEY_${agency.toUpperCase()}`;
}

/** Throws an Error saying what is missing and where it was looked for. */
export function loadSimulatorKeys(dataDir: string, env: Record<string, string | undefined> = {}): Record<SimulatedAgency, string> {
  const file = path.join(dataDir, INITIAL_CREDENTIALS_FILE);
  let fromFile = new Map<string, string>();
  try {
    const parsed = credentialsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) fromFile = new Map(parsed.data.keys.map((k) => [k.agency, k.key]));
  } catch {
    // No readable file: the environment must supply every key.
  }
  const keys: Partial<Record<SimulatedAgency, string>> = {};
  const missing: string[] = [];
  for (const agency of SIMULATED_AGENCIES) {
    const key = env[envKeyName(agency)] ?? fromFile.get(agency);
    if (key) keys[agency] = key;
    else missing.push(agency);
  }
  if (missing.length) {
    throw new Error(
      `no ingest key for ${missing.join(', ')}: set ${missing.map((a) => envKeyName(a as SimulatedAgency)).join(', ')} or keep ${file}`,
    );
  }
  return keys as Record<SimulatedAgency, string>;
}
