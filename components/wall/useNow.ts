'use client';
import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `intervalMs`, for components whose page did not pass `now`.
 * Null on the server and on the first client render, so server and client HTML agree.
 */
export function useNow(intervalMs: number, enabled = true): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, enabled]);
  return enabled ? now : null;
}
