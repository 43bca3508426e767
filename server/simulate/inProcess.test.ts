import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY, type StoredEvent } from '../../lib/contract/events.ts';
import { AuditLog } from '../audit/auditLog.ts';
import { Accounts } from '../auth/accounts.ts';
import { bootstrapAccounts } from '../auth/bootstrap.ts';
import { createApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { SqliteEventStore } from '../store/sqlite/sqliteEventStore.ts';
import type { LeaseFactory, LeaseHandlers } from '../cluster/lease.ts';
import { loopbackUrl, simulateOnceListening } from './inProcess.ts';

/** A lease the test hands out and takes back, as another node's takeover would. */
function heldByHand(): { leases: LeaseFactory; grant(): void; revoke(): void } {
  let handlers: LeaseHandlers | null = null;
  let held = false;
  return {
    leases: (name, given) => {
      handlers = given;
      return {
        name,
        get held() {
          return held;
        },
        async stop() {
          if (held) handlers?.lost();
          held = false;
        },
      };
    },
    grant: () => {
      held = true;
      handlers?.acquired();
    },
    revoke: () => {
      held = false;
      handlers?.lost();
    },
  };
}

describe('simulators in the server process', () => {
  it('are off unless CONCORDIA_SIMULATE says so (production), and their settings are validated', () => {
    expect(readConfig({ NODE_ENV: 'production' }).simulate).toEqual({ enabled: false, seed: 2025, intervalMs: 3_000 });
    expect(readConfig({ NODE_ENV: 'production', CONCORDIA_SIMULATE: 'true', CONCORDIA_SIM_SEED: '7' }).simulate).toMatchObject({
      enabled: true,
      seed: 7,
    });
    expect(() => readConfig({ NODE_ENV: 'production', CONCORDIA_SIM_INTERVAL_MS: '10' })).toThrow(/CONCORDIA_SIM_INTERVAL_MS/);
  });

  it('start once the server listens and post to it with the keys of its data directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-sim-'));
    const db = openDatabase({ dataDir: ':memory:' });
    const store = new SqliteEventStore(db);
    const accounts = new Accounts(db, 3_600_000);
    await bootstrapAccounts(accounts, dataDir);
    const app = await createApp({
      store,
      accounts,
      audit: new AuditLog(db),
      log: pino({ level: 'silent' }),
      settings: {
        policy: DEFAULT_POLICY,
        maxBodyBytes: 1024 * 1024,
        sessionTtlMs: 3_600_000,
        secureCookies: false,
        unitFadeMinutes: 15,
        dataDir,
        simulate: { enabled: true, seed: 3, intervalMs: 250 },
      },
    });
    const agencies = new Set<string>();
    const seen = new Promise<void>((resolve) => {
      app.hub.listen({
        batch: (_scope, batch) => {
          batch.events.forEach((e: StoredEvent) => agencies.add(e.agency));
          if (agencies.size === 3) resolve();
        },
        heartbeat: () => {},
      });
    });
    try {
      await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', () => resolve()));
      await seen;
      expect([...agencies].sort()).toEqual(['carabineros', 'pdi', 'pnp']);
    } finally {
      await app.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('post only while this node holds their lease (one node of several simulates)', async () => {
    const posts: number[] = [];
    const http = createServer((req, res) => {
      posts.push(Date.now());
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: [], duplicates: [] }));
      });
    });
    const lease = heldByHand();
    const keys = { carabineros: 'ck_c', pdi: 'ck_p', pnp: 'ck_n' };
    const simulators = simulateOnceListening(
      http,
      { enabled: true, seed: 3, intervalMs: 250, keys },
      undefined,
      pino({ level: 'silent' }),
      lease.leases,
    );
    const postsAfter = (count: number) => vi.waitFor(() => expect(posts.length).toBeGreaterThanOrEqual(count), { timeout: 5_000 });
    try {
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
      // Not held: a second of silence is 4 ticks that would have posted.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(posts).toHaveLength(0);
      lease.grant();
      await postsAfter(3);
      lease.revoke();
      const atRevoke = posts.length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // A tick already in flight at the revoke may still land; nothing after it.
      expect(posts.length - atRevoke).toBeLessThanOrEqual(3);
      const settled = posts.length;
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(posts.length).toBe(settled);
      lease.grant();
      await postsAfter(settled + 3);
    } finally {
      await simulators.stop();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('reach a server listening on every interface over loopback', () => {
    expect(loopbackUrl({ address: '0.0.0.0', port: 3000, family: 'IPv4' })).toBe('http://127.0.0.1:3000');
    expect(loopbackUrl({ address: '::', port: 3000, family: 'IPv6' })).toBe('http://127.0.0.1:3000');
    expect(loopbackUrl({ address: '::1', port: 3000, family: 'IPv6' })).toBe('http://[::1]:3000');
  });
});
