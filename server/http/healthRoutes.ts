/**
 * Health a load balancer can use. GET /healthz: the process is alive (restart it if not).
 * GET /readyz: the node can take writes now — its store answers, the schema is migrated and a
 * probe write commits; 503 saying why not (send traffic elsewhere, do not restart: the node
 * recovers by itself when the store returns).
 */
import type { LivenessReply, ReadinessReply } from '../../lib/contract/http.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { StoreHealth } from '../store/storeFault.ts';
import type { RouteTable } from './router.ts';
import { sendJson } from './respond.ts';

export function healthRoutes(deps: { store: EventStore }): RouteTable {
  let probing: Promise<StoreHealth> | undefined;

  /**
   * One probe at a time; requests meanwhile share its answer. No answer is kept beyond that: a
   * disk fills in less than a second, and a balancer polling every second or two costs one small
   * write each time.
   */
  function probe(): Promise<StoreHealth> {
    probing ??= deps.store.probe().finally(() => {
      probing = undefined;
    });
    return probing;
  }

  return {
    '/healthz': {
      GET: ({ res }) => {
        const body: LivenessReply = { ok: true };
        sendJson(res, 200, body);
      },
    },
    '/readyz': {
      GET: async ({ res }) => {
        const health = await probe();
        const ready = health.reachable && health.writable && health.migrated;
        const body: ReadinessReply = { ready, store: health };
        sendJson(res, ready ? 200 : 503, body);
      },
    },
  };
}
