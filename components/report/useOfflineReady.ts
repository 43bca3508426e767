'use client';
/**
 * Installs the service worker (public/sw.js) for the report page and says when the page can be
 * opened with no connection: once the worker is active and holds the page and its files.
 */
import { useEffect, useState } from 'react';

export type OfflineReadiness = 'preparing' | 'ready' | 'unsupported';

const SERVICE_WORKER_URL = '/sw.js';
/** The worker controls this page only; the wall and other screens are left alone. */
const SERVICE_WORKER_SCOPE = '/report';
/** Saving the files can take a while on a weak link; after this the page stops saying "preparing". */
const WARM_TIMEOUT_MS = 60_000;

export function useOfflineReady(): OfflineReadiness {
  const [readiness, setReadiness] = useState<OfflineReadiness>('preparing');
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) {
      setReadiness('unsupported');
      return;
    }
    let cancelled = false;
    const warm = async () => {
      const registration = await navigator.serviceWorker.ready;
      const ready = await askToWarm(registration.active);
      if (!cancelled) setReadiness(ready ? 'ready' : 'preparing');
    };
    navigator.serviceWorker
      .register(SERVICE_WORKER_URL, { scope: SERVICE_WORKER_SCOPE })
      .then(warm)
      .catch((error: unknown) => {
        console.warn('The report page cannot be prepared for offline use', error);
        if (!cancelled) setReadiness('unsupported');
      });
    // A new worker took over (an update): have it save what this page already loaded.
    const takeover = () => void warm().catch(() => undefined);
    navigator.serviceWorker.addEventListener('controllerchange', takeover);
    return () => {
      cancelled = true;
      navigator.serviceWorker.removeEventListener('controllerchange', takeover);
    };
  }, []);
  return readiness;
}

/** Sends the worker every same-origin file this page has loaded; resolves true once the page is saved. */
function askToWarm(worker: ServiceWorker | null): Promise<boolean> {
  if (!worker) return Promise.resolve(false);
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(location.origin));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), WARM_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<{ ready?: boolean }>) => {
      clearTimeout(timer);
      resolve(event.data?.ready === true);
    };
    worker.postMessage({ type: 'warm', urls }, [channel.port2]);
  });
}
