/**
 * The HTTP API (documented in docs/api.md). It lives in the custom server, not in Next route
 * handlers, because Next gives route handlers their own copy of every module: the store and the
 * hub must be the ones the socket server uses.
 */
import { DEFAULT_FEED_KEEP_MINUTES } from '../../lib/projection/selectors.ts';
import type { IncomingMessage } from 'node:http';
import { serialize as serializeCookie } from 'cookie';
import type { Logger } from 'pino';
import { z } from 'zod';
import { channelSchema } from '../../lib/contract/channels.ts';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import type { AuditReply, ClientConfig, EventsPage, SessionReply, SignInReply, SnapshotReply } from '../../lib/contract/http.ts';
import type { ValidationPolicy } from '../../lib/contract/events.ts';
import { audiencesVisibleTo } from '../../lib/contract/releasability.ts';
import { MAX_BATCH_SIZE } from '../../lib/contract/validation.ts';
import type { Accounts } from '../auth/accounts.ts';
import { SESSION_COOKIE } from '../auth/credentials.ts';
import type { Ingest, IngestResult } from '../ingest/ingest.ts';
import type { Principal } from '../auth/roles.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import { readJsonBody } from './body.ts';
import { HttpError, sendJson } from './respond.ts';
import type { RequestAuth } from './requestAuth.ts';
import type { RateLimits } from './rateLimits.ts';
import { actorOf, AUDIT_ACTIONS, type AuditLog } from '../audit/auditLog.ts';
import { parseQuery, type RouteTable } from './router.ts';

export interface ApiDeps {
  accounts: Accounts;
  auth: RequestAuth;
  audit: AuditLog;
  rateLimits: RateLimits;
  ingest: Ingest;
  hub: ChannelHub;
  store: EventStore;
  log: Logger;
  /** Called when a session ends over the API, so its open sockets can be closed at once. */
  onSessionEnded?: (sessionHash: string) => void;
  settings: {
    maxBodyBytes: number;
    sessionTtlMs: number;
    secureCookies: boolean;
    unitFadeMinutes: number;
    feedKeepMinutes?: number;
    tileUrl?: string;
    policy: ValidationPolicy;
  };
}

const MAX_READ_LIMIT = 5_000;

const credentialsSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1_000),
});

const auditQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  action: z.enum(AUDIT_ACTIONS).optional(),
});

const channelQuery = z.object({ channel: channelSchema.default(LIVE_CHANNEL) });
const readQuery = channelQuery.extend({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_READ_LIMIT).default(500),
});

