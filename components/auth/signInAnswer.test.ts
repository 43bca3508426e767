import { describe, expect, it } from 'vitest';
import { errorReplySchema, ROLES, signInReplySchema, type SignInReply } from '@/lib/contract/http.ts';
import { DEFAULT_LOCK_SECONDS, minutesLeft, readSignInAnswer } from '@/components/auth/signInAnswer.ts';

describe('readSignInAnswer', () => {
  it('reads a sign-in with the account’s role', () => {
    expect(readSignInAnswer(200, { user: { role: 'officer' } }, null)).toEqual({ kind: 'signed-in', role: 'officer' });
    expect(readSignInAnswer(200, null, null)).toEqual({ kind: 'signed-in', role: null });
  });

  it('tells a wrong password from a lock, and names the lock', () => {
    expect(readSignInAnswer(401, { error: { code: 'unauthorized' } }, null)).toEqual({ kind: 'wrong' });
    expect(readSignInAnswer(429, { error: { code: 'account_locked', retryAfterSeconds: 870 } }, '870')).toEqual({
      kind: 'locked',
      scope: 'account',
      retryAfterSeconds: 870,
    });
    expect(readSignInAnswer(429, { error: { code: 'address_locked' } }, '61')).toEqual({
      kind: 'locked',
      scope: 'address',
      retryAfterSeconds: 61,
    });
  });

  it('falls back to the header, then to the usual window, when the lock gives no seconds', () => {
    expect(readSignInAnswer(429, null, '120')).toMatchObject({ kind: 'locked', retryAfterSeconds: 120 });
    expect(readSignInAnswer(423, 'not json', 'soon')).toMatchObject({ kind: 'locked', retryAfterSeconds: DEFAULT_LOCK_SECONDS });
  });

  it('calls any other answer a server failure, with its status', () => {
    expect(readSignInAnswer(503, null, null)).toEqual({ kind: 'server-error', status: 503 });
    expect(readSignInAnswer(302, null, null)).toEqual({ kind: 'server-error', status: 302 });
  });
});

describe('minutesLeft', () => {
  it('rounds up to whole minutes and stops at zero', () => {
    expect(minutesLeft(870_000, 0)).toBe(15);
    expect(minutesLeft(60_000, 0)).toBe(1);
    expect(minutesLeft(60_001, 0)).toBe(2);
    expect(minutesLeft(1, 0)).toBe(1);
    expect(minutesLeft(0, 0)).toBe(0);
    expect(minutesLeft(0, 5_000)).toBe(0);
  });
});

describe('readSignInAnswer against the contract (lib/contract/http.ts)', () => {
  const reply: SignInReply = {
    token: 'tok',
    user: { username: 'officer-pnp', role: 'officer', agency: 'pnp', unitId: 'PNP-1' },
    expiresAt: '2025-12-01T20:00:00.000Z',
  };

  it.each(ROLES)('takes the role %s from a reply the schema accepts', (role) => {
    const body = signInReplySchema.parse({ ...reply, user: { ...reply.user, role } });
    expect(readSignInAnswer(200, body, null)).toEqual({ kind: 'signed-in', role });
  });

  it('reads a lock from a refusal the schema accepts', () => {
    const body = errorReplySchema.parse({ error: { code: 'address_locked', message: 'too many attempts', retryAfterSeconds: 120 } });
    expect(readSignInAnswer(429, body, '120')).toEqual({ kind: 'locked', scope: 'address', retryAfterSeconds: 120 });
  });
});
