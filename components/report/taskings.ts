/**
 * The officer's taskings on the phone: which incidents the officer's unit was tasked to, where
 * each stands, and the answers the phone offers next (accept or decline with a reason, then on
 * scene, then done). Pure, tested without React.
 *
 * Taskings come from the workflow projection (lib/projection, branch `workflow`) and answers go
 * out as the contract's tasking events through the outbox (never lost, never twice: each answer
 * keeps the id it got when the officer tapped). Until the contract lands the phone has no
 * taskings; `taskingsForUnit` and `taskingAnswerEvent` are the two places to connect it.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import type { EventInput, IncidentKind, Severity } from '@/lib/contract/events.ts';
import type { Picture } from '@/lib/projection/picture.ts';

export const TASKING_STATES = ['offered', 'accepted', 'declined', 'on-scene', 'done'] as const;
export type TaskingState = (typeof TASKING_STATES)[number];
export type TaskingAnswer = 'accept' | 'decline' | 'on-scene' | 'done';

export interface PhoneTasking {
  taskingId: string;
  incidentId: string;
  kind: IncidentKind;
  severity: Severity;
  text: string;
  state: TaskingState;
  assignedAt: string;
}

export function taskingsForUnit(picture: Picture, agency: Agency, unitId: string): PhoneTasking[] {
  void picture;
  void agency;
  void unitId;
  return [];
}

/** What the officer may answer now. */
export function answersFor(state: TaskingState): TaskingAnswer[] {
  switch (state) {
    case 'offered':
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

/** Open taskings first (newest first), answered ones after. */
export function orderTaskings(taskings: readonly PhoneTasking[]): PhoneTasking[] {
  const finished = (t: PhoneTasking) => (t.state === 'done' || t.state === 'declined' ? 1 : 0);
  return [...taskings].sort((a, b) => finished(a) - finished(b) || Date.parse(b.assignedAt) - Date.parse(a.assignedAt));
}

export interface AnswerInput {
  id: string;
  agency: Agency;
  unitId: string;
  occurredAt: string;
  taskingId: string;
  answer: TaskingAnswer;
  reason?: string;
}

/** A decline needs its reason; everything else needs nothing more. */
export function answerProblem(answer: TaskingAnswer, reason: string): 'reason' | null {
  return answer === 'decline' && reason.trim() === '' ? 'reason' : null;
}

/** The event the outbox sends for an answer, or null while the contract has no tasking events. */
export function taskingAnswerEvent(input: AnswerInput): EventInput | null {
  void input;
  return null;
}
