'use client';
/**
 * The officer's taskings, on top of the report form: the unit's state, then each tasking with its
 * incident (kind, severity, how many people — never names), where it stands, and the next answers
 * as big buttons (accept / decline with a reason / on scene / done). An answer is safe once it is
 * in the phone's outbox; until the server acknowledges it the tasking says so (pending).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { TaskingAnswer } from '@/lib/contract/workflow.ts';
import { answerProblem, answersFor, orderTaskings, type TaskingsView, type TaskingView } from '@/components/report/taskings.ts';

export interface TaskingsPanelProps {
  view: TaskingsView;
  /** The last request for taskings got no answer: this is the last known list. */
  stale: boolean;
  /** Resolves once the answer is in the outbox; false when it could not be queued. */
  onAnswer: (tasking: TaskingView, answer: TaskingAnswer, reason?: string) => Promise<boolean>;
  /** Answers can be queued (the outbox is open and the page may post to its channel). */
  enabled: boolean;
}

export function TaskingsPanel({ view, stale, onAnswer, enabled }: TaskingsPanelProps) {
  const { t } = useI18n();
  const panel = useRef<HTMLElement>(null);
  const inView = usePanelInView(panel, view.unit !== null);
  if (!view.unit) return null;
  const taskings = orderTaskings(view.taskings);
  const unanswered = taskings.filter((x) => x.state === 'assigned' && !x.finishedAt).length;
  return (
    <section ref={panel} aria-labelledby="tasking-title" className="scroll-mt-2 border-b-4 border-black px-4 py-4" data-taskings="">
      {/* A tasking that arrives while the officer is down the form: a bar on top takes them to it. */}
      {unanswered > 0 && !inView && (
        <a
          href="#tasking-title"
          data-new-tasking=""
          className="fixed inset-x-0 top-0 z-[1200] block border-b-4 border-black bg-red-800 px-4 py-3 text-center text-xl font-extrabold text-white"
        >
          {t('report.tasking.jump')}
        </a>
      )}
      <h2 id="tasking-title" className="scroll-mt-16 text-2xl font-extrabold">
        {t('report.tasking.title')}
      </h2>
      <p
        className="mt-1 text-lg font-bold"
        data-unit-availability={view.unit.availability}
        data-unit-pending={view.unit.pending ? 'true' : 'false'}
      >
        {t('report.tasking.unit', { unit: view.unit.unitId, availability: t(`report.availability.${view.unit.availability}`) })}
        {view.unit.pending && (
          <span className="ml-2 rounded-md bg-amber-300 px-2 text-base font-black whitespace-nowrap">{t('report.tasking.pendingTag')}</span>
        )}
      </p>
      {stale && (
        <p role="status" className="mt-2 rounded-xl border-[3px] border-black bg-amber-100 p-2 text-base font-semibold">
          {t('report.tasking.unreachable')}
        </p>
      )}
      {taskings.length === 0 ? (
        <p className="mt-2 text-lg">{t('report.tasking.none')}</p>
      ) : (
        <ul className="mt-3 flex flex-col gap-3">
          {taskings.map((tasking) => (
            <TaskingCard key={tasking.taskingId} tasking={tasking} onAnswer={onAnswer} enabled={enabled} />
          ))}
        </ul>
      )}
    </section>
  );
}

const STATE_STYLE: Record<TaskingView['state'], string> = {
  assigned: 'border-red-800 bg-red-50',
  accepted: 'border-black bg-white',
  'on-scene': 'border-black bg-white',
  done: 'border-green-800 bg-green-50',
  declined: 'border-neutral-500 bg-neutral-100',
};

