import type { RegionBounds } from '../geo/region.ts';

/** What the browser needs to know about this deployment (GET /api/client-config). Nothing secret. */
export interface ClientConfig {
  unitFadeMinutes: number;
  /** Field reports, incidents and bulletins stay on the wall's feed at least this long. */
  feedKeepMinutes: number;
  tileUrl: string | null;
  bounds: RegionBounds;
  maxTextLength: number;
  maxBatchSize: number;
}
