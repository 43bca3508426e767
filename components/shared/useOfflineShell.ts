'use client';
/**
 * Installs the service worker (public/sw.js, built from worker/serviceWorker.ts) for one screen
 * and says when that screen can be opened with no connection: once the worker is active and holds
 * the page (its files are precached when the worker installs).
 *
 * Each screen registers it with its own path as scope ("/report" on the phone, "/wall" on the
 * wall), so the worker controls that screen only; login, training and the rest are left alone.
 */
import { useEffect, useState } from 'react';

export type OfflineReadiness = 'preparing' | 'ready' | 'unsupported';
export type OfflineScope = '/report' | '/wall';

const SERVICE_WORKER_URL = '/sw.js';
/** Saving the files can take a while on a weak link; after this the page stops saying "preparing". */
const WARM_TIMEOUT_MS = 60_000;

export function useOfflineShell(scope: OfflineScope): OfflineReadiness {
  const [readiness, setReadiness] = useState<OfflineReadiness>('preparing');
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) {
      setReadiness('unsupported');
      return;
    }
    let cancelled = false;
    const warm = async () => {
      const registration = await navigator.serviceWorker.ready;
      const ready = await askToSavePage(registration.active);
      if (!cancelled) setReadiness(ready ? 'ready' : 'preparing');
    };
    navigator.serviceWorker
      .register(SERVICE_WORKER_URL, { scope })
      .then(warm)
      .catch((error: unknown) => {
        console.warn(`${scope} cannot be prepared for offline use`, error);
        if (!cancelled) setReadiness('unsupported');
      });
    // A new worker took over (an update): have it save this page too.
    const takeover = () => void warm().catch(() => undefined);
    navigator.serviceWorker.addEventListener('controllerchange', takeover);
    return () => {
      cancelled = true;
      navigator.serviceWorker.removeEventListener('controllerchange', takeover);
    };
  }, [scope]);
  return readiness;
}

/** Asks the worker to save this page (path and query); resolves true once it is saved. */
function askToSavePage(worker: ServiceWorker | null): Promise<boolean> {
  if (!worker) return Promise.resolve(false);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), WARM_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<{ ready?: boolean }>) => {
      clearTimeout(timer);
      resolve(event.data?.ready === true);
    };
    worker.postMessage({ type: 'warm', page: location.pathname + location.search }, [channel.port2]);
  });
}
