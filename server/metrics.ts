/**
 * Operational metrics in Prometheus format (GET /metrics): events accepted and rejected, clients
 * connected, broadcast lag and store latency. One registry per app, so tests can run several.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly eventsAccepted = new Counter({
    name: 'concordia_events_accepted_total',
    help: 'Events stored, by channel kind',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({
    name: 'concordia_events_duplicate_total',
    help: 'Events received again with an id already stored',
    registers: [this.registry],
  });
  readonly requestsRejected = new Counter({
    name: 'concordia_ingest_rejected_total',
    help: 'Ingest requests refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly clientsConnected = new Gauge({
    name: 'concordia_clients_connected',
    help: 'Open Socket.IO connections',
    registers: [this.registry],
  });
  readonly broadcastLag = new Histogram({
    name: 'concordia_broadcast_lag_seconds',
    help: 'From commit to the batch leaving for subscribers',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly storeAppendSeconds = new Histogram({
    name: 'concordia_store_append_seconds',
    help: 'Time for an append to become durable (includes waiting for the group commit)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor({ processMetrics = true }: { processMetrics?: boolean } = {}) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'concordia_' });
  }
}

/** Channel label without the exercise id, so the number of series stays small. */
export function channelKind(channel: string): 'live' | 'training' {
  return channel === 'live' ? 'live' : 'training';
}
