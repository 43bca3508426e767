/** The sign-in locks name themselves and say how long they last, so the page can tell the user. */
import { describe, expect, it } from 'vitest';
import { RateLimits } from './rateLimits.ts';
import { HttpError } from './respond.ts';

async function refusal(attempt: () => Promise<void>): Promise<HttpError> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('sign-in rate limits', () => {
  it('locks an address that tries too often, as address_locked with Retry-After in whole seconds', async () => {
    const limits = new RateLimits({ loginFailuresPerAccount: 10, loginAttemptsPerAddress: 2, ingestRequestsPerSecond: 10 });
    await limits.beforeSignIn('a', '10.0.0.1');
    await limits.beforeSignIn('b', '10.0.0.1');
    const locked = await refusal(() => limits.beforeSignIn('c', '10.0.0.1'));
    expect(locked).toMatchObject({ status: 429, code: 'address_locked' });
    const seconds = Number(locked.headers['retry-after']);
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    // Another address is not affected.
    await limits.beforeSignIn('c', '10.0.0.2');
  });

  it('locks an account on the failure that uses up its allowance, whatever the case of the name', async () => {
    const limits = new RateLimits({ loginFailuresPerAccount: 2, loginAttemptsPerAddress: 100, ingestRequestsPerSecond: 10 });
    await limits.signInFailed('Officer-PDI');
    const locking = await refusal(() => limits.signInFailed('officer-pdi'));
    expect(locking).toMatchObject({ status: 429, code: 'account_locked' });
    expect(Number(locking.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(await refusal(() => limits.beforeSignIn('OFFICER-pdi', '10.0.0.3'))).toMatchObject({ code: 'account_locked' });
    await limits.beforeSignIn('officer-pnp', '10.0.0.3');
  });
});
