import { describe, expect, it } from 'vitest';
import { actionStepSchema } from '@/lib/contract/actions.ts';
import type { PhoneTasking, PhoneTaskingsReply } from '@/lib/contract/http.ts';
import type { TaskingAnswer } from '@/lib/contract/workflow.ts';
import type { OutboxItem, SentItem } from '@/components/report/outboxStore.ts';
import { answerAction, answerProblem, answersFor, orderTaskings, taskingsView } from '@/components/report/taskings.ts';

const tasking = (id: string, state: PhoneTasking['state'], assignedAt = '2026-12-07T11:00:00Z'): PhoneTasking => ({
  taskingId: id,
  incidentId: `I-${id}`,
  state,
  assignedAt,
  since: assignedAt,
  incident: {
    kind: 'stranded-group',
    severity: 'high',
    status: 'assigned',
    text: 'Grupo varado',
    people: 23,
    position: { lat: -18.31, lon: -70.31 },
  },
});

const reply = (...taskings: PhoneTasking[]): PhoneTaskingsReply => ({
  channel: 'live',
  seq: 9,
  unit: { agency: 'pnp', unitId: 'PNP-1', availability: 'assigned', since: '2026-12-07T11:00:00Z' },
  taskings,
});

const action = (taskingId: string, answer: TaskingAnswer) =>
  answerAction({ id: `a-${taskingId}-${answer}`, agency: 'pnp', unitId: 'PNP-1', taskingId, answer, reason: 'x' });
const waiting = (
  taskingId: string,
  answer: TaskingAnswer,
  at = 1,
  channel = 'live',
  state: OutboxItem['state'] = 'pending',
): OutboxItem => ({
  kind: 'action',
  action: action(taskingId, answer),
  id: `a-${taskingId}-${answer}`,
  channel,
  createdAt: at,
  state,
  attempts: 0,
  nextAttemptAt: at,
  leaseUntil: 0,
  lastError: null,
  rejection: null,
  auto: false,
});
const went = (taskingId: string, answer: TaskingAnswer, at = 1): SentItem => ({
  kind: 'action',
  action: action(taskingId, answer),
  id: `a-${taskingId}-${answer}`,
  channel: 'live',
  sentAt: at,
  duplicate: false,
});

describe('phone taskings', () => {
  it('offers accept or decline, then on scene, then done, then nothing', () => {
    expect(answersFor('assigned')).toEqual(['accept', 'decline']);
    expect(answersFor('accepted')).toEqual(['on-scene']);
    expect(answersFor('on-scene')).toEqual(['done']);
    expect(answersFor('done')).toEqual([]);
    expect(answersFor('declined')).toEqual([]);
  });

  it('asks for a reason to decline, and only then; the step carries it only with a decline', () => {
    expect(answerProblem('decline', '  ')).toBe('reason');
    expect(answerProblem('decline', 'sin combustible')).toBeNull();
    expect(answerProblem('accept', '')).toBeNull();
    const decline = answerAction({
      id: 'a1',
      agency: 'pnp',
      unitId: 'PNP-1',
      taskingId: 'T-1',
      answer: 'decline',
      reason: ' Sin combustible ',
    });
    expect(actionStepSchema.parse(decline.step)).toEqual({
      type: 'tasking.answer',
      taskingId: 'T-1',
      unit: { agency: 'pnp', unitId: 'PNP-1' },
      answer: 'decline',
      reason: 'Sin combustible',
    });
    expect(
      answerAction({ id: 'a2', agency: 'pnp', unitId: 'PNP-1', taskingId: 'T-1', answer: 'accept', reason: 'x' }).step,
    ).not.toHaveProperty('reason');
  });

  it('shows an answer still in the outbox at once, as pending, with the unit en route', () => {
    const view = taskingsView(reply(tasking('T-1', 'assigned')), [waiting('T-1', 'accept')], [], 'live');
    expect(view.taskings[0]).toMatchObject({ taskingId: 'T-1', state: 'accepted', pending: true });
    expect(view.unit).toMatchObject({ availability: 'en-route', pending: true });
  });

  it('keeps a delivered answer shown (acknowledged) until the server’s reply catches up, then follows the server', () => {
    const delivered = taskingsView(reply(tasking('T-1', 'accepted')), [], [went('T-1', 'on-scene', 5)], 'live');
    expect(delivered.taskings[0]).toMatchObject({ state: 'on-scene', pending: false });
    expect(delivered.unit).toMatchObject({ availability: 'on-scene', pending: false });
    const caughtUp = taskingsView(reply(tasking('T-1', 'done')), [], [went('T-1', 'accept', 2), went('T-1', 'on-scene', 5)], 'live');
    expect(caughtUp.taskings[0]).toMatchObject({ state: 'done', pending: false });
    expect(caughtUp.unit).toMatchObject({ availability: 'assigned', pending: false });
  });

  it('lays over neither a refused answer nor one of another channel', () => {
    const view = taskingsView(
      reply(tasking('T-1', 'assigned')),
      [waiting('T-1', 'accept', 1, 'live', 'rejected'), waiting('T-1', 'decline', 2, 'training:x')],
      [],
      'live',
    );
    expect(view.taskings[0]).toMatchObject({ state: 'assigned', pending: false });
  });

  it('shows open taskings first, newest first', () => {
    const view = taskingsView(
      reply(
        tasking('old', 'assigned', '2026-12-07T10:00:00Z'),
        { ...tasking('fin', 'done', '2026-12-07T12:00:00Z'), finishedAt: '2026-12-07T12:30:00Z' },
        tasking('new', 'accepted', '2026-12-07T11:00:00Z'),
      ),
      [],
      [],
      'live',
    );
    expect(orderTaskings(view.taskings).map((t) => t.taskingId)).toEqual(['new', 'old', 'fin']);
  });

  it('has nothing before the first reply', () => {
    expect(taskingsView(null, [], [], 'live')).toEqual({ unit: null, taskings: [] });
  });
});
