/**
 * The console's calls to the training API, typed with the server's shapes. Errors carry the
 * server's own message (safe to show), so the trainer reads why a command was refused.
 */
import type { EventInput } from '@/lib/contract/events.ts';
import type { ClockState } from '@/lib/scenario/clock.ts';
import type { ControlCommand } from '@/lib/scenario/control.ts';
import type { ScenarioSummary } from '@/lib/scenario/scenarioFile.ts';
import type { SessionList, SessionView } from '@/lib/contract/training.ts';

export type { SessionList, SessionView };

export class TrainingApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new TrainingApiError(0, 'network');
  }
  const json = res.status === 204 ? null : ((await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null);
  if (!res.ok) throw new TrainingApiError(res.status, json?.error?.message ?? `HTTP ${res.status}`);
  return json as T;
}

export const trainingApi = {
  scenarios: () => call<{ scenarios: ScenarioSummary[] }>('GET', '/api/scenarios'),
  sessions: () => call<SessionList>('GET', '/api/training'),
  session: (id: string) => call<SessionView>('GET', `/api/training/${encodeURIComponent(id)}`),
  create: (scenario: string) => call<{ id: string; channel: string; session: SessionView }>('POST', '/api/training', { scenario }),
  end: (id: string) => call<null>('DELETE', `/api/training/${encodeURIComponent(id)}`),
  control: (id: string, command: ControlCommand) => call<ClockState>('POST', `/api/training/${encodeURIComponent(id)}/control`, command),
  inject: (channel: string, event: EventInput) =>
    call<{ accepted: Array<{ id: string; seq: number }> }>('POST', `/api/events?channel=${encodeURIComponent(channel)}`, event),
};
