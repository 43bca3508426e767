/** Shared bits for benchmarks: starting the production server, credentials, result files. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initialCredentialsFile, readInitialCredentials, type InitialCredentials } from '../server/auth/initialCredentials.ts';

export interface RunningServer {
  url: string;
  child: ChildProcess;
  credentials: InitialCredentials;
  stop(): Promise<void>;
}

export async function startProductionServer(opts: {
  dataDir: string;
  port: number;
  cwd?: string;
  env?: Record<string, string>;
  /** Pin the server to this CPU (taskset), so the load generator does not share its core. */
  cpu?: number;
  /**
   * Credentials to use when the data dir has no first-start file: a second node whose accounts
   * live in the database the first one already set up.
   */
  credentials?: InitialCredentials;
}): Promise<RunningServer> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under a benchmark's load
  // (Node refuses --cpu-prof inside NODE_OPTIONS).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const [command, args] = pinned(opts.cpu, process.execPath, [...nodeArgs, 'dist/server/main.js']);
  const child = spawn(command, args, {
    cwd: opts.cwd ?? process.cwd(),
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      CONCORDIA_DATA_DIR: opts.dataDir,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100)); // health-check polling interval
  }
  const file = initialCredentialsFile(opts.dataDir);
  const credentials = opts.credentials && !existsSync(file) ? opts.credentials : readInitialCredentials(file);
  return {
    url,
    child,
    credentials,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The command line that runs `command` pinned to one CPU, when asked and taskset exists. */
export function pinned(cpu: number | undefined, command: string, args: string[]): [string, string[]] {
  return cpu === undefined ? [command, args] : ['taskset', ['-c', String(cpu), command, ...args]];
}

/** Moves this process's main thread to the given CPUs ("1", "0,1"). */
export function pinSelf(cpus: string): void {
  execFileSync('taskset', ['-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

/** CPU seconds (user + system) a process has used, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** Busy and total jiffies per CPU, from /proc/stat: sample twice and diff with cpuBusyShare. */
export function cpuTimes(): Array<{ busy: number; total: number }> {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
      const busy = user + nice + system + irq + softirq + steal;
      return { busy, total: busy + idle + iowait };
    });
}

/** Share of each CPU that was busy (including kernel and interrupt time) between two cpuTimes(). */
export function cpuBusyShare(before: ReturnType<typeof cpuTimes>, after: ReturnType<typeof cpuTimes>): number[] {
  return after.map((a, i) => Math.round(((a.busy - before[i].busy) / Math.max(1, a.total - before[i].total)) * 100) / 100);
}

/** Resident memory of a process in bytes, from /proc. */
export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export function machine(): Record<string, string | number> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    /** 1, 5 and 15 min load averages when the result was written: the shared machine's business. */
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}

/** The checked-out commit, marked "-dirty" when tracked files other than results differ from it. */
export function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    // Results files change while `npm run bench` runs; only code makes a run "dirty".
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

/** Writes bench/results/<name>.json, stamped with the commit when the result does not say one. */
export function writeResult(name: string, result: object): string {
  const dir = path.join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ commit: gitCommit(), ...result }, null, 2)}\n`);
  return file;
}
