/**
 * Who is reporting: the officer's account as GET /api/session returns it, remembered on the phone
 * so the page still knows agency and unit when it opens with no connection. The account decides
 * the agency; the page never lets the officer pick one.
 */
import { sessionReplySchema, userViewSchema, type UserView } from '@/lib/contract/http.ts';

/** The officer is the account GET /api/session names. */
export type Officer = UserView;

export type SessionCheck =
  | { kind: 'signed-in'; officer: Officer }
  | { kind: 'signed-out' }
  /** No answer (offline) or an answer this page cannot read: fall back to what the phone remembers. */
  | { kind: 'unreachable' };

/** Reads the answer to GET /api/session. */
export function readSessionAnswer(status: number, body: unknown): SessionCheck {
  if (status === 401) return { kind: 'signed-out' };
  if (status !== 200) return { kind: 'unreachable' };
  const parsed = sessionReplySchema.safeParse(body);
  return parsed.success ? { kind: 'signed-in', officer: parsed.data.user } : { kind: 'unreachable' };
}

/** What the phone remembers is checked like any input: another version may have written it. */
export function readRememberedOfficer(text: string | null): Officer | null {
  if (!text) return null;
  try {
    const parsed = userViewSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
