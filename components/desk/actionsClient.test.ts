import { describe, expect, it } from 'vitest';
import { ACTIONS_URL, sendAction } from '@/components/desk/actionsClient.ts';

type Call = { url: string; body: Record<string, unknown> };

function fakeFetch(answers: Array<{ status: number; body: unknown } | 'network'>) {
  const calls: Call[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) as Record<string, unknown> });
    const answer = answers.shift() ?? 'network';
    if (answer === 'network') throw new TypeError('failed to fetch');
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

const close = { type: 'incident.close', incidentId: 'i-1', outcome: 'resolved', text: 'ok' } as const;

describe('sendAction', () => {
  it('posts to the page channel with the client id and never the actor or agency', async () => {
    const { calls, fetcher } = fakeFetch([
      { status: 201, body: { id: 'a-1', channel: 'training:x', seq: 4, type: 'incident.closed', duplicate: false } },
    ]);
    expect(await sendAction('training:x', 'a-1', close, fetcher)).toEqual({ ok: true, duplicate: false });
    expect(calls[0].url).toBe(ACTIONS_URL);
    expect(calls[0].body).toEqual({
      id: 'a-1',
      channel: 'training:x',
      step: { type: 'incident.closed', incidentId: 'i-1', outcome: 'resolved', text: 'ok' },
    });
    expect(calls[0].body).not.toHaveProperty('agency');
    expect(calls[0].body).not.toHaveProperty('actor');
  });

  it('retries a lost answer with the same id, and reads the duplicate answer as done', async () => {
    const { calls, fetcher } = fakeFetch([
      'network',
      { status: 200, body: { id: 'a-2', channel: 'live', seq: 4, type: 'incident.closed', duplicate: true } },
    ]);
    expect(await sendAction('live', 'a-2', close, fetcher)).toEqual({ ok: true, duplicate: true });
    expect(calls.map((c) => c.body.id)).toEqual(['a-2', 'a-2']);
  });

  it('gives a refusal back with the server reason and does not retry it', async () => {
    const { calls, fetcher } = fakeFetch([{ status: 403, body: { error: { code: 'not_owner', message: 'only the owner closes it' } } }]);
    expect(await sendAction('live', 'a-3', close, fetcher)).toEqual({ ok: false, status: 403, message: 'only the owner closes it' });
    expect(calls).toHaveLength(1);
  });
});
