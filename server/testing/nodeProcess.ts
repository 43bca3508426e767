/**
 * One real Concordia node as its own process, for multi-node tests: the compiled server
 * (`node dist/server/main.js`) when it was built, else `npx tsx server/main.ts` (Next in dev mode). It can be killed
 * (SIGKILL), frozen (SIGSTOP), thawed (SIGCONT) and started again on the same port and data dir.
 * Readiness is awaited on its health endpoint, never a fixed delay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface NodeProcessOptions {
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** Extra environment (rate limits, log level). */
  env?: Record<string, string>;
  healthPath?: string;
}

export class NodeProcess {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  constructor(private readonly options: NodeProcessOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the node wrote, for failure messages. */
  tail(): string {
    return this.output.slice(-4_000);
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error(`node on port ${this.options.port} is already running`);
    const compiled = path.resolve('dist/server/main.js');
    const built = existsSync(compiled);
    const [cmd, args] = built ? [process.execPath, [compiled]] : ['npx', ['tsx', 'server/main.ts']];
    this.output = '';
    const child = spawn(cmd, args, {
      env: {
        ...process.env,
        // Unbuilt, Next has no production build to serve: it runs in development mode then.
        NODE_ENV: built ? 'production' : 'development',
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
        CONCORDIA_DATA_DIR: this.options.dataDir,
        CONCORDIA_DATABASE_URL: this.options.databaseUrl,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`node on port ${this.options.port} exited:\n${this.tail()}`);
      try {
        if ((await fetch(`${this.url}${this.options.healthPath ?? '/healthz'}`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`node on port ${this.options.port} did not become healthy:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100)); // polling interval for the health check
    }
  }

  /** Sends a signal and, for ending signals, resolves once the process is gone. */
  async signal(signal: 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    if (signal === 'SIGSTOP' || signal === 'SIGCONT') {
      child.kill(signal);
      return;
    }
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  freeze(): Promise<void> {
    return this.signal('SIGSTOP');
  }

  thaw(): Promise<void> {
    return this.signal('SIGCONT');
  }

  /** Graceful stop (SIGTERM); a frozen node is thawed first so it can hear it. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGCONT');
    await this.signal('SIGTERM');
  }
}
