import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialCredentialsFile } from '../auth/initialCredentials.ts';
import { envKeyName, loadSimulatorKeys } from './keys.ts';
import { SIMULATED_AGENCIES } from './traffic.ts';
import { simulatorEnvSchema } from '../config.ts';

function dataDirWith(text?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'concordia-simkeys-'));
  if (text !== undefined) writeFileSync(initialCredentialsFile(dir), text);
  return dir;
}

describe('the simulators’ agency keys', () => {
  it('takes the given keys first and the rest from the credentials file', () => {
    const dir = dataDirWith(
      JSON.stringify({
        keys: [
          { agency: 'carabineros', key: 'ck_c' },
          { agency: 'pdi', key: 'ck_p' },
          { agency: 'pnp', key: 'ck_n' },
        ],
      }),
    );
    expect(loadSimulatorKeys(dir, { pdi: 'ck_given' })).toEqual({ carabineros: 'ck_c', pdi: 'ck_given', pnp: 'ck_n' });
  });

  it('needs no file when every key is given', () => {
    const given = { carabineros: 'a', pdi: 'b', pnp: 'c' };
    expect(loadSimulatorKeys(dataDirWith('not json'), given)).toEqual(given);
  });

  it('names the missing keys, their variables and what is wrong with the file', () => {
    expect(() => loadSimulatorKeys(dataDirWith('{"keys": 3}'), { pdi: 'b' })).toThrow(
      /no ingest key for carabineros, pnp: set CONCORDIA_SIM_KEY_CARABINEROS, CONCORDIA_SIM_KEY_PNP; .* is not a credentials file/,
    );
    expect(() => loadSimulatorKeys(dataDirWith())).toThrow(/no such file/);
  });

  it('reads each agency’s variable through config.ts', () => {
    for (const agency of SIMULATED_AGENCIES) expect(simulatorEnvSchema.shape).toHaveProperty(envKeyName(agency));
  });
});
