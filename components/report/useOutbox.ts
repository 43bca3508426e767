'use client';
/**
 * The outbox as the screen sees it: what waits, what the server refused, what went; and the one
 * sender per phone that drains it when there is a connection.
 *
 * Tabs: every tab may queue reports, but only the tab holding the Web Lock sends, one report at a
 * time (and each report is also leased in IndexedDB, for browsers without Web Locks). Tabs tell
 * each other about changes over a BroadcastChannel, so every open tab shows the same count.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventInput } from '@/lib/contract/events.ts';
import { flushOutbox, postToServer } from '@/components/report/outboxSender.ts';
import { OutboxStore, type OutboxAction, type OutboxItem, type SentItem } from '@/components/report/outboxStore.ts';

const SENDER_LOCK = 'concordia-report-outbox-sender';
const CHANGES_CHANNEL = 'concordia-report-outbox';

export interface OutboxView {
  /** False until the outbox has been read from the phone. */
  loaded: boolean;
  /** IndexedDB could not be opened (e.g. a private window that forbids it). */
  unavailable: boolean;
  /** Pending and refused reports, oldest first. */
  items: OutboxItem[];
  pendingCount: number;
  sent: SentItem[];
  online: boolean;
  /** Queues a report for `channel` (where it will go, and only there); it is on the phone (safe) when this resolves. */
  enqueue: (event: EventInput, options: EnqueueOptions) => Promise<void>;
  /** Queues a workflow step (an answer to a tasking) for POST /api/actions on `channel`; safe on the phone when this resolves. */
  enqueueAction: (action: OutboxAction, options: { channel: string }) => Promise<void>;
  /** Removes a refused report, or returns it so the form can edit it. */
  remove: (id: string) => Promise<OutboxItem | null>;
  /** Try every waiting report now. */
  retryNow: () => void;
}

export interface EnqueueOptions {
  /** `live` or the exercise's `training:<id>`: the page's channel when the report was written. */
  channel: string;
  /** Sent by position sharing rather than by hand. */
  auto?: boolean;
}

export interface OutboxOptions {
  /** Hold sending (the session ended): nothing would get through. */
  paused: boolean;
  /** The server answered 401: the officer has to sign in again. */
  onSignedOut: () => void;
}

export function useOutbox({ paused, onSignedOut }: OutboxOptions): OutboxView {
  const [store, setStore] = useState<OutboxStore | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [sent, setSent] = useState<SentItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [online, setOnline] = useState(true);

  const channel = useRef<BroadcastChannel | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sending = useRef(false);
  const sendAgain = useRef(false);
  const pausedRef = useRef(paused);
  const onSignedOutRef = useRef(onSignedOut);
  pausedRef.current = paused;
  onSignedOutRef.current = onSignedOut;

  useEffect(() => {
    let closed = false;
    let opened: OutboxStore | null = null;
    OutboxStore.open()
      .then((s) => {
        if (closed) return s.close();
        opened = s;
        setStore(s);
      })
      .catch((error: unknown) => {
        console.error('The outbox could not be opened', error);
        setUnavailable(true);
        setLoaded(true);
      });
    return () => {
      closed = true;
      opened?.close();
    };
  }, []);

  const refresh = useCallback(async () => {
    if (!store) return;
    const [list, recent] = await Promise.all([store.list(), store.recentlySent()]);
    setItems(list);
    setSent(recent);
    setLoaded(true);
  }, [store]);

  /** Redraws here and in every other tab. */
  const changed = useCallback(() => {
    void refresh();
    channel.current?.postMessage('changed');
  }, [refresh]);

  const send = useCallback(async (): Promise<void> => {
    if (!store || pausedRef.current || !navigator.onLine) return;
    if (sending.current) {
      sendAgain.current = true;
      return;
    }
    sending.current = true;
    if (timer.current) clearTimeout(timer.current);
    try {
      const drain = () => flushOutbox(store, postToServer, { onChange: changed });
      // Without Web Locks the per-report leases still keep two tabs from sending the same report.
      const result = navigator.locks ? await navigator.locks.request(SENDER_LOCK, drain) : await drain();
      if (result.signedOut) onSignedOutRef.current();
      const wakeAt = result.pausedUntil ?? (await store.nextDueAt());
      if (wakeAt !== null && !result.signedOut) {
        timer.current = setTimeout(() => void send(), Math.max(0, wakeAt - Date.now()));
      }
    } catch (error) {
      console.error('The outbox could not be sent', error);
    } finally {
      sending.current = false;
    }
    if (sendAgain.current) {
      sendAgain.current = false;
      void send();
    }
  }, [store, changed]);

  useEffect(() => {
    if (!store) return;
    const broadcast = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANGES_CHANNEL);
    channel.current = broadcast;
    if (broadcast) broadcast.onmessage = () => void refresh();
    setOnline(navigator.onLine);
    const wentOnline = () => {
      setOnline(true);
      // Back in coverage: whatever waited for its backoff goes now.
      void store.makeAllDue(Date.now()).then(send);
    };
    const wentOffline = () => setOnline(false);
    const visible = () => {
      if (document.visibilityState === 'visible') void send();
    };
    window.addEventListener('online', wentOnline);
    window.addEventListener('offline', wentOffline);
    document.addEventListener('visibilitychange', visible);
    void refresh().then(send);
    return () => {
      window.removeEventListener('online', wentOnline);
      window.removeEventListener('offline', wentOffline);
      document.removeEventListener('visibilitychange', visible);
      broadcast?.close();
      channel.current = null;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [store, refresh, send]);

  // Signed in again: send what waited.
  useEffect(() => {
    if (!paused) void send();
  }, [paused, send]);

  const enqueue = useCallback(
    async (event: EventInput, options: EnqueueOptions) => {
      if (!store) throw new Error('the outbox is not open');
      await store.add(event, { channel: options.channel, now: Date.now(), auto: options.auto });
      changed();
      void send();
    },
    [store, changed, send],
  );

  const enqueueAction = useCallback(
    async (action: OutboxAction, options: { channel: string }) => {
      if (!store) throw new Error('the outbox is not open');
      await store.addAction(action, { channel: options.channel, now: Date.now() });
      changed();
      void send();
    },
    [store, changed, send],
  );

  const remove = useCallback(
    async (id: string) => {
      if (!store) return null;
      const item = await store.remove(id, Date.now());
      changed();
      return item;
    },
    [store, changed],
  );

  const retryNow = useCallback(() => {
    if (!store) return;
    void store.makeAllDue(Date.now()).then(() => {
      changed();
      return send();
    });
  }, [store, changed, send]);

  const pendingCount = items.filter((item) => item.state === 'pending').length;
  return { loaded, unavailable, items, pendingCount, sent, online, enqueue, enqueueAction, remove, retryNow };
}
