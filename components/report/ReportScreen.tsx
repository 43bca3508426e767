'use client';
/**
 * The field officer's screen: file a report in a few taps, see what waits on the phone and what
 * went. A report is safe once it is in the phone's outbox; the outbox sends it when it can.
 *
 * `/report?channel=training:<id>` is the same screen inside one exercise: the EJERCICIO banner and
 * the exercise clock on top, every report queued for that exercise's channel only and timed by
 * the exercise clock. When the page cannot post to its channel (no such exercise, ended, not
 * permitted) it says so and offers no form.
 */
// First: zod must know it may not use eval before any schema of this screen is built.
import '@/components/config/zodJitless.ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { ExerciseBanner } from '@/components/shared/ExerciseBanner.tsx';
import type { EventInput, Position } from '@/lib/contract/events.ts';
import { extrapolate } from '@/lib/scenario/clockMath.ts';
import { ExercisePhoneClock } from '@/components/report/ExercisePhoneClock.tsx';
import { fieldId } from '@/components/report/formControls.tsx';
import { OutboxPanel, SentList } from '@/components/report/OutboxPanel.tsx';
import { officerTimeZone } from '@/components/report/outboxText.ts';
import { ReportForm } from '@/components/report/ReportForm.tsx';
import { ReportHeader } from '@/components/report/ReportHeader.tsx';
import {
  buildReport,
  clearedAfterSend,
  EMPTY_DRAFT,
  eventToDraft,
  type FieldProblem,
  type ReportDraft,
} from '@/components/report/reportDraft.ts';
import { newReportId } from '@/components/report/reportId.ts';
import { SharingSwitch } from '@/components/report/SharingSwitch.tsx';
import { useGeolocation } from '@/components/report/useGeolocation.ts';
import { useOfficer } from '@/components/report/useOfficer.ts';
import { TaskingsPanel } from '@/components/report/TaskingsPanel.tsx';
import { answerAction, taskingsView, type TaskingView } from '@/components/report/taskings.ts';
import { useTaskings } from '@/components/report/useTaskings.ts';
import type { TaskingAnswer } from '@/lib/contract/workflow.ts';
import { useOfflineShell } from '@/components/shared/useOfflineShell.ts';
import { useOutbox } from '@/components/report/useOutbox.ts';
import { usePolicy } from '@/components/report/usePolicy.ts';
import { usePositionSharing } from '@/components/report/usePositionSharing.ts';
import { knownClock, postingVerdict, type PostingVerdict, type ReportTarget } from '@/components/report/reportChannel.ts';
import { useExerciseCheck, useReportTarget } from '@/components/report/useReportChannel.ts';

/** Back to this very page (and its channel) after signing in again. */
function signInAgain(target: ReportTarget | null): string {
  const here = target?.kind === 'exercise' ? `/report?channel=${encodeURIComponent(target.channel)}` : '/report';
  return `/login?next=${encodeURIComponent(here)}`;
}

