/**
 * The console's calls to the training API. Every answer is parsed with the contract's schema
 * (lib/contract), never cast. Errors carry the server's own message (safe to show), so the trainer
 * reads why a command was refused.
 */
import { z } from 'zod';
import type { EventInput } from '@/lib/contract/events.ts';
import { errorReplySchema, ingestReceiptSchema } from '@/lib/contract/http.ts';
import { createdSessionSchema, scenarioListSchema, sessionListSchema, sessionViewSchema } from '@/lib/contract/training.ts';
import { clockStateSchema } from '@/lib/scenario/clock.ts';
import type { ControlCommand } from '@/lib/scenario/control.ts';

export class TrainingApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** DELETE answers 204, with no body. */
const noContent = z.null();

async function call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> {
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
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const refusal = errorReplySchema.safeParse(json);
    throw new TrainingApiError(res.status, refusal.success ? refusal.data.error.message : `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new TrainingApiError(res.status, `unreadable answer from ${method} ${path}`);
  return parsed.data;
}

export const trainingApi = {
  scenarios: () => call(scenarioListSchema, 'GET', '/api/scenarios'),
  sessions: () => call(sessionListSchema, 'GET', '/api/training'),
  session: (id: string) => call(sessionViewSchema, 'GET', `/api/training/${encodeURIComponent(id)}`),
  create: (scenario: string) => call(createdSessionSchema, 'POST', '/api/training', { scenario }),
  end: (id: string) => call(noContent, 'DELETE', `/api/training/${encodeURIComponent(id)}`),
  control: (id: string, command: ControlCommand) =>
    call(clockStateSchema, 'POST', `/api/training/${encodeURIComponent(id)}/control`, command),
  inject: (channel: string, event: EventInput) =>
    call(ingestReceiptSchema, 'POST', `/api/events?channel=${encodeURIComponent(channel)}`, event),
};
