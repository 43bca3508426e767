/**
 * Sessions survive a restart: the same data directory, a new server process (here a new app on
 * the same database file and sessions file) brings each session back paused where it was saved,
 * with its injects, on seqs above anything sent before the restart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../lib/contract/events.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { createApp, type App } from '../app.ts';
import { AuditLog } from '../audit/auditLog.ts';
import { Accounts } from '../auth/accounts.ts';
import type { Principal } from '../auth/roles.ts';
import { openDatabase } from '../store/sqlite/database.ts';
import { SqliteEventStore } from '../store/sqlite/sqliteEventStore.ts';
import { SESSIONS_FILE } from './sessionFile.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-training-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const trainer: Principal = {
  kind: 'user',
  userId: 1,
  username: 'trainer',
  role: 'trainer',
  agency: 'comite-binacional',
  unitId: null,
  scope: 'binational-only',
};

async function boot(): Promise<{ app: App; stop: () => Promise<void> }> {
  const db = openDatabase({ dataDir, sync: 'NORMAL' });
  const app = await createApp({
    store: new SqliteEventStore(db),
    accounts: new Accounts(db, 3_600_000),
    audit: new AuditLog(db),
    log: pino({ level: 'silent' }),
    settings: {
      policy: DEFAULT_POLICY,
      maxBodyBytes: 1 << 20,
      sessionTtlMs: 3_600_000,
      secureCookies: false,
      unitFadeMinutes: 15,
      dataDir,
    },
  });
  return {
    app,
    stop: async () => {
      await app.close();
      db.close();
    },
  };
}

describe('exercise sessions across a restart', () => {
  it('come back paused where they were, with their injects, above every seq sent before', async () => {
    const first = await boot();
    const created = await first.app.training.create('dec-2025', 'trainer');
    if ('error' in created) throw new Error(created.error);
    await first.app.training.control(created, { action: 'seek', milestone: 'cruce-1455' });
    const injected = await first.app.ingest.submit(
      trainer,
      created.channel,
      make.incident({ agency: 'pnp', incidentId: 'EJ-RESTART', occurredAt: '2025-12-01T12:55:00-05:00' }),
    );
    expect(injected.ok).toBe(true);
    await first.app.training.control(created, { action: 'play', speed: 600 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the clock run: the state to lose is time played
    first.app.training.tickAll();
    const seqBefore = created.seq;
    const timeBefore = created.clock.time();
    await first.stop();

    const second = await boot();
    const restored = second.app.training.get(created.id)!;
    expect(restored).toBeDefined();
    const view = second.app.training.view(restored);
    expect(view.restored).toMatchObject({ wasPlaying: true });
    expect(view.clock.playing).toBe(false);
    // A graceful stop saves the clock as it stopped: nothing played is lost.
    expect(view.clock.exerciseTime).toBeGreaterThanOrEqual(timeBefore);
    expect(view.clock.exerciseTime).toBeLessThan(timeBefore + 600 * 10_000);
    expect(view.seq).toBeGreaterThan(seqBefore);
    const picture = second.app.hub.snapshot(created.channel, 'PE').picture;
    expect(picture.incidents['EJ-RESTART']).toBeDefined();
    expect(picture.incidents['INC-1201-CRUCE']).toBeDefined();
    // Playing again clears the notice.
    await second.app.training.control(restored, { action: 'play' });
    expect(second.app.training.view(restored).restored).toBeUndefined();
    await second.stop();
  });

  it('says plainly which sessions were lost because their scenario is gone', async () => {
    const record = {
      id: 'gone1',
      scenarioId: 'no-such-scenario',
      createdAt: '2026-01-01T00:00:00Z',
      createdBy: 'trainer',
      exerciseTime: 0,
      speed: 60,
      playing: false,
      seqReservedThrough: 10,
    };
    writeFileSync(path.join(dataDir, SESSIONS_FILE), JSON.stringify({ version: 1, sessions: [record] }));
    const booted = await boot();
    expect(booted.app.training.get('gone1')).toBeUndefined();
    expect(booted.app.training.problem).toMatch(/perdidas.*gone1 \(no-such-scenario\)/);
    await booted.stop();
  });

  it('says plainly when the saved sessions could not be read', async () => {
    writeFileSync(path.join(dataDir, SESSIONS_FILE), '{not json');
    const third = await boot();
    expect(third.app.training.list()).toEqual([]);
    expect(third.app.training.problem).toMatch(/no se pudieron leer/);
    await third.stop();
  });
});
