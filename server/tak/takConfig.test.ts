import { describe, expect, it } from 'vitest';
import { EnvironmentError, readAdminConfig, readConfig } from '../config.ts';

describe('TAK configuration', () => {
  it('is off unless CONCORDIA_TAK_PORT is set; host defaults to loopback', () => {
    expect(readConfig({}).tak).toBeUndefined();
    expect(readConfig({ CONCORDIA_TAK_PORT: '8089' }).tak).toEqual({ port: 8089, host: '127.0.0.1', idleMs: 300_000 });
    expect(readConfig({ CONCORDIA_TAK_PORT: '8089', CONCORDIA_TAK_HOST: '0.0.0.0', CONCORDIA_TAK_IDLE_SECONDS: '60' }).tak).toEqual({
      port: 8089,
      host: '0.0.0.0',
      idleMs: 60_000,
    });
  });

  it('refuses a bad port, naming the variable', () => {
    expect(() => readConfig({ CONCORDIA_TAK_PORT: 'ssl' })).toThrow(EnvironmentError);
    expect(() => readConfig({ CONCORDIA_TAK_PORT: '70000' })).toThrow(/CONCORDIA_TAK_PORT/);
  });

  it('tells the admin CLI where data packages point', () => {
    expect(readAdminConfig({}).tak).toEqual({ host: 'localhost', port: 8089 });
    expect(readAdminConfig({ CONCORDIA_TAK_PUBLIC_HOST: 'tak.example.org', CONCORDIA_TAK_PORT: '9000' }).tak).toEqual({
      host: 'tak.example.org',
      port: 9000,
    });
  });
});
