/**
 * A small route table for the API: paths may hold `:params`; each feature contributes its own
 * table (core API, training, ingest formats…) and the router tries them in order. Errors thrown as
 * HttpError reach the client with their message; anything else is logged and becomes a plain 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { asHttpError, HttpError, sendError } from './respond.ts';
import { problemsFromZod } from '../../lib/contract/validation.ts';

/** At most one log line per this interval while the store refuses requests. */
const FAULT_LOG_INTERVAL_MS = 10_000;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Values of the path's `:params`, already URL-decoded. */
  params: Record<string, string>;
}

export type RouteHandler = (ctx: RequestContext) => Promise<void> | void;
export type RouteTable = Record<string, Partial<Record<HttpMethod, RouteHandler>>>;

interface CompiledRoute {
  pattern: RegExp;
  names: string[];
  methods: Partial<Record<HttpMethod, RouteHandler>>;
}

function compile(path: string, methods: CompiledRoute['methods']): CompiledRoute {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names, methods };
}

/** Returns a handler that answers API paths and returns false for everything else. */
export function createRouter(tables: RouteTable[], log: Logger) {
  const routes = tables.flatMap((table) => Object.entries(table).map(([path, methods]) => compile(path, methods)));
  // A store fault refuses every write until it passes: log it once in a while, not per request.
  let lastFaultLoggedAt = -Infinity;

  return async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let match: { route: CompiledRoute; values: string[] } | undefined;
    for (const route of routes) {
      const found = route.pattern.exec(url.pathname);
      if (found) {
        match = { route, values: found.slice(1) };
        break;
      }
    }
    if (!match) {
      if (!url.pathname.startsWith('/api/')) return false;
      sendError(res, 404, 'not_found', `no endpoint ${url.pathname}`);
      return true;
    }
    const { route, values } = match;
    try {
      const handler = route.methods[(req.method ?? 'GET') as HttpMethod];
      if (!handler) {
        res.setHeader('allow', Object.keys(route.methods).join(', '));
        throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(values[i]);
        } catch {
          throw new HttpError(400, 'invalid_path', `malformed ${name} in the path`);
        }
      });
      await handler({ req, res, url, params });
    } catch (thrown) {
      const error = asHttpError(thrown);
      if (error) {
        if (error.status === 413) res.setHeader('connection', 'close');
        if (error !== thrown && performance.now() - lastFaultLoggedAt > FAULT_LOG_INTERVAL_MS) {
          lastFaultLoggedAt = performance.now();
          log.warn({ err: thrown, path: url.pathname }, 'store unavailable; answering 503 until it returns');
        }
        if (!res.headersSent) sendError(res, error.status, error.code, error.message, error.problems, error.headers);
        else res.end();
      } else {
        log.error({ err: thrown, path: url.pathname }, 'request failed');
        if (!res.headersSent) sendError(res, 500, 'internal', 'the server could not complete the request');
        else res.end();
      }
    }
    return true;
  };
}

/** Parses the query string with a schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, url: URL): z.output<T> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error);
    throw new HttpError(400, 'invalid_query', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  return parsed.data;
}

/** Parses a JSON body already read, with a schema; a bad value is a 400 naming each field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error);
    throw new HttpError(400, 'invalid_body', problems.map((p) => `${p.field || 'body'}: ${p.message}`).join('; '), problems);
  }
  return parsed.data;
}
