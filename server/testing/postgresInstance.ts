/**
 * A throwaway PostgreSQL for tests and benches: initdb in a temporary dir, a free loopback port,
 * trust auth, stopped and deleted afterwards. PostgreSQL refuses to run as root, so when this
 * process is root the server runs as the `postgres` user (Debian's package creates it) or `nobody`,
 * owning the temporary dir. One place for vitest globalSetup, Playwright and bench/.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PostgresInstance {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (fast shutdown); the data dir stays, so start() brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops, then starts again on the same data and port (connections are cut). */
  restart(): Promise<void>;
  /** Stops and deletes everything. */
  destroy(): Promise<void>;
}

/** The PostgreSQL bin dir: CONCORDIA_PG_BIN, then pg_config, then the newest /usr/lib/postgresql/<ver>/bin. */
export function findPostgresBin(): string {
  const fromEnv = process.env.CONCORDIA_PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'postgres'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(root, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(path.join(dir, 'postgres'))) return dir;
  } catch {
    // no pg_config on PATH
  }
  throw new Error('PostgreSQL not found: install it (apt-get install -y postgresql) or set CONCORDIA_PG_BIN');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The user to run PostgreSQL as: ourselves, unless we are root. */
function runAsUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {
      // user absent, try the next
    }
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL');
}

function command(user: ReturnType<typeof runAsUser>, bin: string, args: string[]): [string, string[]] {
  return user ? ['runuser', ['-u', user.name, '--', bin, ...args]] : [bin, args];
}

export async function startPostgres(): Promise<PostgresInstance> {
  const bin = findPostgresBin();
  const user = runAsUser();
  const base = mkdtempSync(path.join(tmpdir(), 'concordia-pg-'));
  const dataDir = path.join(base, 'data');
  chmodSync(base, 0o755);
  if (user) {
    chmodSync(base, 0o755);
    chownSync(base, user.uid, user.gid);
  }
  const [initCmd, initArgs] = command(user, path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'concordia',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const logFile = path.join(base, 'postgres.log');
  const pgCtl = (args: string[]) => {
    const [cmd, full] = command(user, path.join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
    execFileSync(cmd, full, { stdio: 'pipe', timeout: 30_000 });
  };
  const options = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${base}`, '-c max_connections=200'].join(' ');
  // pg_ctl -w waits until the server accepts connections (or fails with the log's reason).
  let stopped = false;
  const start = async () => {
    pgCtl(['-w', '-l', logFile, '-o', options, 'start']);
    stopped = false;
  };
  const stop = async () => {
    if (stopped) return;
    pgCtl(['-w', '-m', 'fast', 'stop']);
    stopped = true;
  };
  await start();
  return {
    url: `postgres://concordia@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    destroy: async () => {
      await stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
