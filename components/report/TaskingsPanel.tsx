'use client';
/**
 * The officer's taskings, on top of the report form: each with its incident, where it stands,
 * and the next answers as big buttons (accept / decline with a reason / on scene / done). An
 * answer is safe once it is in the phone's outbox, like any report.
 */
import { useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { answerProblem, answersFor, orderTaskings, type PhoneTasking, type TaskingAnswer } from '@/components/report/taskings.ts';

export interface TaskingsPanelProps {
  taskings: PhoneTasking[];
  /** Resolves once the answer is in the outbox; false when it could not be queued. */
  onAnswer: (tasking: PhoneTasking, answer: TaskingAnswer, reason?: string) => Promise<boolean>;
}

const ANSWER_LABEL: Record<TaskingAnswer, MessageKey> = {
  accept: 'tasking.answer.accept',
  decline: 'tasking.answer.decline',
  'on-scene': 'tasking.answer.on-scene',
  done: 'tasking.answer.done',
};

export function TaskingsPanel({ taskings, onAnswer }: TaskingsPanelProps) {
  const { t } = useI18n();
  if (taskings.length === 0) return null;
  return (
    <section aria-labelledby="tasking-title" className="border-b-4 border-black px-4 py-4" data-taskings="">
      <h2 id="tasking-title" className="text-2xl font-extrabold">
        {t('tasking.title')}
      </h2>
      <ul className="mt-2 flex flex-col gap-3">
        {orderTaskings(taskings).map((tasking) => (
          <TaskingCard key={tasking.taskingId} tasking={tasking} onAnswer={onAnswer} />
        ))}
      </ul>
    </section>
  );
}

function TaskingCard({ tasking, onAnswer }: { tasking: PhoneTasking; onAnswer: TaskingsPanelProps['onAnswer'] }) {
  const { t } = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);
  const [queued, setQueued] = useState<TaskingAnswer | null>(null);
  const fresh = tasking.state === 'offered';
  const answers = answersFor(tasking.state).filter((a) => a !== queued);

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
    if (await onAnswer(tasking, a, a === 'decline' ? reason.trim() : undefined)) {
      setQueued(a);
      setDeclining(false);
    }
  };

  return (
    <li
      data-tasking-id={tasking.taskingId}
      data-tasking-state={tasking.state}
      className={`rounded-xl border-4 p-3 ${fresh ? 'border-red-800 bg-red-50' : 'border-black bg-white'}`}
    >
      <p className="text-lg font-extrabold">
        {t(`report.kind.${tasking.kind}`)} · {t(`report.severity.${tasking.severity}`)}
      </p>
      <p className="text-lg">{tasking.text}</p>
      <p className="mt-1 text-lg font-bold" data-tasking-state-label="">
        {t(`tasking.state.${tasking.state}`)}
      </p>
      {queued && (
        <p role="status" className="mt-1 text-base">
          {t('tasking.queued')}
        </p>
      )}
      {declining && (
        <label className="mt-2 block text-lg font-bold">
          {t('tasking.reason')}
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
          {t('tasking.reason.missing')}
        </p>
      )}
      {answers.length > 0 && (
        <div className="mt-3 grid grid-cols-2 gap-2">
          {answers.map((a) => (
            <button
              key={a}
              type="button"
              data-answer={a}
              onClick={() => void answer(a)}
              className={`min-h-14 rounded-xl border-[3px] border-black px-3 text-xl font-extrabold ${
                a === 'decline' ? 'bg-white text-black' : 'bg-black text-white'
              } ${answers.length === 1 ? 'col-span-2' : ''}`}
            >
              {a === 'decline' && declining ? t('tasking.sendDecline') : t(ANSWER_LABEL[a])}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