/** The core API: client settings, sessions, events and state. */
export function coreRoutes(deps: ApiDeps): RouteTable {
  const { accounts, ingest, hub, store, log, settings, auth, audit, rateLimits } = deps;
  const { requirePrincipal } = auth;

  return {
    '/api/client-config': {
      GET: ({ res }) => {
        const body: ClientConfig = {
          unitFadeMinutes: settings.unitFadeMinutes,
          feedKeepMinutes: settings.feedKeepMinutes ?? DEFAULT_FEED_KEEP_MINUTES,
          tileUrl: settings.tileUrl ?? null,
          bounds: settings.policy.bounds,
          maxTextLength: settings.policy.maxTextLength,
          maxBatchSize: MAX_BATCH_SIZE,
        };
        sendJson(res, 200, body);
      },
    },
    '/api/session': {
      POST: async ({ req, res }) => {
        const parsed = credentialsSchema.safeParse(await readJsonBody(req, 16 * 1024));
        if (!parsed.success) throw new HttpError(400, 'invalid_credentials', 'send {"username", "password"}');
        const { username, password } = parsed.data;
        const address = clientAddress(req);
        await rateLimits.beforeSignIn(username, address);
        const session = await accounts.signIn(username, password);
        audit.record({
          actor: username,
          action: 'session.signin',
          outcome: session ? 'ok' : 'failed',
          address,
          agency: session?.user.agency,
        });
        if (!session) {
          await rateLimits.signInFailed(username);
          throw new HttpError(401, 'unauthorized', 'wrong username or password');
        }
        log.info({ username }, 'signed in');
        const reply: SignInReply = { token: session.token, user: session.user, expiresAt: session.expiresAt };
        sendJson(res, 200, reply, {
          'set-cookie': sessionCookie(session.token, settings.sessionTtlMs / 1000),
        });
      },
      GET: ({ req, res }) => {
        const principal = requirePrincipal(req);
        if (principal.kind !== 'user') throw new HttpError(400, 'not_a_session', 'this credential is an ingest key');
        const { username, role, agency, unitId } = principal;
        const reply: SessionReply = { user: { username, role, agency, unitId } };
        sendJson(res, 200, reply);
      },
      DELETE: ({ req, res }) => {
        const principal = auth.authenticate(req);
        if (principal?.kind === 'user' && principal.sessionHash) {
          accounts.signOut(principal.sessionHash);
          deps.onSessionEnded?.(principal.sessionHash);
          audit.record({ ...actorOf(principal), action: 'session.signout', outcome: 'ok', address: clientAddress(req) });
        }
        res.writeHead(204, { 'set-cookie': sessionCookie('', 0) });
        res.end();
      },
    },
    '/api/events': {
      POST: async ({ req, res, url }) => {
        const principal = requirePrincipal(req);
        await rateLimits.beforeIngest(principalKey(principal));
        const { channel } = parseQuery(channelQuery, url);
        const body = await readJsonBody(req, settings.maxBodyBytes);
        const result = await ingest.submit(principal, channel, body);
        auditPost(principal, channel, result, clientAddress(req));
        if (result.ok) return sendJson(res, 201, result.receipt);
        const failure = result.failure;
        switch (failure.kind) {
          case 'invalid':
            throw new HttpError(400, 'invalid_events', summarise(failure.problems.length), failure.problems);
          case 'forbidden':
            throw new HttpError(403, 'forbidden', failure.message, failure.problems);
          case 'unknown-channel':
            throw new HttpError(404, 'unknown_channel', failure.message);
        }
      },
      GET: async ({ req, res, url }) => {
        const principal = requirePrincipal(req);
        const { channel, after, limit } = parseQuery(readQuery, url);
        requireChannel(channel);
        const through = hub.through(channel);
        const events = await store.read(channel, {
          afterSeq: after,
          throughSeq: through,
          limit,
          audiences: audiencesVisibleTo(principal.scope),
        });
        // `through`: how far this page reaches, so a client can page on even when the last events
        // of the range were ones it may not see.
        const reached = events.length === limit ? events[events.length - 1].seq : Math.max(after, through);
        const page: EventsPage = { channel, events, through: reached };
        sendJson(res, 200, page);
      },
    },
    '/api/audit': {
      GET: async ({ req, res, url }) => {
        auth.requireRole(req, ['admin']);
        const query = parseQuery(auditQuery, url);
        const reply: AuditReply = { entries: await audit.query({ afterId: query.after, limit: query.limit, action: query.action }) };
        sendJson(res, 200, reply);
      },
    },
    '/api/state': {
      GET: ({ req, res, url }) => {
        const principal = requirePrincipal(req);
        const { channel } = parseQuery(channelQuery, url);
        requireChannel(channel);
        const snapshot: SnapshotReply = hub.snapshot(channel, principal.scope);
        sendJson(res, 200, snapshot);
      },
    },
  };

  /**
   * People's reports are always audited; machine feeds only when refused, so a busy feed does not
   * bury the trail (its accepted events are in the event log with their agency anyway).
   */
  function auditPost(principal: Principal, channel: string, result: IngestResult, address: string): void {
    if (principal.kind === 'key' && result.ok) return;
    const outcome = result.ok ? 'ok' : result.failure.kind === 'forbidden' ? 'denied' : 'failed';
    const detail = result.ok
      ? `accepted ${result.receipt.accepted.map((a) => a.id).join(',')}; duplicates ${result.receipt.duplicates.length}`
      : result.failure.kind;
    audit.record({ ...actorOf(principal), action: 'events.post', target: channel, outcome, detail: detail.slice(0, 2000), address });
  }

  function requireChannel(channel: string): void {
    if (!hub.has(channel)) throw new HttpError(404, 'unknown_channel', `unknown channel ${channel}`);
  }

  function sessionCookie(token: string, maxAgeSeconds: number): string {
    return serializeCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: settings.secureCookies,
      maxAge: Math.floor(maxAgeSeconds),
    });
  }
}

/** The peer's address. Behind a reverse proxy this is the proxy: configure trust there first. */
function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** One rate-limit bucket per key or user. */
function principalKey(principal: Principal): string {
  return principal.kind === 'key' ? `key:${principal.keyId}` : `user:${principal.userId}`;
}

function summarise(count: number): string {
  return count === 1 ? '1 problem; nothing was stored' : `${count} problems; nothing was stored`;
}
