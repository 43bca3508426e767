'use client';
/**
 * The map for pages: Leaflet needs `window`, so the map is loaded in the browser only. This must be
 * a Client Component, because `dynamic(..., { ssr: false })` is refused in Server Components.
 *
 *   <OperationsMap picture={picture} now={now} fadeMinutes={15} />
 */
import dynamic from 'next/dynamic';
import type { OperationsMapProps } from '@/components/map/OperationsMap.tsx';
import { SEA_COLOUR } from '@/components/map/layers/geographyStyle.ts';

export type { OperationsMapProps };

export const OperationsMap = dynamic<OperationsMapProps>(() => import('@/components/map/OperationsMap.tsx'), {
  ssr: false,
  // The sea colour while the bundle loads, so the wall does not flash white.
  loading: () => <div data-map-loading="" style={{ background: SEA_COLOUR, width: '100%', height: '100%' }} />,
});
