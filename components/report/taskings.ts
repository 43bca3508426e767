/**
 * The officer's taskings on the phone: what GET /api/taskings says (read from the projection),
 * with the officer's own answers laid over it at once — still in the outbox (marked pending), or
 * delivered and not yet in a fresh reply — so the unit's state and the step show the moment the
 * officer taps, and never go back while the server catches up. Pure, tested without React.
 */
import type { ActionStep } from '@/lib/contract/actions.ts';
import type { Agency } from '@/lib/contract/agencies.ts';
import type { PhoneTasking, PhoneTaskingsReply } from '@/lib/contract/http.ts';
import type { TaskingAnswer, UnitAvailability } from '@/lib/contract/workflow.ts';
import type { OutboxAction, OutboxItem, SentItem } from '@/components/report/outboxStore.ts';

export type TaskingState = PhoneTasking['state'];

export interface TaskingView extends PhoneTasking {
  /** The officer answered; the answer waits in the phone's outbox (not yet acknowledged by the server). */
  pending: boolean;
}

export interface TaskingsView {
  unit: (NonNullable<PhoneTaskingsReply['unit']> & { pending: boolean }) | null;
  taskings: TaskingView[];
}

/** What the officer may answer now. */
export function answersFor(state: TaskingState): TaskingAnswer[] {
  switch (state) {
    case 'assigned':
      return ['accept', 'decline'];
    case 'accepted':
      return ['on-scene'];
    case 'on-scene':
      return ['done'];
    case 'declined':
    case 'done':
      return [];
  }
}

const STATE_AFTER: Record<TaskingAnswer, TaskingState> = {
  accept: 'accepted',
  decline: 'declined',
  'on-scene': 'on-scene',
  done: 'done',
};
const RANK: Record<TaskingState, number> = { assigned: 0, accepted: 1, 'on-scene': 2, done: 3, declined: 3 };
const AVAILABILITY_AFTER: Record<TaskingState, UnitAvailability> = {
  assigned: 'assigned',
  accepted: 'en-route',
  'on-scene': 'on-scene',
  done: 'available',
  declined: 'available',
};

/** A decline needs its reason; everything else needs nothing more. */
export function answerProblem(answer: TaskingAnswer, reason: string): 'reason' | null {
  return answer === 'decline' && reason.trim() === '' ? 'reason' : null;
}

/** The step an answer becomes, for POST /api/actions through the outbox. */
export function answerAction(input: {
  id: string;
  agency: Agency;
  unitId: string;
  taskingId: string;
  answer: TaskingAnswer;
  reason?: string;
}): OutboxAction {
  const reason = input.reason?.trim();
  const step: ActionStep = {
    type: 'tasking.answer',
    taskingId: input.taskingId,
    unit: { agency: input.agency, unitId: input.unitId },
    answer: input.answer,
    ...(input.answer === 'decline' && reason ? { reason } : {}),
  };
  return { id: input.id, agency: input.agency, step };
}

interface OwnAnswer {
  answer: TaskingAnswer;
  pending: boolean;
  at: number;
}

/** The officer's own answers on this channel, per tasking, furthest first: what waits, and what went lately. */
function ownAnswers(items: readonly OutboxItem[], sent: readonly SentItem[], channel: string): Map<string, OwnAnswer[]> {
  const answers = new Map<string, OwnAnswer[]>();
  const add = (taskingId: string, answer: OwnAnswer) => answers.set(taskingId, [...(answers.get(taskingId) ?? []), answer]);
  for (const item of items) {
    if (item.kind !== 'action' || item.channel !== channel || item.state !== 'pending') continue;
    const step = item.action.step;
    if (step.type === 'tasking.answer') add(step.taskingId, { answer: step.answer, pending: true, at: item.createdAt });
  }
  for (const item of sent) {
    if (item.kind !== 'action' || item.channel !== channel) continue;
    const step = item.action.step;
    if (step.type === 'tasking.answer') add(step.taskingId, { answer: step.answer, pending: false, at: item.sentAt });
  }
  for (const list of answers.values()) list.sort((a, b) => RANK[STATE_AFTER[b.answer]] - RANK[STATE_AFTER[a.answer]] || b.at - a.at);
  return answers;
}

/**
 * The server's taskings with the officer's answers laid over: an answer further along than what the
 * server said shows as the state, pending while it waits in the outbox. A refused answer (rejected
 * in the outbox) is not laid over: the outbox shows why.
 */
export function taskingsView(
  reply: Pick<PhoneTaskingsReply, 'unit' | 'taskings'> | null,
  items: readonly OutboxItem[],
  sent: readonly SentItem[],
  channel: string,
): TaskingsView {
  if (!reply) return { unit: null, taskings: [] };
  const own = ownAnswers(items, sent, channel);
  let unitPending = false;
  let latestOwn: { state: TaskingState; at: number } | null = null;
  const taskings = reply.taskings.map((tasking): TaskingView => {
    const furthest = own.get(tasking.taskingId)?.[0];
    if (!furthest || RANK[STATE_AFTER[furthest.answer]] <= RANK[tasking.state]) {
      // The server is there already (or further): only what still waits is pending.
      const waiting = own.get(tasking.taskingId)?.some((a) => a.pending && STATE_AFTER[a.answer] === tasking.state) ?? false;
      return { ...tasking, pending: waiting };
    }
    const state = STATE_AFTER[furthest.answer];
    if (!latestOwn || furthest.at > latestOwn.at) latestOwn = { state, at: furthest.at };
    unitPending ||= furthest.pending;
    return { ...tasking, state, pending: furthest.pending };
  });
  const unit = reply.unit && {
    ...reply.unit,
    ...(latestOwn ? { availability: AVAILABILITY_AFTER[(latestOwn as { state: TaskingState }).state] } : {}),
    pending: unitPending,
  };
  return { unit, taskings };
}

/** Open taskings first (newest first), finished ones after — once answered here, too. */
export function orderTaskings(taskings: readonly TaskingView[]): TaskingView[] {
  const finished = (t: TaskingView) => (t.finishedAt || t.state === 'done' || t.state === 'declined' ? 1 : 0);
  return [...taskings].sort((a, b) => finished(a) - finished(b) || Date.parse(b.assignedAt) - Date.parse(a.assignedAt));
}
