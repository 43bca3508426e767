import { describe, expect, it } from 'vitest';
import type { ClockState } from '@/lib/scenario/clock.ts';
import { knownClock, postingVerdict, readExerciseAnswer, readReportTarget, type ExerciseCheck } from '@/components/report/reportChannel.ts';

const clock: ClockState = { playing: true, speed: 60, exerciseTime: 1_000, serverTime: 5, start: 0, end: 10_000_000, ended: false };
const exercise = readReportTarget('?channel=training%3Aab12');
const checking: ExerciseCheck = { kind: 'checking' };

describe('readReportTarget', () => {
  it('is live without a channel, an exercise with training:<id>, and invalid otherwise', () => {
    expect(readReportTarget('')).toEqual({ kind: 'live', channel: 'live' });
    expect(readReportTarget('?channel=live')).toEqual({ kind: 'live', channel: 'live' });
    expect(exercise).toEqual({ kind: 'exercise', channel: 'training:ab12', sessionId: 'ab12' });
    expect(readReportTarget('?channel=training:ab12&x=1')).toMatchObject({ kind: 'exercise', sessionId: 'ab12' });
    expect(readReportTarget('?channel=')).toEqual({ kind: 'invalid' });
    expect(readReportTarget('?channel=training:')).toEqual({ kind: 'invalid' });
    expect(readReportTarget('?channel=training:../../api')).toEqual({ kind: 'invalid' });
    expect(readReportTarget('?channel=vivo')).toEqual({ kind: 'invalid' });
  });
});

describe('readExerciseAnswer and postingVerdict', () => {
  it('opens the form for a running session the account may post to', () => {
    const open = readExerciseAnswer(checking, 200, { id: 'ab12', clock, mayPost: true }, 77);
    expect(open).toEqual({ kind: 'open', clock, receivedAt: 77, mayPost: true });
    expect(postingVerdict(exercise, open)).toEqual({ kind: 'ok' });
    expect(knownClock(open)).toEqual({ kind: 'open', clock, receivedAt: 77, mayPost: true });
  });

  it('says not permitted when the server says so, or says nothing (an older server refuses officers)', () => {
    expect(postingVerdict(exercise, readExerciseAnswer(checking, 200, { clock, mayPost: false }, 1))).toEqual({
      kind: 'blocked',
      reason: 'not-permitted',
    });
    expect(postingVerdict(exercise, readExerciseAnswer(checking, 200, { clock }, 1))).toEqual({ kind: 'blocked', reason: 'not-permitted' });
  });

  it('tells an unknown session from one this page saw end', () => {
    const unknown = readExerciseAnswer(checking, 404, { error: { code: 'unknown_session' } }, 1);
    expect(postingVerdict(exercise, unknown)).toEqual({ kind: 'blocked', reason: 'unknown-session' });
    const open = readExerciseAnswer(checking, 200, { clock, mayPost: true }, 1);
    const ended = readExerciseAnswer(open, 404, null, 2);
    expect(postingVerdict(exercise, ended)).toEqual({ kind: 'blocked', reason: 'ended' });
    // Still ended on the next check, and after a moment offline.
    expect(postingVerdict(exercise, readExerciseAnswer(ended, 404, null, 3))).toEqual({ kind: 'blocked', reason: 'ended' });
    expect(postingVerdict(exercise, readExerciseAnswer(readExerciseAnswer(open, null, null, 2), 404, null, 3))).toEqual({
      kind: 'blocked',
      reason: 'ended',
    });
  });

  it('keeps the last known clock while offline, and waits when it never knew one', () => {
    const open = readExerciseAnswer(checking, 200, { clock, mayPost: true }, 1);
    const offline = readExerciseAnswer(open, null, null, 9);
    expect(offline).toEqual({ kind: 'unreachable', last: open });
    expect(postingVerdict(exercise, offline)).toEqual({ kind: 'ok' });
    expect(knownClock(offline)).toBe(open);
    expect(readExerciseAnswer(offline, 503, null, 10)).toEqual({ kind: 'unreachable', last: open });
    const never = readExerciseAnswer(checking, null, null, 1);
    expect(postingVerdict(exercise, never)).toEqual({ kind: 'wait', reason: 'offline' });
    expect(knownClock(never)).toBeNull();
    expect(postingVerdict(exercise, checking)).toEqual({ kind: 'wait', reason: 'checking' });
  });

  it('an answer this page cannot read is no answer', () => {
    expect(readExerciseAnswer(checking, 200, { clock: { playing: 'yes' } }, 1)).toEqual({ kind: 'unreachable', last: null });
  });

  it('live is always open here; an invalid channel never is', () => {
    expect(postingVerdict(readReportTarget(''), checking)).toEqual({ kind: 'ok' });
    expect(postingVerdict(readReportTarget('?channel=x'), { kind: 'open', clock, receivedAt: 1, mayPost: true })).toEqual({
      kind: 'blocked',
      reason: 'invalid-channel',
    });
  });
});
