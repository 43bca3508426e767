/**
 * The simulators' agency keys: given in the environment (CONCORDIA_SIM_KEY_CARABINEROS, _PDI, _PNP,
 * read by config.ts) or else from the first-start credentials file in the data directory.
 */
import { CredentialsFileError, initialCredentialsFile, keysByAgency, readInitialCredentials } from '../auth/initialCredentials.ts';
import { SIMULATED_AGENCIES, type SimulatedAgency } from './traffic.ts';

export type SimulatorKeys = Record<SimulatedAgency, string>;

export type SimulatorKeyVariable = `CONCORDIA_SIM_KEY_${Uppercase<SimulatedAgency>}`;

export function envKeyName(agency: SimulatedAgency): SimulatorKeyVariable {
  return `CONCORDIA_SIM_KEY_${agency.toUpperCase() as Uppercase<SimulatedAgency>}`;
}

/**
 * The file is read only when `given` lacks a key. Throws an Error saying what is missing and where
 * it was looked for, or what is wrong with the file.
 */
export function loadSimulatorKeys(dataDir: string, given: Partial<SimulatorKeys> = {}): SimulatorKeys {
  const file = initialCredentialsFile(dataDir);
  let fromFile = new Map<string, string>();
  let fileProblem = '';
  if (SIMULATED_AGENCIES.some((agency) => !given[agency])) {
    try {
      fromFile = keysByAgency(readInitialCredentials(file));
    } catch (error) {
      if (!(error instanceof CredentialsFileError)) throw error;
      fileProblem = error.message;
    }
  }
  const keys: Partial<SimulatorKeys> = {};
  const missing: SimulatedAgency[] = [];
  for (const agency of SIMULATED_AGENCIES) {
    const key = given[agency] ?? fromFile.get(agency);
    if (key) keys[agency] = key;
    else missing.push(agency);
  }
  if (missing.length) {
    const where = fileProblem ? `; ${fileProblem}` : ` or keep ${file}`;
    throw new Error(`no ingest key for ${missing.join(', ')}: set ${missing.map(envKeyName).join(', ')}${where}`);
  }
  return keys as SimulatorKeys;
}