function TaskingCard({ tasking, onAnswer, enabled }: { tasking: TaskingView; onAnswer: TaskingsPanelProps['onAnswer']; enabled: boolean }) {
  const { t } = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState(false);
  const answers = tasking.finishedAt ? [] : answersFor(tasking.state);
  const { incident } = tasking;

  const answer = async (a: TaskingAnswer) => {
    if (a === 'decline' && !declining) {
      setDeclining(true);
      return;
    }
    if (answerProblem(a, reason)) {
      setProblem(true);
      return;
    }
    setProblem(false);
    setBusy(true);
    const queued = await onAnswer(tasking, a, a === 'decline' ? reason.trim() : undefined);
    setBusy(false);
    if (queued) {
      setDeclining(false);
      setReason('');
    }
  };

  return (
    <li
      data-tasking-id={tasking.taskingId}
      data-incident-id={tasking.incidentId}
      data-tasking-state={tasking.state}
      data-tasking-pending={tasking.pending ? 'true' : 'false'}
      className={`rounded-xl border-4 p-3 ${STATE_STYLE[tasking.state]}`}
    >
      <p className="text-lg leading-snug font-extrabold">
        {t(`report.kind.${incident.kind}`)} · {t(`report.severity.${incident.severity}`)}
        {incident.people !== undefined && ` · ${t('report.summary.people', { n: incident.people })}`}
        {incident.minors ? ` · ${t('report.summary.minors', { n: incident.minors })}` : ''}
      </p>
      <p className="text-lg break-words">{incident.text}</p>
      {tasking.text && <p className="mt-1 text-base break-words">{t('report.tasking.note', { text: tasking.text })}</p>}
      {incident.response && <p className="mt-1 text-base break-words">{t('report.tasking.response', { text: incident.response })}</p>}
      <p className="mt-2 text-xl font-black" data-tasking-state-label="">
        {t(`report.tasking.state.${tasking.state}`)}
        {tasking.finishedAt && tasking.state !== 'done' && tasking.state !== 'declined' && ` · ${t('report.tasking.finished')}`}
      </p>
      {tasking.pending && (
        <p role="status" className="mt-1 rounded-md bg-amber-300 px-2 py-1 text-base font-bold" data-tasking-pending-note="">
          {t('report.tasking.pending')}
        </p>
      )}
      {declining && (
        <label className="mt-2 block text-lg font-bold">
          {t('report.tasking.reason')}
          <textarea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 block w-full rounded-xl border-[3px] border-black p-2 text-lg font-normal"
            data-tasking-reason=""
          />
        </label>
      )}
      {problem && (
        <p role="alert" className="mt-1 border-l-8 border-red-700 bg-red-50 px-3 py-2 text-lg font-semibold text-red-800">
          {t('report.tasking.reason.missing')}
        </p>
      )}
      {answers.length > 0 && (
        <div className="mt-3 grid grid-cols-2 gap-2">
          {answers
            .filter((a) => !declining || a === 'decline')
            .map((a) => (
              <button
                key={a}
                type="button"
                data-answer={a}
                disabled={!enabled || busy}
                onClick={() => void answer(a)}
                className={`min-h-14 rounded-xl border-[3px] border-black px-3 text-xl font-extrabold disabled:opacity-50 ${
                  a === 'decline' ? 'bg-white text-black' : 'bg-black text-white'
                } ${answers.length === 1 ? 'col-span-2' : ''}`}
              >
                {a === 'decline' && declining ? t('report.tasking.sendDecline') : t(`report.tasking.answer.${a}`)}
              </button>
            ))}
          {declining && (
            <button
              type="button"
              onClick={() => {
                setDeclining(false);
                setProblem(false);
              }}
              className="min-h-14 rounded-xl border-[3px] border-black bg-white px-3 text-xl font-bold"
            >
              {t('report.tasking.cancel')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Whether the panel is on screen (true until the browser says otherwise). */
function usePanelInView(panel: RefObject<HTMLElement | null>, shown: boolean): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const element = panel.current;
    if (!shown || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting));
    observer.observe(element);
    return () => observer.disconnect();
  }, [panel, shown]);
  return inView;
}
