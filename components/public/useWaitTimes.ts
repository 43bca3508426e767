'use client';
/** Polls the public feed; keeps the last good answer when a refresh fails (weak signal at the border). */
import { useEffect, useState } from 'react';
import type { WaitTimesReply } from '@/lib/contract/waitTimes.ts';
import { readWaitTimesReply } from '@/lib/contract/waitTimesReader.ts';

/** The feed is cached for 15 s on the server; a minute is plenty for a queue that moves slowly. */
const REFRESH_MS = 60_000;

export interface WaitTimesState {
  reply: WaitTimesReply | null;
  failed: boolean;
}

export function useWaitTimes(): WaitTimesState {
  const [state, setState] = useState<WaitTimesState>({ reply: null, failed: false });
  useEffect(() => {
    let stopped = false;
    async function load() {
      try {
        const res = await fetch('/api/public/wait-times');
        if (!res.ok) throw new Error(String(res.status));
        const reply = readWaitTimesReply(await res.json());
        if (!reply) throw new Error('not a wait-times reply');
        if (!stopped) setState({ reply, failed: false });
      } catch {
        if (!stopped) setState((previous) => ({ ...previous, failed: true }));
      }
    }
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return state;
}
