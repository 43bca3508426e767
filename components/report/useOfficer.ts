'use client';
/**
 * The signed-in officer (agency and unit), checked with the server when it can be reached and
 * remembered on the phone for when it cannot.
 */
import { useCallback, useEffect, useState } from 'react';
import { readRememberedOfficer, readSessionAnswer, type Officer } from '@/components/report/officerSession.ts';

const REMEMBERED_OFFICER_KEY = 'concordia.report.officer';

export type SessionStatus = 'checking' | 'signed-in' | 'signed-out' | 'unreachable';

export interface OfficerState {
  /** From the server, or as remembered when the server cannot be reached. */
  officer: Officer | null;
  status: SessionStatus;
  /** Asks the server again (after the connection returns, or when the outbox met a 401). */
  recheck: () => void;
  /** The outbox met a 401: the session ended. */
  markSignedOut: () => void;
}

export function useOfficer(): OfficerState {
  const [officer, setOfficer] = useState<Officer | null>(null);
  const [status, setStatus] = useState<SessionStatus>('checking');
  const [checks, setChecks] = useState(0);

  useEffect(() => {
    setOfficer((current) => current ?? readRememberedOfficer(localStorage.getItem(REMEMBERED_OFFICER_KEY)));
    const abort = new AbortController();
    fetch('/api/session', { credentials: 'same-origin', cache: 'no-store', signal: abort.signal })
      .then(async (res) => readSessionAnswer(res.status, await res.json().catch(() => null)))
      .catch(() => ({ kind: 'unreachable' as const }))
      .then((check) => {
        if (abort.signal.aborted) return;
        if (check.kind === 'signed-in') {
          localStorage.setItem(REMEMBERED_OFFICER_KEY, JSON.stringify(check.officer));
          setOfficer(check.officer);
        }
        setStatus(check.kind);
      });
    return () => abort.abort();
  }, [checks]);

  const recheck = useCallback(() => setChecks((n) => n + 1), []);
  const markSignedOut = useCallback(() => setStatus('signed-out'), []);
  return { officer, status, recheck, markSignedOut };
}
