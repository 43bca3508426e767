/**
 * Where the SQLite event store's writes run. For a database file, on a thread of its own
 * (writerThread.ts) with its own connection: with synchronous=FULL every commit waits for an
 * fsync, and better-sqlite3 waits on the calling thread, so on the event loop each commit held up
 * every socket write and request behind it (bench/fanout.ts at 1,000 dashboards × 500 events/s:
 * 6.5 % of the server's time in sqliteTransaction, event-loop delay p99 ~40 ms). An in-memory
 * database cannot be opened twice, so it is written on the loop, by the same GroupCommitter.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { StoreUnavailableError, sqliteFault } from '../storeFault.ts';
import { GroupCommitter, asWriteError, type AppendRequest, type CommitResult, type WriteError } from './groupCommit.ts';

export type ProbeResult = { ok: true } | { ok: false; error: WriteError };

export interface SqliteWriter {
  commit(requests: readonly AppendRequest[]): Promise<CommitResult>;
  /** Commits one small row (GET /readyz): whether a write goes through now. */
  probe(at: string): Promise<ProbeResult>;
  close(): Promise<void>;
}

/** What the thread is started with. */
export interface WriterThreadData {
  file: string;
  synchronous: number;
  busyTimeoutMs: number;
}

export type WriterRequest =
  { type: 'commit'; id: number; requests: readonly AppendRequest[] } | { type: 'probe'; id: number; at: string } | { type: 'close' };

export type WriterReply = { id: number; result: CommitResult | ProbeResult };

/** Writes on the caller's thread: for an in-memory database. */
export class InlineWriter implements SqliteWriter {
  private readonly committer: GroupCommitter;

  constructor(db: Database.Database) {
    this.committer = new GroupCommitter(db);
  }

  async commit(requests: readonly AppendRequest[]): Promise<CommitResult> {
    return this.committer.commit(requests);
  }

  async probe(at: string): Promise<ProbeResult> {
    try {
      this.committer.probe(at);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: asWriteError(error) };
    }
  }

  async close(): Promise<void> {}
}

/**
 * Starts the writer thread. Compiled, the server loads writerThread.js beside this file; from
 * TypeScript source (tests, tsx) the thread registers tsx first, as a worker does not inherit the
 * loader of the thread that starts it on Node 20.
 */
function startWriterThread(data: WriterThreadData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './writerThread.ts' : './writerThread.js', import.meta.url);
  if (!fromSource) return new Worker(fileURLToPath(entry), { workerData: data });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * Writes on a thread of its own. A thread that fails or exits fails what it had in flight (the
 * senders retry with the same ids; the store drops what is already there) and is started again
 * for the next write.
 */
export class ThreadWriter implements SqliteWriter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (result: CommitResult | ProbeResult) => void; reject: (error: Error) => void }>();
  private closed = false;

  constructor(private readonly data: WriterThreadData) {}

  commit(requests: readonly AppendRequest[]): Promise<CommitResult> {
    return this.ask({ type: 'commit', id: ++this.nextId, requests }) as Promise<CommitResult>;
  }

  probe(at: string): Promise<ProbeResult> {
    return this.ask({ type: 'probe', id: ++this.nextId, at }) as Promise<ProbeResult>;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies WriterRequest);
    await exited;
  }

  private ask(request: Exclude<WriterRequest, { type: 'close' }>): Promise<CommitResult | ProbeResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      // The thread keeps the process alive only while a write is in flight, so a script awaiting
      // one does not exit before it is durable, and an idle server's thread holds nothing open.
      worker.ref();
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    const worker = startWriterThread(this.data);
    worker.unref();
    worker.on('message', ({ id, result }: WriterReply) => {
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
      waiter?.resolve(result);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const waiters = [...this.waiting.values()];
      this.waiting.clear();
      for (const waiter of waiters) waiter.reject(error);
    };
    worker.on('error', (error) =>
      fail(sqliteFault(error) ?? new StoreUnavailableError('sqlite', 'io', `the writer thread failed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) => fail(new StoreUnavailableError('sqlite', 'io', `the writer thread exited (${code})`)));
    return worker;
  }
}
