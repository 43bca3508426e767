/**
 * Every Concordia pool on PostgreSQL opens the same way: with the session settings that keep a
 * frozen peer from stalling the others (sessionSettings.ts), and with error handlers, so a
 * connection lost when the database restarts never crashes the process.
 */
import pg from 'pg';
import { migrate } from './migrations.ts';
import { connectionConfig, DEFAULT_SESSION_SETTINGS, type PostgresSessionSettings } from './sessionSettings.ts';

export interface PoolOptions {
  max: number;
  /** Departures from DEFAULT_SESSION_SETTINGS (a bulk copy turns the timeouts off). */
  settings?: Partial<PostgresSessionSettings>;
  /** An idle connection lost; the pool drops it and the next query opens a new one. */
  onError?: (error: Error) => void;
}

export function openPool(url: string, { max, settings = {}, onError = () => undefined }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(url, { ...DEFAULT_SESSION_SETTINGS, ...settings }), max });
  pool.on('error', onError);
  // A client checked out between two queries when the server goes (admin shutdown): its next
  // query fails, and the caller answers 503 and destroys it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** openPool, then the pending migrations; the pool is closed again if they fail. */
export async function openMigratedPool(url: string, options: PoolOptions): Promise<pg.Pool> {
  const pool = openPool(url, options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
