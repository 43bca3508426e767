/**
 * WAL checkpoints on a thread of their own.
 *
 * SQLite's automatic checkpoint runs inside whichever commit takes the WAL past 1,000 pages: it
 * copies those pages into the database file and fsyncs it, and better-sqlite3 does all of that on
 * the event loop. Under steady ingest with a thousand dashboards that was a stall of a few hundred
 * milliseconds every few seconds, which every ingest acknowledgement and broadcast waited behind
 * (bench/fanout.ts: server event-loop delay max and ack p99).
 *
 * Here the server's connection never checkpoints (wal_autocheckpoint = 0). A worker thread with
 * its own connection runs a PASSIVE checkpoint every CHECKPOINT_INTERVAL_MS: it copies what no
 * reader still needs and never blocks the writer; once everything in the WAL has been copied, the
 * writer's next commit starts the WAL from the beginning again, so it stays small. If the worker
 * stops for any reason, the server's connection takes checkpoints back.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SyncMode } from './database.ts';

export const CHECKPOINT_INTERVAL_MS = 1_000;
/** SQLite's own default, restored when the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1_000;

/** What a checkpoint did, as SQLite reports it (PRAGMA wal_checkpoint). */
export interface CheckpointResult {
  /** The writer held a lock that kept the checkpoint from finishing (1) or not (0). */
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied into the database file. */
  checkpointed: number;
}

/**
 * Plain CommonJS, evaluated as the worker (eval: true): the server runs from compiled JavaScript
 * and the tests from TypeScript source, and a source string works the same under both.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = ' + workerData.sync);
const checkpoint = (request) => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ result, request });
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') return checkpoint(message.request);
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpointOptions {
  /** The server's connection: it stops checkpointing while the worker runs. */
  db: Database.Database;
  sync: SyncMode;
  intervalMs?: number;
  onCheckpoint?: (result: CheckpointResult) => void;
  /** The worker failed; the server's connection checkpoints again. */
  onError?: (error: Error) => void;
}

export class BackgroundCheckpoints {
  private readonly worker: Worker;
  private stopped = false;
  private readonly exited: Promise<void>;
  private requests = 0;
  private readonly requested = new Map<number, (result: CheckpointResult) => void>();

  constructor(private readonly options: BackgroundCheckpointOptions) {
    const { db, sync, intervalMs = CHECKPOINT_INTERVAL_MS } = options;
    if (db.memory) throw new Error('an in-memory database has no WAL to checkpoint');
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: db.name, sync, intervalMs },
    });
    this.worker.on('message', ({ result, request }: { result: CheckpointResult; request?: number }) => {
      options.onCheckpoint?.(result);
      if (request === undefined) return;
      this.requested.get(request)?.(result);
      this.requested.delete(request);
    });
    this.worker.on('error', (error) => this.takeBack(error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        if (!this.stopped) this.takeBack(new Error(`the checkpoint worker exited (${code})`));
        resolve();
      }),
    );
  }

  /** A checkpoint now, on the worker, of everything committed before the call. */
  checkpointNow(): Promise<CheckpointResult> {
    if (this.stopped) return Promise.reject(new Error('background checkpoints have stopped'));
    const request = ++this.requests;
    return new Promise((resolve) => {
      this.requested.set(request, resolve);
      this.worker.postMessage({ type: 'checkpoint', request });
    });
  }

  /** Stops the worker; the server's connection checkpoints for itself again (and on close). */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.worker.postMessage({ type: 'stop' });
      this.restoreAutocheckpoint();
    }
    await this.exited;
  }

  private takeBack(error: Error): void {
    if (this.stopped) return;
    this.stopped = true;
    this.restoreAutocheckpoint();
    this.options.onError?.(error);
  }

  private restoreAutocheckpoint(): void {
    if (this.options.db.open) this.options.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
