/**
 * Builds Concordia from its parts: the HTTP server (API, page guard, then Next), Socket.IO on the
 * same port, the channel hub and the ingest path. main.ts supplies real parts; tests supply their
 * own (an in-memory store, no Next).
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { LIVE_CHANNEL } from '../lib/contract/channels.ts';
import type { ValidationPolicy } from '../lib/contract/events.ts';
import type { Accounts } from './auth/accounts.ts';
import { coreRoutes } from './http/api.ts';
import { createRequestAuth } from './http/requestAuth.ts';
import { createRouter } from './http/router.ts';
import { guardPage } from './http/pages.ts';
import { sendError } from './http/respond.ts';
import { Ingest } from './ingest/ingest.ts';
import { ChannelHub } from './realtime/channelHub.ts';
import { attachRealtime, type ConcordiaServer } from './realtime/socketServer.ts';
import type { EventStore } from './store/eventStore.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface AppParts {
  store: EventStore;
  accounts: Accounts;
  log: Logger;
  /** Next's request handler; absent in socket and API tests. */
  pages?: RequestHandler;
  settings: {
    policy: ValidationPolicy;
    maxBodyBytes: number;
    sessionTtlMs: number;
    secureCookies: boolean;
    unitFadeMinutes: number;
    tileUrl?: string;
  };
}

export interface App {
  http: HttpServer;
  io: ConcordiaServer;
  hub: ChannelHub;
  ingest: Ingest;
  /** Stops taking requests, disconnects sockets, completes writes in flight. */
  close(): Promise<void>;
}

/** Headers every response carries. The full Content-Security-Policy comes with the hardening work. */
const BASE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export async function createApp(parts: AppParts): Promise<App> {
  const { store, accounts, log, pages, settings } = parts;
  const hub = new ChannelHub(store);
  await hub.open(LIVE_CHANNEL);
  const ingest = new Ingest({ store, hub, policy: settings.policy });
  const auth = createRequestAuth(accounts);
  // Each feature adds its own route table here.
  const handleApi = createRouter([coreRoutes({ accounts, auth, ingest, hub, store, log, settings })], log);

  const http = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    try {
      if (await handleApi(req, res)) return;
      if (guardPage(req, res, () => auth.authenticate(req))) return;
      if (pages) return await pages(req, res);
      sendError(res, 404, 'not_found', 'no such page');
    } catch (error) {
      log.error({ err: error, url: req.url }, 'unhandled request error');
      if (!res.headersSent) sendError(res, 500, 'internal', 'the server could not complete the request');
      else res.end();
    }
  });

  const io: ConcordiaServer = new Server(http, {
    // Client messages are small commands; anything bigger is refused before it is parsed.
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
  });
  attachRealtime(io, { hub, store, accounts, log });

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing ??= (async () => {
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await store.close();
      hub.close();
      http.closeAllConnections();
      await httpClosed;
    })();
    return closing;
  }

  return { http, io, hub, ingest, close };
}
