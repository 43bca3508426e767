/**
 * Raises alerts (issue 14, point 4): every `intervalMs` (default 1 s) it evaluates each country's
 * picture of the live channel and of every exercise's channel (point 7: on exercise time, from the
 * session's clock) with alertsDue and appends an `alert.raised` for each alert not yet in the log. Ids are deterministic and carry the subject's agency, so several nodes raising the
 * same alert store it once (the store is idempotent by channel, agency and id).
 */
import type { ConcordiaEvent } from '../../lib/contract/events.ts';
import { alertsDue } from '../../lib/projection/alertRules.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { Logger } from 'pino';
import { channelNow, workflowChannels, type Exercises } from './exerciseTime.ts';

export interface AlertRaiserDeps {
  hub: ChannelHub;
  store: EventStore;
  log: Logger;
  fadeMinutes: number;
  intervalMs?: number;
  /** The channels to watch; default the live channel and every exercise's channel of `training`. */
  channels?: readonly string[];
  /** Exercises: their channels are watched, each on its own clock. */
  training?: Exercises;
  /** The server's clock (the live channel's "now"). */
  now?: () => number;
}

export function startAlertRaiser(deps: AlertRaiserDeps): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const channel of deps.channels ?? workflowChannels(deps.training)) await raiseOnce(deps, channel);
    } catch (error) {
      deps.log.warn({ err: error }, 'alert raiser could not append; retrying on the next tick');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), deps.intervalMs ?? 1_000);
  return () => clearInterval(timer);
}

export async function raiseOnce(deps: AlertRaiserDeps, channel: string): Promise<number> {
  if (!deps.hub.has(channel)) return 0;
  const now = channelNow(channel, deps.training, deps.now);
  const occurredAt = new Date(now).toISOString();
  const events = new Map<string, ConcordiaEvent>();
  for (const scope of ['CL', 'PE'] as const) {
    const picture = deps.hub.snapshot(channel, scope).picture;
    for (const alert of alertsDue(picture, now, deps.fadeMinutes)) {
      if (events.has(alert.alertId)) continue;
      events.set(alert.alertId, {
        id: alert.alertId,
        type: 'alert.raised',
        agency: alert.agency,
        occurredAt,
        releasability: alert.releasability,
        actor: { accountId: 'system', role: 'system' },
        alertId: alert.alertId,
        kind: alert.kind,
        subject: alert.subject,
        sound: alert.sound,
      });
    }
  }
  if (events.size === 0) return 0;
  const { stored } = await deps.store.append(channel, [...events.values()]);
  deps.hub.publish(channel, stored);
  return stored.length;
}
