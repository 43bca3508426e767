/**
 * GET /api/taskings?channel=: the signed-in officer's unit and its taskings, each with a summary of
 * its incident (lib/projection/phoneTaskings.ts), for the phone's report page. The phone does not
 * hold the whole picture (it is a form on a weak link), so it asks for this small part of it, read
 * from the hub's picture in the caller's scope plus what the store committed since, so an answer
 * just stored counts at once. Answers go to POST /api/actions. Documented in docs/api.md.
 */
import { z } from 'zod';
import { channelSchema } from '../../lib/contract/channels.ts';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import type { PhoneTaskingsReply, Role } from '../../lib/contract/http.ts';
import { audiencesVisibleTo } from '../../lib/contract/releasability.ts';
import { phoneTaskings } from '../../lib/projection/phoneTaskings.ts';
import { applyEvents } from '../../lib/projection/picture.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import { HttpError, sendJson } from '../http/respond.ts';
import { parseQuery, type RouteTable } from '../http/router.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';

/** Who opens the report page (server/http/pages.ts lets the same roles through). */
export const PHONE_ROLES: readonly Role[] = ['officer', 'admin'];
/** Committed events read beyond the hub's picture; the hub lags by one batch window, so a few suffice. */
const TAIL_LIMIT = 5_000;

export interface TaskingsRouteDeps {
  auth: RequestAuth;
  hub: ChannelHub;
  store: EventStore;
  /** Epoch ms; tests pin it. */
  now?: () => number;
}

export const taskingsQuery = z.strictObject({ channel: channelSchema.default(LIVE_CHANNEL) });

export function taskingsRoutes({ auth, hub, store, now = Date.now }: TaskingsRouteDeps): RouteTable {
  return {
    '/api/taskings': {
      GET: async ({ req, res, url }) => {
        const principal = auth.requireRole(req, PHONE_ROLES);
        const { channel } = parseQuery(taskingsQuery, url);
        if (!hub.has(channel)) throw new HttpError(404, 'unknown_channel', `unknown channel ${channel}`);
        const snapshot = hub.snapshot(channel, principal.scope);
        const newer = await store.read(channel, {
          afterSeq: snapshot.seq,
          limit: TAIL_LIMIT,
          audiences: audiencesVisibleTo(principal.scope),
        });
        const picture = applyEvents(snapshot.picture, newer);
        const unit = principal.unitId ? { agency: principal.agency, unitId: principal.unitId } : null;
        const reply: PhoneTaskingsReply = { channel, ...phoneTaskings(picture, unit, now()) };
        sendJson(res, 200, reply, { 'cache-control': 'no-store' });
      },
    },
  };
}
