'use client';
/**
 * Owns the page's one Socket.IO connection (same origin, authenticated by the session cookie).
 * Components reach it only through `useChannel`.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import { emptyPicture } from '@/lib/projection/picture.ts';
import { CLIENT_RECONNECTION } from '@/lib/contract/socketTimings.ts';
import { ChannelSubscription, type ChannelView, type ConcordiaSocket } from '@/components/realtime/channelSubscription.ts';
import { pictureStore } from '@/components/realtime/pictureStore.ts';

const SocketContext = createContext<ConcordiaSocket | null>(null);

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<ConcordiaSocket | null>(null);
  useEffect(() => {
    const created: ConcordiaSocket = io({ withCredentials: true, ...CLIENT_RECONNECTION });
    setSocket(created);
    return () => {
      created.disconnect();
    };
  }, []);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

const NOT_CONNECTED: ChannelView = {
  picture: emptyPicture(),
  connection: { status: 'connecting' },
  signedOut: false,
};
const noSubscription = () => () => {};

export interface UseChannelOptions {
  /**
   * Keep the picture in this browser for this viewer (an opaque key from the server), so a reload
   * with no network shows it, marked stale, and resumes from its seq. The wall sets it.
   */
  keepFor?: string;
}

/** The live picture of a channel and the state of the link that feeds it. */
export function useChannel(channel: string, { keepFor }: UseChannelOptions = {}): ChannelView {
  const socket = useContext(SocketContext);
  const [subscription, setSubscription] = useState<ChannelSubscription | null>(null);
  useEffect(() => {
    if (!socket) return;
    const created = new ChannelSubscription(socket, channel, keepFor ? pictureStore(keepFor, channel) : undefined);
    setSubscription(created);
    // A reload or a closed tab: write the picture now rather than at the next throttled save.
    const hidden = () => created.flush();
    window.addEventListener('pagehide', hidden);
    return () => {
      window.removeEventListener('pagehide', hidden);
      created.dispose();
    };
  }, [socket, channel, keepFor]);
  return useSyncExternalStore(
    subscription?.onChange ?? noSubscription,
    subscription?.getView ?? (() => NOT_CONNECTED),
    () => NOT_CONNECTED,
  );
}
