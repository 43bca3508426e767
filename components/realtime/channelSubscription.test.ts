import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { project } from '@/lib/projection/picture.ts';
import * as make from '@/lib/testing/eventFactory.ts';
import { ChannelSubscription, type ConcordiaSocket } from '@/components/realtime/channelSubscription.ts';
import type { PictureKeeper } from '@/components/realtime/savedPicture.ts';

/** Just enough of a Socket.IO client: handlers by name, and a scripted subscribe acknowledgement. */
class FakeSocket {
  connected = false;
  readonly handlers = new Map<string, (...args: unknown[]) => void>();
  readonly subscribes: Array<{ channel: string; afterSeq?: number }> = [];
  on(name: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(name, handler);
    return this;
  }
  off(name: string) {
    this.handlers.delete(name);
    return this;
  }
  emit() {
    return this;
  }
  timeout() {
    return {
      emitWithAck: async (_name: string, request: { channel: string; afterSeq?: number }) => {
        this.subscribes.push(request);
        return { ok: true, mode: 'replay', through: request.afterSeq ?? 0 };
      },
    };
  }
  fire(name: string, ...args: unknown[]) {
    this.handlers.get(name)?.(...args);
  }
}

const HEARD = Date.parse('2025-03-01T12:00:00Z');
const events = make.stored([make.unitPosition(), make.incident(), make.bulletin()]);
const kept = project(events);

function keeperWith(saved: Awaited<ReturnType<PictureKeeper['restore']>>) {
  return { restore: vi.fn(async () => saved), keep: vi.fn(), flush: vi.fn(), forget: vi.fn() } satisfies PictureKeeper;
}

const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe('ChannelSubscription with a kept picture', () => {
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 0));
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => clearTimeout(handle));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the kept picture as stale since it was last heard, offline, until the server answers', async () => {
    const socket = new FakeSocket();
    const keeper = keeperWith({ picture: kept, lastHeardAt: HEARD });
    const subscription = new ChannelSubscription(socket as unknown as ConcordiaSocket, 'live', keeper);
    socket.fire('connect_error', new Error('xhr poll error'));
    await flushPromises();
    const view = subscription.getView();
    expect(view.picture).toEqual(kept);
    expect(view.connection).toMatchObject({ status: 'offline', staleSince: HEARD, lastHeardAt: HEARD });
    expect(keeper.keep).not.toHaveBeenCalled(); // nothing heard from the server: nothing new to keep
  });

  it('resumes from the kept seq when the connection comes, then is live and keeps the picture again', async () => {
    const socket = new FakeSocket();
    const keeper = keeperWith({ picture: kept, lastHeardAt: HEARD });
    const subscription = new ChannelSubscription(socket as unknown as ConcordiaSocket, 'live', keeper);
    socket.connected = true;
    socket.fire('connect');
    await flushPromises();
    expect(socket.subscribes).toEqual([{ channel: 'live', afterSeq: kept.seq }]);
    expect(subscription.getView().connection.status).toBe('live');
    // The replay arrives: applied on top of the kept picture, no gap.
    const missed = make.stored([make.patrolReport()], 'live', kept.seq + 1);
    socket.fire('events:appended', { channel: 'live', after: kept.seq, through: kept.seq + 1, events: missed });
    await flushPromises();
    expect(subscription.getView().picture.seq).toBe(kept.seq + 1);
    expect(subscription.getView().picture.feed.map((e) => e.id)).toContain(missed[0].id);
    expect(keeper.keep).toHaveBeenLastCalledWith(expect.objectContaining({ seq: kept.seq + 1 }), expect.any(Number));
  });

  it('asks for a snapshot when nothing was kept, and forgets the kept picture when the session ends', async () => {
    const socket = new FakeSocket();
    socket.connected = true;
    const keeper = keeperWith(undefined);
    new ChannelSubscription(socket as unknown as ConcordiaSocket, 'live', keeper);
    await flushPromises();
    expect(socket.subscribes).toEqual([{ channel: 'live', afterSeq: undefined }]);
    socket.fire('session:ended', { reason: 'signed out' });
    expect(keeper.forget).toHaveBeenCalled();
  });
});
