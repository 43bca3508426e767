/**
 * GET /api/handover?from=&to=&channel=: the handover brief of a period (lib/projection/handover.ts)
 * as JSON, for coordinators and admins. The period defaults to the last HANDOVER_DEFAULT_HOURS and
 * may span at most HANDOVER_MAX_HOURS. Only events the reader may see are read from the store, and
 * the projection filters them again. Documented in docs/api.md.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { channelSchema } from '../../lib/contract/channels.ts';
import { isTrainingChannel, LIVE_CHANNEL, TRAINING_PREFIX } from '../../lib/contract/channelNames.ts';
import type { StoredEvent } from '../../lib/contract/events.ts';
import { HANDOVER_DEFAULT_HOURS, HANDOVER_MAX_HOURS, type HandoverReply } from '../../lib/contract/http.ts';
import { audiencesVisibleTo, type ReaderScope } from '../../lib/contract/releasability.ts';
import { buildHandover } from '../../lib/projection/handover.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import { HttpError, sendJson } from '../http/respond.ts';
import { parseQuery, type RouteTable } from '../http/router.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { TrainingSession } from '../training/trainingSession.ts';
import type { TrainingSessions } from '../training/trainingSessions.ts';
import { HANDOVER_ROLES } from './handoverRoles.ts';

/** Events read from the store per page while building a brief. */
const READ_PAGE_SIZE = 2_000;
const HOUR_MS = 3_600_000;
/** Seconds a client should wait before asking again after the store failed. */
const STORE_RETRY_SECONDS = 5;

export interface HandoverRouteDeps {
  auth: RequestAuth;
  hub: ChannelHub;
  store: EventStore;
  log: Logger;
  /** Exercises: their channels are read from the session, and "now" is the exercise clock. */
  training?: TrainingSessions;
  /** Epoch ms; tests pin it. */
  now?: () => number;
}

const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date and time with an offset, e.g. 2025-12-01T08:00:00-03:00',
});

export const handoverQuery = z.strictObject({
  channel: channelSchema.default(LIVE_CHANNEL),
  /** Start of the period (inclusive); default: HANDOVER_DEFAULT_HOURS before `to`. */
  from: instant.optional(),
  /** End of the period (exclusive); default: now. */
  to: instant.optional(),
});

/** The period asked for, with its defaults, or a 400 naming what is wrong with it. */
export function handoverPeriod(query: { from?: string; to?: string }, now: number): { from: number; to: number } {
  const to = query.to !== undefined ? Date.parse(query.to) : now;
  const from = query.from !== undefined ? Date.parse(query.from) : to - HANDOVER_DEFAULT_HOURS * HOUR_MS;
  const problem = (field: string, message: string) => new HttpError(400, 'invalid_query', `${field}: ${message}`, [{ field, message }]);
  if (!(from < to)) throw problem('to', 'must be after from');
  if (to - from > HANDOVER_MAX_HOURS * HOUR_MS) throw problem('from', `the period may span at most ${HANDOVER_MAX_HOURS} hours`);
  return { from, to };
}

export function handoverRoutes({ auth, hub, store, log, training, now = Date.now }: HandoverRouteDeps): RouteTable {
  return {
    '/api/handover': {
      GET: async ({ req, res, url }) => {
        const principal = auth.requireRole(req, HANDOVER_ROLES);
        const query = parseQuery(handoverQuery, url);
        const source = channelSource(query.channel);
        const period = handoverPeriod(query, source.now);
        const events = source.session ? source.session.history(principal.scope) : await storedEvents(query.channel, principal.scope);
        const brief: HandoverReply = buildHandover(events, {
          ...period,
          viewer: { scope: principal.scope },
          channel: query.channel,
          now: source.now,
        });
        log.info({ channel: query.channel, agency: principal.agency, from: brief.period.from, to: brief.period.to }, 'handover brief');
        sendJson(res, 200, brief);
      },
    },
  };

  /** Where a channel's events come from, and its "now": the exercise clock on an exercise, else the server's clock. */
  function channelSource(channel: string): { session?: TrainingSession; now: number } {
    if (!hub.has(channel)) throw new HttpError(404, 'unknown_channel', `unknown channel ${channel}`);
    if (!isTrainingChannel(channel)) return { now: now() };
    const session = training?.get(channel.slice(TRAINING_PREFIX.length));
    if (!session) throw new HttpError(404, 'unknown_channel', `unknown channel ${channel}`);
    return { session, now: session.clock.time() };
  }

  /** Every stored event of the channel the reader may see, as far as it has been published to screens. */
  async function storedEvents(channel: string, scope: ReaderScope): Promise<StoredEvent[]> {
    const through = hub.through(channel);
    const events: StoredEvent[] = [];
    let after = 0;
    try {
      while (after < through) {
        const page = await store.read(channel, {
          afterSeq: after,
          throughSeq: through,
          limit: READ_PAGE_SIZE,
          audiences: audiencesVisibleTo(scope),
        });
        if (page.length === 0) break;
        events.push(...page);
        after = page[page.length - 1].seq;
      }
    } catch (error) {
      log.error({ err: error, channel }, 'handover: the event store could not be read');
      throw new HttpError(503, 'store_unavailable', 'the event store is not answering; try again shortly', undefined, {
        'retry-after': String(STORE_RETRY_SECONDS),
      });
    }
    return events;
  }
}
