/**
 * The simulators inside the server process, for the quick start (CONCORDIA_SIMULATE=true): once
 * the server listens they POST to it over loopback with the agency keys from the data directory,
 * exactly as `npm run simulate` would from outside.
 *
 * Under a lease ('simulators'): with several nodes on one PostgreSQL only the node holding it
 * simulates (three nodes would otherwise send three agencies' traffic three times over); when that
 * node dies, the next one to take the lease starts its own traffic from the seed.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { whileLeased, type LeaseFactory } from '../cluster/lease.ts';
import { DEFAULT_DATA_DIR } from '../config.ts';
import { loadSimulatorKeys } from './keys.ts';
import { startSimulators, type RunningSimulators } from './runner.ts';
import type { SimulatorSettings } from './settings.ts';

export function simulateOnceListening(
  http: Server,
  settings: SimulatorSettings,
  dataDir: string | undefined,
  log: Logger,
  leases: LeaseFactory,
): { stop(): Promise<void> } {
  let running: RunningSimulators | null = null;
  let stopLease: (() => Promise<void>) | null = null;
  let stopped = false;
  const start = (): (() => void) => {
    try {
      const keys = loadSimulatorKeys(dataDir ?? DEFAULT_DATA_DIR, settings.keys);
      running = startSimulators({
        url: loopbackUrl(http.address() as AddressInfo),
        keys,
        seed: settings.seed,
        intervalMs: settings.intervalMs,
        log: (level, message) => log[level](message),
      });
      log.warn(
        { seed: settings.seed, intervalMs: settings.intervalMs },
        'SIMULATED traffic is on (CONCORDIA_SIMULATE): its events are marked as simulated',
      );
    } catch (error) {
      log.error({ err: error }, 'simulators not started');
    }
    return () => {
      const lost = running;
      running = null;
      if (lost && !stopped) log.warn('simulators stopped: this node no longer holds their lease');
      void lost?.stop();
    };
  };
  http.once('listening', () => {
    if (!stopped) stopLease = whileLeased(leases, 'simulators', start);
  });
  return {
    stop: async () => {
      stopped = true;
      const last = running;
      await stopLease?.();
      await last?.stop();
    },
  };
}

/** The listening address as a URL this process can reach: 0.0.0.0 and :: are reached over loopback. */
export function loopbackUrl(address: AddressInfo): string {
  const { address: host, port, family } = address;
  if (host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${port}`;
  return family === 'IPv6' ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
