/**
 * The cluster bus over PostgreSQL LISTEN/NOTIFY: no broker beside the database the nodes already
 * share. One dedicated connection listens (a pooled one could be handed to a query mid-LISTEN);
 * sending goes through a small pool of its own. When the listening connection drops, it is opened
 * again with backoff and handlers are told `missed()`, since NOTIFY is not stored for a listener
 * that is away.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectionConfig } from '../store/postgres/sessionSettings.ts';
import { clusterMessageSchema, type ClusterBus, type ClusterHandler, type ClusterMessage } from './clusterBus.ts';

/** The NOTIFY channel all Concordia nodes of one database share. */
export const NOTIFY_CHANNEL = 'concordia_cluster';
const MAX_BACKOFF_MS = 2_000;

export interface PgClusterBusOptions {
  connectionString: string;
  /** Told when a payload is not a cluster message (another program on the channel, a newer node). */
  onProblem?: (problem: string) => void;
}

export class PgClusterBus implements ClusterBus {
  /** Tags what this node sends so it can ignore its own notifications. */
  private readonly nodeId = randomUUID();
  private readonly handlers = new Set<ClusterHandler>();
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  private constructor(private readonly options: PgClusterBusOptions) {
    // The same timeouts and keepalive as the event store: a database host that vanished is noticed.
    this.pool = new pg.Pool({ ...connectionConfig(options.connectionString), max: 2 });
    // An idle pooled connection that drops must not crash the process: the next send reconnects.
    this.pool.on('error', (error) => options.onProblem?.(`cluster bus pool: ${error.message}`));
  }

  /** Resolves once this node listens, so nothing sent after start-up is missed. */
  static async start(options: PgClusterBusOptions): Promise<PgClusterBus> {
    const bus = new PgClusterBus(options);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(connectionConfig(this.options.connectionString));
    client.on('notification', (note) => {
      if (note.channel === NOTIFY_CHANNEL && note.payload) this.received(note.payload);
    });
    client.on('error', (error) => {
      this.options.onProblem?.(`cluster listener: ${error.message}`);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.listener = client;
  }

  private lost(client: pg.Client): void {
    if (this.listener !== client) return;
    this.listener = null;
    void client.end().catch(() => {});
    this.reconnect(100);
  }

  private reconnect(delayMs: number): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(async () => {
      this.retry = null;
      try {
        await this.listen();
        for (const handler of this.handlers) handler.missed?.();
      } catch (error) {
        this.options.onProblem?.(`cluster listener reconnect: ${(error as Error).message}`);
        this.reconnect(Math.min(delayMs * 2, MAX_BACKOFF_MS));
      }
    }, delayMs);
    this.retry.unref();
  }

  private received(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return this.options.onProblem?.('cluster notification is not JSON');
    }
    const envelope = parsed as { from?: unknown; message?: unknown };
    if (envelope.from === this.nodeId) return;
    const message = clusterMessageSchema.safeParse(envelope.message);
    if (!message.success) return this.options.onProblem?.(`cluster notification ignored: ${message.error.issues[0].message}`);
    for (const handler of this.handlers) handler.message(message.data);
  }

  async send(message: ClusterMessage): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, JSON.stringify({ from: this.nodeId, message })]);
  }

  subscribe(handler: ClusterHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.handlers.clear();
    const listener = this.listener;
    this.listener = null;
    await Promise.all([listener?.end().catch(() => {}), this.pool.end()]);
  }
}
