/** JSON responses and the error shape every endpoint uses: `{ error: { code, message, problems? } }`. */
import type { ServerResponse } from 'node:http';
import type { ErrorReply, Problem } from '../../lib/contract/http.ts';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  problems?: Problem[],
  headers: Record<string, string> = {},
): void {
  const retryAfter = Number(headers['retry-after']);
  const body: ErrorReply = {
    error: {
      code,
      message,
      ...(problems ? { problems } : {}),
      ...(Number.isInteger(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    },
  };
  sendJson(res, status, body, headers);
}

/** An error meant for the client: its message is safe to show. Anything else becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
