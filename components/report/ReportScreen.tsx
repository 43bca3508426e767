'use client';
/**
 * The field officer's screen: file a report in a few taps, see what waits on the phone and what
 * went. A report is safe once it is in the phone's outbox; the outbox sends it when it can.
 */
// First: zod must know it may not use eval before any schema of this screen is built.
import '@/components/config/zodJitless.ts';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Position } from '@/lib/contract/events.ts';
import { fieldId } from './formControls.tsx';
import { OutboxPanel, SentList } from './OutboxPanel.tsx';
import { officerTimeZone } from './outboxText.ts';
import { ReportForm } from './ReportForm.tsx';
import { ReportHeader } from './ReportHeader.tsx';
import { buildReport, clearedAfterSend, EMPTY_DRAFT, eventToDraft, type FieldProblem, type ReportDraft } from './reportDraft.ts';
import { newReportId } from './reportId.ts';
import { SharingSwitch } from './SharingSwitch.tsx';
import { useGeolocation } from './useGeolocation.ts';
import { useOfficer } from './useOfficer.ts';
import { useOfflineShell } from '@/components/shared/useOfflineShell.ts';
import { useOutbox } from './useOutbox.ts';
import { usePolicy } from './usePolicy.ts';
import { usePositionSharing } from './usePositionSharing.ts';

const SIGN_IN_AGAIN = `/login?next=${encodeURIComponent('/report')}`;

export function ReportScreen() {
  const { t } = useI18n();
  const { officer, status, recheck, markSignedOut } = useOfficer();
  const policy = usePolicy();
  const gps = useGeolocation();
  const offline = useOfflineShell('/report');
  const outbox = useOutbox({ paused: status === 'signed-out', onSignedOut: markSignedOut });

  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);
  const [picked, setPicked] = useState<Position | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [notice, setNotice] = useState<{ kind: 'sent'; id: string } | { kind: 'editing' } | null>(null);
  const [sharing, setSharing] = useState(false);
  const hasUnit = Boolean(officer?.unitId);

  const lastSharedAt = usePositionSharing({ enabled: sharing, gps, officer, policy, enqueue: outbox.enqueue });

  // Back in coverage: ask the server who is signed in (the session may have ended meanwhile).
  useEffect(() => {
    window.addEventListener('online', recheck);
    return () => window.removeEventListener('online', recheck);
  }, [recheck]);

  // An account without a unit starts on a report it may send.
  useEffect(() => {
    if (officer && !officer.unitId && (draft.type === 'patrol.report' || draft.type === 'unit.position')) {
      setDraft((d) => ({ ...d, type: 'incident' }));
    }
  }, [officer, draft.type]);

  // Take the officer to the first thing to fix.
  useEffect(() => {
    const first = problems[0];
    if (first?.field) document.getElementById(fieldId(first.field))?.focus();
  }, [problems]);

  const submit = useCallback(async () => {
    if (!officer) {
      setProblems([{ field: '', key: 'report.problem.noSession' }]);
      return;
    }
    const id = newReportId();
    const built = buildReport({ ...draft, position: picked ?? gps.fix }, { agency: officer.agency, unitId: officer.unitId, id, occurredAt: new Date().toISOString() }, policy);
    if (!built.ok) {
      setProblems(built.problems);
      setNotice(null);
      return;
    }
    setProblems([]);
    await outbox.enqueue(built.event);
    setNotice({ kind: 'sent', id });
    setDraft(clearedAfterSend(draft));
  }, [officer, draft, picked, gps.fix, policy, outbox]);

  const edit = useCallback(
    async (id: string) => {
      const item = await outbox.remove(id);
      const back = item && eventToDraft(item.event);
      if (!back) return;
      setDraft(back);
      setPicked(back.position);
      setProblems([]);
      setNotice({ kind: 'editing' });
      window.scrollTo({ top: 0 });
    },
    [outbox],
  );

  /** Ends the session on this phone (a shared phone changes hands); waiting reports stay on it. */
  const signOut = useCallback(async () => {
    await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
    window.location.assign(SIGN_IN_AGAIN);
  }, []);

  const delivered = notice?.kind === 'sent' && outbox.sent.some((s) => s.id === notice.id);
  const timeZone = officerTimeZone(officer?.agency);

  return (
    <div className="min-h-screen bg-white pb-8 text-black">
      <ReportHeader
        officer={officer}
        pendingCount={outbox.pendingCount}
        rejectedCount={outbox.items.length - outbox.pendingCount}
        loaded={outbox.loaded}
        online={outbox.online}
        offline={offline}
        onRetry={outbox.retryNow}
      />
      <main>
        {status === 'signed-out' && (
          <div role="alert" className="m-4 rounded-xl border-4 border-red-800 bg-red-50 p-4 text-lg font-semibold text-red-900">
            <p>{t('report.session.ended')}</p>
            <a href={SIGN_IN_AGAIN} className="mt-3 flex min-h-14 items-center justify-center rounded-xl bg-red-800 px-4 text-xl font-extrabold text-white">
              {t('report.session.signIn')}
            </a>
          </div>
        )}
        {status === 'unreachable' && !officer && (
          <p role="alert" className="m-4 rounded-xl border-4 border-black bg-amber-100 p-4 text-lg font-semibold">
            {t('report.session.unknown')}
          </p>
        )}
        {outbox.unavailable && (
          <p role="alert" className="m-4 rounded-xl border-4 border-red-800 bg-red-50 p-4 text-lg font-semibold text-red-900">
            {t('report.storage.unavailable')}
          </p>
        )}
        <ReportForm
          draft={draft}
          onChange={(next) => {
            setDraft(next);
            // The next report is under way: the bar by the button belongs to it now.
            setNotice(null);
          }}
          problems={problems}
          onSubmit={() => void submit()}
          gps={gps}
          picked={picked}
          onPick={setPicked}
          policy={policy}
          hasUnit={hasUnit}
          disabled={!outbox.loaded || outbox.unavailable}
          notice={
            notice && (
              <p
                role="status"
                data-notice={notice.kind === 'sent' ? (delivered ? 'delivered' : 'queued') : 'editing'}
                className={`mb-2 rounded-xl border-[3px] p-2 text-lg font-bold ${delivered ? 'border-green-800 bg-green-50' : 'border-black bg-amber-50'}`}
              >
                {notice.kind === 'editing' ? t('report.editing') : delivered ? t('report.delivered') : t('report.queued')}
              </p>
            )
          }
        />
        <OutboxPanel items={outbox.items} agency={officer?.agency} onDiscard={(id) => void outbox.remove(id)} onEdit={(id) => void edit(id)} />
        <SharingSwitch on={sharing} onToggle={setSharing} hasGps={gps.status === 'fixed'} hasUnit={hasUnit} lastSharedAt={lastSharedAt} timeZone={timeZone} />
        <SentList sent={outbox.sent} agency={officer?.agency} />
        {status === 'signed-in' && (
          <div className="border-t-4 border-black px-4 py-5">
            <button
              type="button"
              onClick={() => void signOut()}
              className="min-h-14 w-full rounded-xl border-[3px] border-black bg-white px-4 text-xl font-bold"
            >
              {t('logout')}
            </button>
            {outbox.pendingCount > 0 && <p className="mt-2 text-base">{t('report.signOut.pendingStay')}</p>}
          </div>
        )}
      </main>
    </div>
  );
}
