'use client';
/**
 * The signed-in officer's taskings on the page's channel, from GET /api/taskings (the projection's
 * view for one unit: the phone does not hold the whole picture). Asked again every POLL_MS while
 * the page is visible and online, at once when it comes back, and whenever `nudge` changes (an
 * answer was delivered). The last good reply stays shown when a request fails.
 */
import { useEffect, useRef, useState } from 'react';
import { phoneTaskingsReplySchema, type PhoneTaskingsReply } from '@/lib/contract/http.ts';

/** A new tasking reaches the phone within this, on a working link (the wall has its socket; a phone asks). */
export const POLL_MS = 3_000;

export interface TaskingsFeed {
  reply: PhoneTaskingsReply | null;
  /** The last request got no usable answer: what shows is the last reply. */
  stale: boolean;
}

export function useTaskings(channel: string | null, enabled: boolean, nudge: unknown): TaskingsFeed {
  // Kept with the channel it was read for: another channel's list is never shown.
  const [feed, setFeed] = useState<TaskingsFeed & { channel: string | null }>({ channel: null, reply: null, stale: false });
  const ask = useRef<() => void>(() => {});

  useEffect(() => {
    if (!channel || !enabled) return;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inFlight: AbortController | null = null;

    const schedule = () => {
      if (timer) clearTimeout(timer);
      if (!closed) timer = setTimeout(() => void fetchNow(), POLL_MS);
    };
    const fetchNow = async () => {
      if (closed || document.visibilityState === 'hidden' || !navigator.onLine) return schedule();
      inFlight?.abort();
      const abort = new AbortController();
      inFlight = abort;
      try {
        const res = await fetch(`/api/taskings?channel=${encodeURIComponent(channel)}`, {
          credentials: 'same-origin',
          cache: 'no-store',
          signal: abort.signal,
        });
        const parsed = phoneTaskingsReplySchema.safeParse(res.ok ? await res.json() : null);
        if (!closed && inFlight === abort)
          setFeed((f) => (parsed.success ? { channel, reply: parsed.data, stale: false } : { ...f, stale: true }));
      } catch {
        if (!closed && !abort.signal.aborted) setFeed((f) => ({ ...f, stale: true }));
      }
      if (inFlight === abort) inFlight = null;
      schedule();
    };
    ask.current = () => void fetchNow();
    const visible = () => {
      if (document.visibilityState === 'visible') void fetchNow();
    };
    window.addEventListener('online', visible);
    document.addEventListener('visibilitychange', visible);
    void fetchNow();
    return () => {
      closed = true;
      ask.current = () => {};
      inFlight?.abort();
      if (timer) clearTimeout(timer);
      window.removeEventListener('online', visible);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [channel, enabled]);

  // An answer went through: the next reply shows the server's own state.
  useEffect(() => {
    ask.current();
  }, [nudge]);

  return feed.channel === channel && channel !== null && enabled ? { reply: feed.reply, stale: feed.stale } : { reply: null, stale: false };
}
