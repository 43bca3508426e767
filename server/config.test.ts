import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminDatabaseOptions } from './cli/admin.ts';
import { DEFAULT_DATA_DIR, EnvironmentError, readAdminConfig, readConfig, readDataCliConfig, readSimulatorConfig } from './config.ts';

describe('the environment, read once per entry point', () => {
  it('gives every entry point the same default data directory', () => {
    expect(readConfig({}).dataDir).toBe(path.resolve(DEFAULT_DATA_DIR));
    expect(readAdminConfig({}).dataDir).toBe(path.resolve(DEFAULT_DATA_DIR));
    expect(readSimulatorConfig({}).dataDir).toBe(DEFAULT_DATA_DIR);
    expect(readConfig({}).scenariosDir).toBe(path.resolve(DEFAULT_DATA_DIR, 'scenarios'));
  });

  it('lets the admin CLI open the database with the same CONCORDIA_SQLITE_SYNC as the server', () => {
    const env = { CONCORDIA_DATA_DIR: '/srv/concordia', CONCORDIA_SQLITE_SYNC: 'NORMAL' };
    expect(readConfig(env).sqliteSync).toBe('NORMAL');
    expect(adminDatabaseOptions(env)).toEqual({ dataDir: '/srv/concordia', sync: 'NORMAL' });
    expect(adminDatabaseOptions({})).toEqual({ dataDir: path.resolve(DEFAULT_DATA_DIR), sync: 'FULL' });
  });

  it('stops the admin CLI on a bad CONCORDIA_SQLITE_SYNC, naming the variable', () => {
    expect(() => readAdminConfig({ CONCORDIA_SQLITE_SYNC: 'OFF' })).toThrow(EnvironmentError);
    expect(() => readAdminConfig({ CONCORDIA_SQLITE_SYNC: 'OFF' })).toThrow(/CONCORDIA_SQLITE_SYNC/);
  });

  it('puts the event log on PostgreSQL only when CONCORDIA_DATABASE_URL is a postgres:// URL', () => {
    expect(readConfig({}).databaseUrl).toBeUndefined();
    expect(readConfig({ CONCORDIA_DATABASE_URL: 'postgres://c@db:5432/concordia' }).databaseUrl).toBe('postgres://c@db:5432/concordia');
    expect(() => readConfig({ CONCORDIA_DATABASE_URL: 'mysql://db/x' })).toThrow(/CONCORDIA_DATABASE_URL/);
  });

  it('gives the data CLI the server URL from CONCORDIA_URL, else localhost on PORT, and the data dir to migrate', () => {
    expect(readDataCliConfig({})).toEqual({ url: 'http://localhost:3000', key: undefined, dataDir: path.resolve(DEFAULT_DATA_DIR) });
    expect(readDataCliConfig({ PORT: '4000', CONCORDIA_KEY: 'ck_x', CONCORDIA_DATA_DIR: '/srv/c' })).toEqual({
      url: 'http://localhost:4000',
      key: 'ck_x',
      dataDir: '/srv/c',
    });
    expect(readDataCliConfig({ CONCORDIA_URL: 'http://concordia.local:3000/' }).url).toBe('http://concordia.local:3000');
    expect(() => readDataCliConfig({ CONCORDIA_URL: 'not a url' })).toThrow(/CONCORDIA_URL/);
  });

  it('gives the simulators their seed, interval and keys from the environment', () => {
    const config = readSimulatorConfig({ CONCORDIA_SIM_SEED: '7', CONCORDIA_SIM_INTERVAL_MS: '500', CONCORDIA_SIM_KEY_PDI: 'ck_pdi' });
    expect(config).toEqual({ url: 'http://localhost:3000', dataDir: DEFAULT_DATA_DIR, seed: 7, intervalMs: 500, keys: { pdi: 'ck_pdi' } });
    expect(() => readSimulatorConfig({ CONCORDIA_SIM_INTERVAL_MS: '10' })).toThrow(/CONCORDIA_SIM_INTERVAL_MS/);
  });

  it('passes simulator keys given to the server on to its in-process simulators', () => {
    expect(readConfig({ CONCORDIA_SIMULATE: 'true', CONCORDIA_SIM_KEY_PNP: 'ck_pnp' }).simulate.keys).toEqual({ pnp: 'ck_pnp' });
    expect(readConfig({}).simulate.keys).toBeUndefined();
  });
});
