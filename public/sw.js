/*
 * Concordia's service worker for the field report page. Registered by the page with scope
 * "/report", so it controls that page only: the wall, the login and the training screens never
 * pass through it. It opens /report with no connection; it never touches /api or /socket.io (the
 * reports themselves wait in the page's IndexedDB outbox, not here).
 *
 *   navigation to /report      network first (5 s), the last good copy when offline
 *   /_next/static/…            cache first: the file names carry a content hash, so they never change
 *   manifest, icons, geography stale-while-revalidate
 *
 * A plain same-origin file (no build step, no inline code), so a strict Content-Security-Policy
 * (`worker-src 'self'`) allows it as it is. Bump VERSION when this file's caching changes.
 */
const VERSION = 'v1';
const PREFIX = 'concordia-report-';
const SHELL_CACHE = `${PREFIX}shell-${VERSION}`;
const STATIC_CACHE = `${PREFIX}static-${VERSION}`;
const SHELL_PAGE = '/report';
const SHELL_FILES = [
  '/manifest.webmanifest',
  '/geo/arica-tacna.geojson',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
];
/** On a weak link, an officer waits this long for a fresh page before getting the saved one. */
const NAVIGATION_TIMEOUT_MS = 5000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      // Each file on its own: one missing icon must not leave the page without its offline copy.
      await Promise.all(SHELL_FILES.map((url) => shell.add(url).catch(() => undefined)));
      await savePage().catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, STATIC_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (request.mode === 'navigate') {
    if (url.pathname === SHELL_PAGE) event.respondWith(pageNetworkFirst(request));
    return;
  }
  if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(staticCacheFirst(request));
    return;
  }
  if (SHELL_FILES.includes(url.pathname)) event.respondWith(shellStaleWhileRevalidate(request, event));
});

/**
 * The page tells the worker which files it loaded before the worker controlled it (the first
 * visit), so they are saved too; it answers on the port once the page can open offline.
 */
self.addEventListener('message', (event) => {
  const data = event.data;
  const port = event.ports && event.ports[0];
  if (!data || data.type !== 'warm' || !Array.isArray(data.urls) || !port) return;
  event.waitUntil(
    (async () => {
      try {
        const staticFiles = data.urls.filter((u) => typeof u === 'string' && isStaticUrl(u));
        await Promise.all(staticFiles.map((u) => saveStatic(u).catch(() => undefined)));
        const shell = await caches.open(SHELL_CACHE);
        if (!(await shell.match(SHELL_PAGE))) await savePage();
        port.postMessage({ ready: Boolean(await shell.match(SHELL_PAGE)) });
      } catch {
        port.postMessage({ ready: false });
      }
    })(),
  );
});

async function pageNetworkFirst(request) {
  const shell = await caches.open(SHELL_CACHE);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    // Only a real page: a redirect to /login (session ended) or an error page is passed on, not saved.
    if (response.ok && response.type === 'basic' && !response.redirected) {
      await shell.put(SHELL_PAGE, response.clone());
    }
    return response;
  } catch {
    const saved = await shell.match(SHELL_PAGE);
    if (saved) return saved;
    return new Response('Sin conexión. Abra Concordia una vez con conexión para usarla sin ella.', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}

async function staticCacheFirst(request) {
  const cache = await caches.open(STATIC_CACHE);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

async function shellStaleWhileRevalidate(request, event) {
  const shell = await caches.open(SHELL_CACHE);
  const saved = await shell.match(request, { ignoreSearch: true });
  const fresh = fetch(request)
    .then(async (response) => {
      if (response.ok && response.type === 'basic') await shell.put(new URL(request.url).pathname, response.clone());
      return response;
    })
    .catch(() => undefined);
  if (saved) {
    event.waitUntil(fresh);
    return saved;
  }
  return (await fresh) || Response.error();
}

/** Saves /report (as the signed-in officer sees it) and every hashed file it names. */
async function savePage() {
  const response = await fetch(SHELL_PAGE, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok || response.redirected) return;
  const html = await response.clone().text();
  await (await caches.open(SHELL_CACHE)).put(SHELL_PAGE, response);
  const files = new Set(html.match(/\/_next\/static\/[^"'\s)\\]+/g) || []);
  await Promise.all([...files].map((u) => saveStatic(u).catch(() => undefined)));
}

async function saveStatic(url) {
  const cache = await caches.open(STATIC_CACHE);
  if (await cache.match(url)) return;
  const response = await fetch(url, { credentials: 'same-origin' });
  if (response.ok) await cache.put(url, response);
}

function isStaticUrl(value) {
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin && url.pathname.startsWith('/_next/static/');
  } catch {
    return false;
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