export function ReportScreen() {
  const { t } = useI18n();
  const { officer, status, recheck, markSignedOut } = useOfficer();
  const policy = usePolicy();
  const gps = useGeolocation();
  const offline = useOfflineShell('/report');
  const outbox = useOutbox({ paused: status === 'signed-out', onSignedOut: markSignedOut });
  const target = useReportTarget();
  const exerciseCheck = useExerciseCheck(target);
  const exercise = target?.kind === 'exercise';
  // Until the page has read its address, nothing may be queued: it does not know where to.
  const verdict: PostingVerdict = target ? postingVerdict(target, exerciseCheck) : { kind: 'wait', reason: 'checking' };
  const channel = target && target.kind !== 'invalid' && verdict.kind === 'ok' ? target.channel : null;
  const heldClock = exercise ? knownClock(exerciseCheck) : null;
  const SIGN_IN_AGAIN = signInAgain(target);

  /** When a report happens: real time live, exercise time in an exercise (the session orders its events by it). */
  const occurredAt = useCallback(
    () =>
      new Date(
        heldClock ? Math.floor(extrapolate(heldClock.clock, Date.now() - heldClock.receivedAt) / 1000) * 1000 : Date.now(),
      ).toISOString(),
    [heldClock],
  );

  /** Queues for this page's channel, and only when it may post there. */
  const enqueueHere = useCallback(
    async (event: EventInput, options: { auto?: boolean } = {}) => {
      if (!channel) throw new Error('this page cannot post to its channel');
      await outbox.enqueue(event, { ...options, channel });
    },
    [channel, outbox],
  );

  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);
  const [picked, setPicked] = useState<Position | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [notice, setNotice] = useState<{ kind: 'sent'; id: string } | { kind: 'editing' } | null>(null);
  const [sharing, setSharing] = useState(false);
  const hasUnit = Boolean(officer?.unitId);

  // The unit's taskings, with the officer's own answers laid over at once (pending until acknowledged).
  const lastSentId = outbox.sent[0]?.id;
  const taskingsFeed = useTaskings(channel, status !== 'signed-out' && hasUnit, lastSentId);
  const taskings = useMemo(
    () => (channel ? taskingsView(taskingsFeed.reply, outbox.items, outbox.sent, channel) : taskingsView(null, [], [], '')),
    [taskingsFeed.reply, outbox.items, outbox.sent, channel],
  );

  /** An answer goes through the outbox like a report: kept on the phone, sent once, to POST /api/actions. */
  const answerTasking = useCallback(
    async (tasking: TaskingView, answer: TaskingAnswer, reason?: string) => {
      if (!officer?.unitId || !channel) return false;
      const action = answerAction({
        id: newReportId(),
        agency: officer.agency,
        unitId: officer.unitId,
        taskingId: tasking.taskingId,
        answer,
        reason,
      });
      await outbox.enqueueAction(action, { channel });
      return true;
    },
    [officer, channel, outbox],
  );

  const lastSharedAt = usePositionSharing({ enabled: sharing && channel !== null, gps, officer, policy, enqueue: enqueueHere, occurredAt });

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
    if (!channel) return;
    const id = newReportId();
    const built = buildReport(
      { ...draft, position: picked ?? gps.fix },
      { agency: officer.agency, unitId: officer.unitId, id, occurredAt: occurredAt() },
      policy,
    );
    if (!built.ok) {
      setProblems(built.problems);
      setNotice(null);
      return;
    }
    setProblems([]);
    await enqueueHere(built.event);
    setNotice({ kind: 'sent', id });
    setDraft(clearedAfterSend(draft));
  }, [officer, draft, picked, gps.fix, policy, channel, occurredAt, enqueueHere]);

  const edit = useCallback(
    async (id: string) => {
      // Corrected here means sent here: only a report of this page's channel comes back to its form.
      const waiting = outbox.items.find((i) => i.id === id);
      if (!channel || waiting?.kind !== 'report' || waiting.channel !== channel) return;
      const item = await outbox.remove(id);
      const back = item?.kind === 'report' ? eventToDraft(item.event) : null;
      if (!back) return;
      setDraft(back);
      setPicked(back.position);
      setProblems([]);
      setNotice({ kind: 'editing' });
      window.scrollTo({ top: 0 });
    },
    [outbox, channel],
  );

  /** Ends the session on this phone (a shared phone changes hands); waiting reports stay on it. */
  const signOut = useCallback(async () => {
    await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
    window.location.assign(SIGN_IN_AGAIN);
  }, [SIGN_IN_AGAIN]);

  const delivered = notice?.kind === 'sent' && outbox.sent.some((s) => s.id === notice.id);
  const timeZone = officerTimeZone(officer?.agency);

  return (
    <div className="min-h-screen bg-white pb-8 text-black" data-report-channel={target?.kind === 'invalid' ? 'invalid' : target?.channel}>
      {exercise && <ExerciseBanner variant="phone" />}
      {/* No clock for an exercise the page cannot post to: it would wait for a time that never comes. */}
      {exercise && verdict.kind !== 'blocked' && <ExercisePhoneClock held={heldClock} timeZone={timeZone} />}
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
            <a
              href={SIGN_IN_AGAIN}
              className="mt-3 flex min-h-14 items-center justify-center rounded-xl bg-red-800 px-4 text-xl font-extrabold text-white"
            >
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
        {channel !== null && (
          <TaskingsPanel
            view={taskings}
            stale={taskingsFeed.stale}
            onAnswer={answerTasking}
            enabled={outbox.loaded && !outbox.unavailable}
          />
        )}
        {/* Before the page has read its address the form shows, disabled: live pages look as always. */}
        {target !== null && verdict.kind !== 'ok' ? (
          <ChannelNotice verdict={verdict} />
        ) : (
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
            disabled={!outbox.loaded || outbox.unavailable || channel === null}
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
        )}
        <OutboxPanel
          items={outbox.items}
          agency={officer?.agency}
          onDiscard={(id) => void outbox.remove(id)}
          onEdit={(id) => void edit(id)}
          editableChannel={channel}
        />
        {channel !== null && (
          <SharingSwitch
            on={sharing}
            onToggle={setSharing}
            hasGps={gps.status === 'fixed'}
            hasUnit={hasUnit}
            lastSharedAt={lastSharedAt}
            timeZone={timeZone}
          />
        )}
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

/** In place of the form: why nothing can be sent from here, or what the page is waiting for. */
function ChannelNotice({ verdict }: { verdict: Exclude<PostingVerdict, { kind: 'ok' }> }) {
  const { t } = useI18n();
  if (verdict.kind === 'wait') {
    return (
      <p
        role="status"
        data-channel-wait={verdict.reason}
        className="m-4 rounded-xl border-4 border-black bg-amber-100 p-4 text-lg font-semibold"
      >
        {t(verdict.reason === 'offline' ? 'report.exercise.offline' : 'report.exercise.checking')}
      </p>
    );
  }
  return (
    <div role="alert" data-channel-refused={verdict.reason} className="m-4 rounded-xl border-4 border-red-800 bg-red-50 p-4 text-red-950">
      <p className="text-2xl leading-tight font-extrabold">{t('report.refusal.title')}</p>
      <p className="mt-2 text-lg font-semibold">{t(`report.refusal.${verdict.reason}`)}</p>
      <p className="mt-2 text-lg">{t('report.refusal.nothingSent')}</p>
    </div>
  );
}
