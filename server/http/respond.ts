/** JSON responses and the error shape every endpoint uses: `{ error: { code, message, problems? } }`. */
import type { ServerResponse } from 'node:http';
import type { ErrorReply, Problem } from '../../lib/contract/http.ts';
import { storeFaultOf, type StoreUnavailableError } from '../store/storeFault.ts';

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

/**
 * The HttpError a thrown error answers as: itself, or a 503 with Retry-After for a store fault
 * (database unreachable, disk full): the request may succeed later, so it is never a 500. Anything
 * else is undefined: a bug, answered as a plain 500 by the caller.
 */
export function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const fault = storeFaultOf(error);
  return fault ? storeUnavailable(fault) : undefined;
}

export function storeUnavailable(fault: StoreUnavailableError): HttpError {
  const seconds = fault.retryAfterSeconds;
  return new HttpError(
    503,
    'storage_unavailable',
    `${fault.message}; retry in ${seconds} s (events sent again with the same ids are stored once)`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}
