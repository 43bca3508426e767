'use client';
/**
 * The units on the map. Units close together on screen are drawn as clusters with a count
 * (unitClusters.ts); the rest are drawn the way their number calls for (unitRenderer.ts): DOM markers
 * while there are few, one canvas for thousands, unless the page address fixes one
 * (`?mapUnits=canvas`).
 */
import { useMemo, useState } from 'react';
import { isUnitFaded } from '@/lib/projection/selectors.ts';
import { UnitCanvasLayer } from '@/components/map/units/UnitCanvasLayer.tsx';
import { UnitClusterMarkersLayer } from '@/components/map/units/UnitClusterMarkersLayer.tsx';
import { UnitMarkersLayer, type UnitMarkersLayerProps } from '@/components/map/units/UnitMarkersLayer.tsx';
import { CLUSTER_RADIUS_PX, clusterUnits } from '@/components/map/units/unitClusters.ts';
import { chooseUnitRenderer, rendererFromQuery, type UnitRenderer } from '@/components/map/units/unitRenderer.ts';
import { useClusterView } from '@/components/map/useMapView.ts';

export function UnitsLayer({ units, now, fadeMinutes }: UnitMarkersLayerProps) {
  // The map only renders in the browser (OperationsMapLoader), so the address is there to read.
  const [fixed] = useState(() => rendererFromQuery(window.location.search));
  const [renderer, setRenderer] = useState<UnitRenderer>('dom');
  const { zoom, scale } = useClusterView();
  const { singles, clusters } = useMemo(
    () =>
      clusterUnits(units, zoom, {
        radiusPx: CLUSTER_RADIUS_PX * scale,
        isFaded: (unit) => isUnitFaded(unit, now, fadeMinutes),
      }),
    [units, zoom, scale, now, fadeMinutes],
  );
  const wanted = fixed ?? chooseUnitRenderer(countOf(singles), renderer);
  // Derived state kept across renders (for the hysteresis): React re-renders at once with it.
  if (!fixed && wanted !== renderer) setRenderer(wanted);
  const Singles = wanted === 'canvas' ? UnitCanvasLayer : UnitMarkersLayer;
  return (
    <>
      <UnitClusterMarkersLayer clusters={clusters} />
      <Singles units={singles} now={now} fadeMinutes={fadeMinutes} />
    </>
  );
}

function countOf(units: UnitMarkersLayerProps['units']): number {
  let n = 0;
  for (const _ in units) n++;
  return n;
}
