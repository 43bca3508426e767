/**
 * Raises alerts (issue 14, point 4): every `intervalMs` (default 1 s) it evaluates each country's
 * picture of the live channel with alertsDue and appends an `alert.raised` for each alert not yet
 * in the log. Ids are deterministic and carry the subject's agency, so several nodes raising the
 * same alert store it once (the store is idempotent by channel, agency and id).
 */
import type { ConcordiaEvent } from '../../lib/contract/events.ts';
import { LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import { alertsDue } from '../../lib/projection/alertRules.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { Logger } from 'pino';

export interface AlertRaiserDeps {
  hub: ChannelHub;
  store: EventStore;
  log: Logger;
  fadeMinutes: number;
  intervalMs?: number;
  channels?: readonly string[];
  now?: () => number;
}

export function startAlertRaiser(deps: AlertRaiserDeps): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const channel of deps.channels ?? [LIVE_CHANNEL]) await raiseOnce(deps, channel);
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
  const now = deps.now?.() ?? Date.now();
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
