/**
 * Loads the base geography once per map. Served from public/, so it works with no network beyond
 * the Concordia server. A missing or broken file leaves the map without land, not without markers.
 */
import { useEffect, useState } from 'react';
import { GEOGRAPHY_URL, isGeographyCollection, type GeographyCollection } from '@/components/map/layers/geographyProperties.ts';

export function useGeography(url: string = GEOGRAPHY_URL): GeographyCollection | null {
  const [geography, setGeography] = useState<GeographyCollection | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetch(url, { signal: abort.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<unknown>;
      })
      .then((data) => {
        if (!isGeographyCollection(data)) throw new Error('not a Concordia geography file');
        setGeography(data);
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        console.warn(`Base geography not loaded from ${url}:`, error);
      });
    return () => abort.abort();
  }, [url]);
  return geography;
}
