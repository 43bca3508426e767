'use client';
/**
 * The units on the map, drawn the way their number calls for (unitRenderer.ts): DOM markers while
 * there are few, one canvas for thousands, unless the page address fixes one (`?mapUnits=canvas`).
 */
import { useState } from 'react';
import { UnitCanvasLayer } from './UnitCanvasLayer.tsx';
import { UnitMarkersLayer, type UnitMarkersLayerProps } from './UnitMarkersLayer.tsx';
import { chooseUnitRenderer, rendererFromQuery, type UnitRenderer } from './unitRenderer.ts';

export function UnitsLayer(props: UnitMarkersLayerProps) {
  // The map only renders in the browser (OperationsMapLoader), so the address is there to read.
  const [fixed] = useState(() => rendererFromQuery(window.location.search));
  const [renderer, setRenderer] = useState<UnitRenderer>('dom');
  const wanted = fixed ?? chooseUnitRenderer(countOf(props.units), renderer);
  // Derived state kept across renders (for the hysteresis): React re-renders at once with it.
  if (!fixed && wanted !== renderer) setRenderer(wanted);
  return wanted === 'canvas' ? <UnitCanvasLayer {...props} /> : <UnitMarkersLayer {...props} />;
}

function countOf(units: UnitMarkersLayerProps['units']): number {
  let n = 0;
  for (const _ in units) n++;
  return n;
}
