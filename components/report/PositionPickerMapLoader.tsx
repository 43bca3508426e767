'use client';
/** Loads the position map in the browser only (Leaflet needs `window`; toolchain gotcha 4). */
import dynamic from 'next/dynamic';
import { SEA_COLOUR } from '@/components/map/layers/geographyStyle.ts';
import type { PositionPickerMapProps } from '@/components/report/PositionPickerMap.tsx';

export const PositionPickerMap = dynamic<PositionPickerMapProps>(() => import('@/components/report/PositionPickerMap.tsx'), {
  ssr: false,
  loading: () => <div className="h-60 w-full rounded-xl border-4 border-black" style={{ background: SEA_COLOUR }} />,
});
