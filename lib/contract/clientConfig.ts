import type { RegionBounds } from '../geo/region.ts';

/** What the browser needs to know about this deployment (GET /api/client-config). Nothing secret. */
export interface ClientConfig {
  unitFadeMinutes: number;
  tileUrl: string | null;
  bounds: RegionBounds;
  maxTextLength: number;
  maxBatchSize: number;
}
