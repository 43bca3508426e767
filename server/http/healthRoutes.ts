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

/** A probe answer is reused this long: a balancer polling every node often costs one write a second. */
export const READINESS_CACHE_MS = 1_000;

export function healthRoutes(deps: { store: EventStore; cacheMs?: number }): RouteTable {
  const cacheMs = deps.cacheMs ?? READINESS_CACHE_MS;
  let last: { at: number; health: StoreHealth } | undefined;
  let probing: Promise<StoreHealth> | undefined;

  /** One probe at a time; requests meanwhile share its answer. */
  function probe(): Promise<StoreHealth> {
    if (last && performance.now() - last.at < cacheMs) return Promise.resolve(last.health);
    probing ??= deps.store.probe().then((health) => {
      last = { at: performance.now(), health };
      probing = undefined;
      return health;
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
