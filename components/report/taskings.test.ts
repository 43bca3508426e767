import { describe, expect, it } from 'vitest';
import { answerProblem, answersFor, orderTaskings, type PhoneTasking } from '@/components/report/taskings.ts';

const tasking = (id: string, state: PhoneTasking['state'], at: string): PhoneTasking => ({
  taskingId: id,
  incidentId: `i-${id}`,
  kind: 'stranded-group',
  severity: 'high',
  text: 'x',
  state,
  assignedAt: at,
});

describe('phone taskings', () => {
  it('offers accept or decline, then on scene, then done, then nothing', () => {
    expect(answersFor('offered')).toEqual(['accept', 'decline']);
    expect(answersFor('accepted')).toEqual(['on-scene']);
    expect(answersFor('on-scene')).toEqual(['done']);
    expect(answersFor('done')).toEqual([]);
    expect(answersFor('declined')).toEqual([]);
  });

  it('asks for a reason to decline, and only then', () => {
    expect(answerProblem('decline', '  ')).toBe('reason');
    expect(answerProblem('decline', 'sin combustible')).toBeNull();
    expect(answerProblem('accept', '')).toBeNull();
  });

  it('shows open taskings first, newest first', () => {
    const ordered = orderTaskings([
      tasking('old', 'offered', '2026-12-07T10:00:00Z'),
      tasking('done', 'done', '2026-12-07T12:00:00Z'),
      tasking('new', 'accepted', '2026-12-07T11:00:00Z'),
    ]);
    expect(ordered.map((t) => t.taskingId)).toEqual(['new', 'old', 'done']);
  });
});
