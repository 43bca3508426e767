/**
 * What the wall knows about its link to the server, and how plainly to say it. The page that owns
 * the socket fills a ConnectionState; `describeConnection` decides the tone and words, and refuses
 * to call the data live when nothing has been heard for longer than STALE_AFTER_MS, whatever the
 * status says: a frozen screen must never look live.
 */
import { STALE_AFTER_MS } from '@/lib/contract/heartbeat.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';

export type ConnectionState = {
  status: 'connecting' | 'live' | 'stale' | 'offline';
  /** Epoch ms: when the data on screen stopped being current (set by the page on going stale). */
  staleSince?: number;
  /** Epoch ms: the last event or heartbeat received. */
  lastHeardAt?: number;
};

/** live: green; neutral: starting up, nothing shown yet; warning: amber; danger: red. */
export type ConnectionTone = 'live' | 'neutral' | 'warning' | 'danger';

export interface ConnectionView {
  tone: ConnectionTone;
  headline: MessageKey;
  /** Epoch ms the data on screen dates from, when it is not live and that is known. */
  dataSince?: number;
  /** The sentence saying since when, with {time} and {age}; set whenever dataSince is. */
  detail?: MessageKey;
}

type Since = Pick<ConnectionView, 'dataSince' | 'detail'>;
/** "nothing heard from the server since …": the link may be up, but nothing arrives. */
const silent = (dataSince: number | undefined): Since =>
  dataSince === undefined ? {} : { dataSince, detail: 'wall.connection.silentSince' };
/** "data out of date since …": the link is down or being re-established. */
const outdated = (dataSince: number | undefined): Since =>
  dataSince === undefined ? {} : { dataSince, detail: 'wall.connection.outdatedSince' };

export function describeConnection(connection: ConnectionState, now: number, staleAfterMs: number = STALE_AFTER_MS): ConnectionView {
  const { status, staleSince, lastHeardAt } = connection;
  switch (status) {
    case 'live':
      if (lastHeardAt !== undefined && now - lastHeardAt > staleAfterMs) {
        return { tone: 'warning', headline: 'wall.connection.stale', ...silent(lastHeardAt) };
      }
      return { tone: 'live', headline: 'wall.connection.live' };
    case 'connecting': {
      const since = staleSince ?? lastHeardAt;
      if (since === undefined) return { tone: 'neutral', headline: 'wall.connection.connecting' };
      return { tone: 'warning', headline: 'wall.connection.reconnecting', ...outdated(since) };
    }
    case 'stale':
      return { tone: 'warning', headline: 'wall.connection.stale', ...silent(staleSince ?? lastHeardAt) };
    case 'offline':
      return { tone: 'danger', headline: 'wall.connection.offline', ...outdated(staleSince ?? lastHeardAt) };
  }
}
