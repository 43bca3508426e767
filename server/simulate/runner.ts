/**
 * Runs the simulated traffic against a Concordia server: every interval, each agency's events of
 * the tick are POSTed to /api/events with that agency's key, through the real API like any agency
 * system. A batch that fails (server restarting, rate limit) is sent again with the next tick
 * (ids make that safe); a batch the server refuses as invalid is logged and dropped.
 */
import { Traffic, SIMULATED_AGENCIES, type SimulatedAgency } from './traffic.ts';
import type { EventInput } from '../../lib/contract/events.ts';
import { ingestReceiptSchema } from '../../lib/contract/http.ts';

export interface SimulatorOptions {
  /** The server, e.g. http://127.0.0.1:3000 */
  url: string;
  keys: Record<SimulatedAgency, string>;
  seed: number;
  intervalMs: number;
  incidentChance?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  now?: () => number;
}

export interface RunningSimulators {
  /** Ticks run and events the server accepted or already held, so far. */
  stats(): { ticks: number; delivered: number; failedBatches: number };
  /** Stops after the batches in flight are answered. */
  stop(): Promise<void>;
}

/** Most unsent events kept per agency while the server is unreachable; older positions go first. */
const MAX_BACKLOG = 2_000;
const REQUEST_TIMEOUT_MS = 10_000;

export function startSimulators(options: SimulatorOptions): RunningSimulators {
  const traffic = new Traffic({ seed: options.seed, intervalMs: options.intervalMs, incidentChance: options.incidentChance });
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const backlog = new Map<SimulatedAgency, EventInput[]>(SIMULATED_AGENCIES.map((a) => [a, []]));
  let ticks = 0;
  let delivered = 0;
  let failedBatches = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  async function send(agency: SimulatedAgency, events: EventInput[]): Promise<void> {
    // The server takes at most 500 events per request.
    for (let start = 0; start < events.length; start += 500) {
      const batch = events.slice(start, start + 500);
      let res: Response;
      try {
        res = await fetch(`${options.url}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.keys[agency]}` },
          body: JSON.stringify(batch),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        keepForLater(agency, events.slice(start));
        failedBatches += 1;
        log('warn', `simulator ${agency}: server unreachable (${(error as Error).message}); retrying with the next tick`);
        return;
      }
      const body = await res.text();
      if (res.status === 201) {
        const receipt = ingestReceiptSchema.safeParse(JSON.parse(body));
        if (receipt.success) delivered += receipt.data.accepted.length + receipt.data.duplicates.length;
        else log('warn', `simulator ${agency}: 201 with a body that is not an ingest receipt`);
      } else if (res.status === 429 || res.status >= 500) {
        keepForLater(agency, events.slice(start));
        failedBatches += 1;
        log('warn', `simulator ${agency}: ${res.status}; retrying with the next tick`);
        return;
      } else {
        failedBatches += 1;
        log('error', `simulator ${agency}: refused with ${res.status}: ${body.slice(0, 500)}`);
      }
    }
  }

  function keepForLater(agency: SimulatedAgency, events: EventInput[]): void {
    const kept = [...events, ...backlog.get(agency)!];
    backlog.set(agency, kept.slice(Math.max(0, kept.length - MAX_BACKLOG)));
  }

  async function tick(): Promise<void> {
    const byAgency = traffic.tick(now());
    ticks += 1;
    await Promise.all(
      SIMULATED_AGENCIES.map((agency) => {
        const events = [...backlog.get(agency)!, ...byAgency.get(agency)!];
        backlog.set(agency, []);
        return events.length ? send(agency, events) : Promise.resolve();
      }),
    );
  }

  function schedule(delay: number): void {
    timer = setTimeout(() => {
      if (stopped) return;
      const started = now();
      inFlight = tick().finally(() => {
        if (!stopped) schedule(Math.max(0, options.intervalMs - (now() - started)));
      });
    }, delay);
  }

  log(
    'info',
    `simulators started: ${SIMULATED_AGENCIES.join(', ')} every ${options.intervalMs} ms, seed ${options.seed}, to ${options.url}`,
  );
  schedule(0);

  return {
    stats: () => ({ ticks, delivered, failedBatches }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight.catch(() => {});
    },
  };
}
