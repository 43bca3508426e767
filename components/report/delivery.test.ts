import { describe, expect, it } from 'vitest';
import { classifyResponse, MAX_RETRY_DELAY_MS, networkFailure, parseRetryAfter, retryDelay } from '@/components/report/delivery.ts';

const now = Date.parse('2025-12-14T15:00:00Z');

describe('classifyResponse', () => {
  it('treats a first store and a duplicate alike: the report is on the server', () => {
    expect(classifyResponse(201, { accepted: [{ id: 'a', seq: 3 }], duplicates: [] }, null, now)).toEqual({
      kind: 'delivered',
      duplicate: false,
    });
    expect(classifyResponse(201, { accepted: [], duplicates: ['a'] }, null, now)).toEqual({ kind: 'delivered', duplicate: true });
  });

  it('keeps the server’s reason for a refusal, with every problem', () => {
    const body = {
      error: {
        code: 'forbidden',
        message: 'a officer of pdi may only post as pdi',
        problems: [{ field: 'agency', message: 'this credential posts for pdi, not pnp' }, { junk: true }],
      },
    };
    expect(classifyResponse(403, body, null, now)).toEqual({
      kind: 'rejected',
      rejection: {
        status: 403,
        code: 'forbidden',
        message: 'a officer of pdi may only post as pdi',
        problems: [{ field: 'agency', message: 'this credential posts for pdi, not pnp' }],
      },
    });
    const invalid = classifyResponse(
      400,
      {
        error: {
          code: 'invalid_events',
          message: '1 problem; nothing was stored',
          problems: [{ field: 'occurredAt', message: 'is more than 10 minutes in the future' }],
        },
      },
      null,
      now,
    );
    expect(invalid.kind).toBe('rejected');
  });

  it('still rejects when the refusal has no readable body', () => {
    expect(classifyResponse(413, null, null, now)).toEqual({
      kind: 'rejected',
      rejection: { status: 413, code: 'http_413', message: 'HTTP 413', problems: [] },
    });
  });

  it('asks for a new sign-in on 401 instead of dropping or retrying the report', () => {
    expect(classifyResponse(401, { error: { code: 'unauthorized', message: '…' } }, null, now)).toEqual({ kind: 'signed-out' });
  });

  it('retries server trouble and rate limits, honouring Retry-After', () => {
    expect(classifyResponse(500, { error: { code: 'internal' } }, null, now)).toEqual({
      kind: 'retry',
      retryAfterMs: null,
      reason: 'HTTP 500',
    });
    expect(classifyResponse(503, null, null, now).kind).toBe('retry');
    expect(classifyResponse(429, null, '7', now)).toEqual({ kind: 'retry', retryAfterMs: 7_000, reason: 'HTTP 429' });
  });

  it('retries when no answer came back', () => {
    expect(networkFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'retry', retryAfterMs: null, reason: 'network' });
    expect(networkFailure(new DOMException('aborted', 'AbortError'))).toEqual({ kind: 'retry', retryAfterMs: null, reason: 'timeout' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates and ignores nonsense', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 14 Dec 2025 15:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 14 Dec 2025 14:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('retryDelay', () => {
  const middle = () => 0.5; // no jitter

  it('doubles from 2 s and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, null, middle))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelay(30, null, middle)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('spreads phones apart by at most ±20 %', () => {
    expect(retryDelay(3, null, () => 0)).toBe(6_400);
    expect(retryDelay(3, null, () => 1)).toBe(9_600);
  });

  it('waits at least as long as the server asked, but never past the cap', () => {
    expect(retryDelay(1, 60_000, middle)).toBe(60_000);
    expect(retryDelay(5, 1_000, middle)).toBe(32_000);
    expect(retryDelay(1, 86_400_000, middle)).toBe(MAX_RETRY_DELAY_MS);
  });
});
