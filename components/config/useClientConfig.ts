'use client';
import { useEffect, useState } from 'react';
import type { ClientConfig } from '@/lib/contract/clientConfig.ts';
import { DEFAULT_FEED_KEEP_MINUTES, DEFAULT_UNIT_FADE_MINUTES } from '@/lib/projection/selectors.ts';

/** Used until the server's answer arrives (and if it never does): the built-in defaults. */
const FALLBACK: Pick<ClientConfig, 'unitFadeMinutes' | 'feedKeepMinutes' | 'tileUrl'> = {
  unitFadeMinutes: DEFAULT_UNIT_FADE_MINUTES,
  feedKeepMinutes: DEFAULT_FEED_KEEP_MINUTES,
  tileUrl: null,
};

/** This deployment's settings for the browser (fade time, tile URL), from /api/client-config. */
export function useClientConfig(): Pick<ClientConfig, 'unitFadeMinutes' | 'feedKeepMinutes' | 'tileUrl'> {
  const [config, setConfig] = useState(FALLBACK);
  useEffect(() => {
    let cancelled = false;
    fetch('/api/client-config')
      .then((res) => (res.ok ? (res.json() as Promise<ClientConfig>) : null))
      .then((body) => {
        if (body && !cancelled)
          setConfig({ unitFadeMinutes: body.unitFadeMinutes, feedKeepMinutes: body.feedKeepMinutes, tileUrl: body.tileUrl });
      })
      .catch(() => {
        // Keep the defaults: the wall must come up even if this one request fails.
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return config;
}
