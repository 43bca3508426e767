/**
 * The training API (docs in README "Training"): the scenario catalog, starting and listing
 * exercise sessions, and driving a session's clock. Trainers and admins create and control;
 * anyone signed in may list and read sessions to join them.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { controlCommandSchema, createSessionSchema } from '../../lib/scenario/control.ts';
import { actorOf, type AuditLog } from '../audit/auditLog.ts';
import type { CreatedSession, ScenarioList, SessionList, SessionView } from '../../lib/contract/training.ts';
import { postingRights, TRAINING_CONTROL_ROLES } from '../auth/permissions.ts';
import { readJsonBody } from '../http/body.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import { HttpError, sendJson } from '../http/respond.ts';
import { parseBody, type RouteTable } from '../http/router.ts';
import type { ScenarioCatalog } from './scenarioCatalog.ts';
import type { TrainingSessions } from './trainingSessions.ts';

/** Control commands and session requests are tiny. */
const BODY_LIMIT = 4 * 1024;

export interface TrainingRouteDeps {
  auth: RequestAuth;
  audit: AuditLog;
  catalog: ScenarioCatalog;
  sessions: TrainingSessions;
  log: Logger;
}

export function trainingRoutes({ auth, audit, catalog, sessions, log }: TrainingRouteDeps): RouteTable {
  const address = (req: IncomingMessage) => req.socket.remoteAddress ?? null;

  function sessionOf(id: string) {
    const session = sessions.get(id);
    if (!session) throw new HttpError(404, 'unknown_session', `no exercise session ${id}`);
    return session;
  }

  return {
    '/api/scenarios': {
      GET: ({ req, res }) => {
        auth.requirePrincipal(req);
        const body: ScenarioList = { scenarios: catalog.list() };
        sendJson(res, 200, body);
      },
    },
    '/api/training': {
      GET: ({ req, res }) => {
        auth.requirePrincipal(req);
        const body: SessionList = {
          sessions: sessions.list().map((s) => sessions.view(s)),
          persistent: sessions.persistent,
          problem: sessions.problem ?? null,
        };
        sendJson(res, 200, body);
      },
      POST: async ({ req, res }) => {
        const principal = auth.requireRole(req, TRAINING_CONTROL_ROLES);
        const { scenario } = parseBody(createSessionSchema, await readJsonBody(req, BODY_LIMIT));
        const created = await sessions.create(scenario, principal.username);
        if ('error' in created) {
          audit.record({
            ...actorOf(principal),
            action: 'training.create',
            target: scenario,
            outcome: 'failed',
            detail: created.error,
            address: address(req),
          });
          if (created.error === 'too-many')
            throw new HttpError(409, 'too_many_sessions', 'this server already runs the most exercise sessions it allows');
          const known =
            catalog
              .list()
              .map((s) => s.id)
              .join(', ') || 'none';
          throw new HttpError(400, 'invalid_body', `scenario: no scenario "${scenario}"; available: ${known}`, [
            { field: 'scenario', message: `no scenario "${scenario}"; available: ${known}` },
          ]);
        }
        audit.record({
          ...actorOf(principal),
          action: 'training.create',
          target: created.channel,
          outcome: 'ok',
          detail: scenario,
          address: address(req),
        });
        log.info({ session: created.id, scenario, by: principal.username }, 'exercise session created');
        const body: CreatedSession = { id: created.id, channel: created.channel, session: sessions.view(created) };
        sendJson(res, 201, body);
      },
    },
    '/api/training/:id': {
      GET: ({ req, res, params }) => {
        const principal = auth.requirePrincipal(req);
        const session = sessionOf(params.id);
        // The phone page asks before it offers its form: one permission table, the server's.
        const body: SessionView = { ...sessions.view(session), mayPost: postingRights(principal, session.channel).allowed };
        sendJson(res, 200, body);
      },
      DELETE: async ({ req, res, params }) => {
        const principal = auth.requireRole(req, TRAINING_CONTROL_ROLES);
        const session = sessionOf(params.id);
        await sessions.end(session);
        audit.record({
          ...actorOf(principal),
          action: 'training.control',
          target: session.channel,
          outcome: 'ok',
          detail: 'end',
          address: address(req),
        });
        log.info({ session: session.id, by: principal.username }, 'exercise session ended');
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
      },
    },
    '/api/training/:id/control': {
      POST: async ({ req, res, params }) => {
        const principal = auth.requirePrincipal(req);
        if (principal.kind !== 'user' || !TRAINING_CONTROL_ROLES.includes(principal.role)) {
          audit.record({
            ...actorOf(principal),
            action: 'training.control',
            target: `training:${params.id}`,
            outcome: 'denied',
            address: address(req),
          });
          throw new HttpError(403, 'forbidden', `only ${TRAINING_CONTROL_ROLES.join(', ')} may control an exercise`);
        }
        const session = sessionOf(params.id);
        const command = parseBody(controlCommandSchema, await readJsonBody(req, BODY_LIMIT));
        const outcome = await sessions.control(session, command);
        const detail = JSON.stringify(command).slice(0, 500);
        if (!outcome.ok) {
          audit.record({
            ...actorOf(principal),
            action: 'training.control',
            target: session.channel,
            outcome: 'failed',
            detail,
            address: address(req),
          });
          throw new HttpError(400, 'invalid_body', `${outcome.field}: ${outcome.message}`, [
            { field: outcome.field, message: outcome.message },
          ]);
        }
        audit.record({
          ...actorOf(principal),
          action: 'training.control',
          target: session.channel,
          outcome: 'ok',
          detail,
          address: address(req),
        });
        sendJson(res, 200, outcome.clock);
      },
    },
  };
}
