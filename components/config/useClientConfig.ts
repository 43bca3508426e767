'use client';
/**
 * This deployment's settings for the browser (GET /api/client-config): the one hook that fetches
 * them, for every screen. The reply is read with the contract's zod-free reader, so the wall's
 * bundle stays zod-free. Null until a usable answer arrives (and if none ever does): each screen
 * falls back to its built-in defaults, so it comes up even if this one request fails.
 */
import { useEffect, useState } from 'react';
import { readClientConfig } from '@/lib/contract/clientConfig.ts';
import type { ClientConfig } from '@/lib/contract/http.ts';

const REMEMBERED_CONFIG_KEY = 'concordia.clientConfig';

export interface ClientConfigOptions {
  /** Keep the last answer on the device and start from it, for screens that must work offline (the phone). */
  remember?: boolean;
}

export function useClientConfig({ remember = false }: ClientConfigOptions = {}): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(null);
  useEffect(() => {
    if (remember) {
      try {
        const remembered = readClientConfig(JSON.parse(localStorage.getItem(REMEMBERED_CONFIG_KEY) ?? 'null'));
        if (remembered) setConfig(remembered);
      } catch {
        // Nothing usable remembered (another version may have written it): wait for the server.
      }
    }
    let cancelled = false;
    fetch('/api/client-config', { cache: 'no-store' })
      .then(async (res) => (res.ok ? readClientConfig(await res.json()) : null))
      .then((fresh) => {
        if (!fresh || cancelled) return;
        if (remember) localStorage.setItem(REMEMBERED_CONFIG_KEY, JSON.stringify(fresh));
        setConfig(fresh);
      })
      .catch(() => {
        // Offline or refused: what was remembered (or the screen's defaults) stands.
      });
    return () => {
      cancelled = true;
    };
  }, [remember]);
  return config;
}
