/**
 * Concordia's service worker, built with Serwist (scripts/build-service-worker.ts bundles it and
 * writes public/sw.js with the precache list taken from the build output). Each screen that must
 * open with no connection registers it with its own path as scope: the phone's /report and the
 * wall's /wall. Login, training and the API never pass through it; /api and /socket.io are never
 * touched (reports wait in the phone's IndexedDB outbox, the wall's picture in its own store).
 *
 *   the scope's page (/report, /wall?…)   network first (5 s), the last good copy when offline
 *   /_next/static/…, icons, geography      precached at install, from the build's file list
 *
 * Precached files are versioned by content hash and files of earlier builds are deleted on
 * activation; the page cache carries the format version and the build id in its name, and caches
 * of earlier ones (including the hand-written worker's `concordia-report-*`) are deleted too.
 */
import { ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistPlugin } from 'serwist';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };
/** Next's build id, set by the build script: a saved page names that build's files. */
declare const __BUILD_ID__: string;

const CACHE_PREFIX = 'concordia';
/** The page this registration keeps for offline use: its scope, "/report" or "/wall". */
const SHELL_PATH = new URL(self.registration.scope).pathname;
/**
 * One page cache per scope and build, e.g. "concordia-pages-v2-wall-<build id>" (each screen's
 * worker updates on its own). A page saved from an earlier build names files this worker no
 * longer precaches, so earlier caches of this scope are deleted on activate and the page is saved
 * again (the page asks on controllerchange). Bump the `v2` when what the cache holds changes meaning.
 */
const PAGES_CACHE_SCOPE = `${CACHE_PREFIX}-pages-v2${SHELL_PATH.replaceAll('/', '-')}-`;
const PAGES_CACHE = `${PAGES_CACHE_SCOPE}${__BUILD_ID__}`;
/** Saved page copies (a wall per channel, the report page): a handful per browser is plenty. */
const PAGES_KEPT = 8;
/** On a weak link, the user waits this long for a fresh page before getting the saved one. */
const NAVIGATION_TIMEOUT_S = 5;
const OFFLINE_TEXT =
  'Sin conexión. Abra Concordia una vez con conexión para usarla sin ella. / Offline: open Concordia once while online to use it offline.';

/** Only a real page is kept: not a redirect to /login (session ended), not an error page. */
const onlyRealPages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (isRealPage(response) ? response : null),
};

/** No network and no saved copy: a plain sentence instead of the browser's error page. */
const offlineNotice: SerwistPlugin = {
  handlerDidError: async () => new Response(OFFLINE_TEXT, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
};

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  networkTimeoutSeconds: NAVIGATION_TIMEOUT_S,
  plugins: [onlyRealPages, offlineNotice, new ExpirationPlugin({ maxEntries: PAGES_KEPT })],
});

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  cacheId: CACHE_PREFIX,
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === 'navigate' && url.pathname === SHELL_PATH,
      handler: pages,
    },
  ],
});
serwist.addEventListeners();

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteEarlierCaches());
});

/**
 * The page asks, once the worker is active, to have itself saved (the first visit loaded before
 * the worker controlled it) and is answered on the port once it can open offline.
 */
self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  const port = event.ports[0];
  if (!port || !isWarmRequest(data)) return;
  event.waitUntil(
    savePage(data.page ?? SHELL_PATH).then(
      (ready) => port.postMessage({ ready }),
      () => port.postMessage({ ready: false }),
    ),
  );
});

interface WarmRequest {
  type: 'warm';
  /** The page's own path and query ("/wall?channel=…"); within this worker's scope. */
  page?: string;
}

function isWarmRequest(data: unknown): data is WarmRequest {
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'warm') return false;
  const page = (data as { page?: unknown }).page;
  return page === undefined || (typeof page === 'string' && new URL(page, self.location.origin).pathname === SHELL_PATH);
}

/** True once the page at `path` (same origin, this scope) is in the page cache. */
async function savePage(path: string): Promise<boolean> {
  const url = new URL(path, self.location.origin).href;
  const cache = await caches.open(PAGES_CACHE);
  if (await cache.match(url)) return true;
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (!isRealPage(response)) return false;
  await cache.put(url, response);
  return true;
}

function isRealPage(response: Response): boolean {
  return response.ok && response.type === 'basic' && !response.redirected;
}

async function deleteEarlierCaches(): Promise<void> {
  for (const name of await caches.keys()) {
    const earlierPages = name.startsWith(PAGES_CACHE_SCOPE) && name !== PAGES_CACHE;
    const handWritten = name.startsWith(`${CACHE_PREFIX}-report-`); // the worker before Serwist
    if (earlierPages || handWritten) await caches.delete(name);
  }
}
