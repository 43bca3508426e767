import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS } from '@/lib/contract/heartbeat.ts';
import { describeConnection } from '@/components/shared/connectionState.ts';

const NOW = Date.UTC(2025, 11, 1, 17, 38);

describe('describeConnection', () => {
  it('calls a recently heard connection live', () => {
    expect(describeConnection({ status: 'live', lastHeardAt: NOW - 2_000 }, NOW)).toEqual({
      tone: 'live',
      headline: 'wall.connection.live',
    });
    expect(describeConnection({ status: 'live' }, NOW).tone).toBe('live');
  });

  it('never calls data live once nothing has been heard for longer than the stale limit', () => {
    const heard = NOW - STALE_AFTER_MS - 1;
    expect(describeConnection({ status: 'live', lastHeardAt: heard }, NOW)).toEqual({
      tone: 'warning',
      headline: 'wall.connection.stale',
      dataSince: heard,
      detail: 'wall.connection.silentSince',
    });
  });

  it('dates stale and offline data from staleSince, else from the last thing heard', () => {
    const since = NOW - 6 * 60_000;
    expect(describeConnection({ status: 'stale', staleSince: since, lastHeardAt: since - 15_000 }, NOW)).toEqual({
      tone: 'warning',
      headline: 'wall.connection.stale',
      dataSince: since,
      detail: 'wall.connection.silentSince',
    });
    expect(describeConnection({ status: 'offline', lastHeardAt: since }, NOW)).toEqual({
      tone: 'danger',
      headline: 'wall.connection.offline',
      dataSince: since,
      detail: 'wall.connection.outdatedSince',
    });
    expect(describeConnection({ status: 'offline' }, NOW)).toEqual({
      tone: 'danger',
      headline: 'wall.connection.offline',
    });
    expect(describeConnection({ status: 'stale' }, NOW)).toEqual({ tone: 'warning', headline: 'wall.connection.stale' });
  });

  it('tells a first connection from a reconnection that leaves old data on screen', () => {
    expect(describeConnection({ status: 'connecting' }, NOW)).toEqual({
      tone: 'neutral',
      headline: 'wall.connection.connecting',
    });
    expect(describeConnection({ status: 'connecting', lastHeardAt: NOW - 60_000 }, NOW)).toEqual({
      tone: 'warning',
      headline: 'wall.connection.reconnecting',
      dataSince: NOW - 60_000,
      detail: 'wall.connection.outdatedSince',
    });
  });
});
