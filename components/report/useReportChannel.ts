'use client';
/**
 * The report page's channel and what the server says about it: read from the address once the
 * page runs in the browser (null until then), and, on an exercise, GET /api/training/:id every
 * EXERCISE_POLL_MS while the page is visible, at once when it comes back into view or online.
 * The phone page holds no socket: a poll is what a weak link carries best, and the exercise clock
 * is extrapolated between answers like everywhere else.
 */
import { useEffect, useState } from 'react';
import { readExerciseAnswer, readReportTarget, type ExerciseCheck, type ReportTarget } from '@/components/report/reportChannel.ts';

/** Pause and speed changes reach the phone within this; the time itself runs on between answers. */
export const EXERCISE_POLL_MS = 5_000;

export function useReportTarget(): ReportTarget | null {
  const [target, setTarget] = useState<ReportTarget | null>(null);
  // The address is only known in the browser; the server renders the same page for every channel.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- reads the address once, after hydration
  useEffect(() => setTarget(readReportTarget(window.location.search)), []);
  return target;
}

export function useExerciseCheck(target: ReportTarget | null): ExerciseCheck {
  const [check, setCheck] = useState<ExerciseCheck>({ kind: 'checking' });
  const sessionId = target?.kind === 'exercise' ? target.sessionId : null;

  useEffect(() => {
    if (sessionId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inFlight: AbortController | null = null;

    const ask = async () => {
      if (timer) clearTimeout(timer);
      inFlight?.abort();
      const abort = new AbortController();
      inFlight = abort;
      let status: number | null = null;
      let body: unknown = null;
      try {
        const res = await fetch(`/api/training/${encodeURIComponent(sessionId)}`, {
          credentials: 'same-origin',
          cache: 'no-store',
          signal: abort.signal,
        });
        status = res.status;
        body = await res.json().catch(() => null);
      } catch {
        if (abort.signal.aborted) return;
      }
      if (stopped) return;
      const receivedAt = Date.now();
      setCheck((previous) => readExerciseAnswer(previous, status, body, receivedAt));
      // An ended session does not come back: stop asking.
      if (status !== 404 && document.visibilityState === 'visible') timer = setTimeout(() => void ask(), EXERCISE_POLL_MS);
    };
    const again = () => {
      if (document.visibilityState === 'visible') void ask();
    };
    void ask();
    window.addEventListener('online', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      stopped = true;
      inFlight?.abort();
      if (timer) clearTimeout(timer);
      window.removeEventListener('online', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [sessionId]);

  return check;
}
