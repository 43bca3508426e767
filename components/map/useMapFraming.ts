/**
 * The wall's framing: the whole area (WHOLE_AREA_FRAME: Arica, Tacna, both complexes, both country
 * names) fitted to whatever screen the map is on, again when the screen resizes, and again by itself
 * a few minutes after a person last touched the map (so a wall someone zoomed into does not stay
 * zoomed in for the night shift). Home key or the "whole area" control brings it back at once.
 */
import type { LatLngBoundsExpression, Map as LeafletMap } from 'leaflet';
import { useCallback, useEffect, useRef } from 'react';
import { WHOLE_AREA_FRAME } from '@/lib/geo/operatingArea.ts';

/** How long a touched map stays where the person left it. */
export const RETURN_AFTER_MS = 3 * 60_000;
const CHECK_EVERY_MS = 5_000;

export const WHOLE_AREA_BOUNDS: LatLngBoundsExpression = [
  [WHOLE_AREA_FRAME.south, WHOLE_AREA_FRAME.west],
  [WHOLE_AREA_FRAME.north, WHOLE_AREA_FRAME.east],
];

export function frameWholeArea(map: LeafletMap, animate = false): void {
  map.closePopup();
  map.fitBounds(WHOLE_AREA_BOUNDS, { padding: [8, 8], animate });
}

/** Returns the function that frames the whole area now (for the control). */
export interface FramingOptions {
  returnAfterMs?: number;
  /** Opened on a chosen spot (`?focus=`): kept there as if just touched, until the return is due. */
  startTouched?: boolean;
}

export function useMapFraming(
  map: LeafletMap | null,
  { returnAfterMs = RETURN_AFTER_MS, startTouched = false }: FramingOptions = {},
): () => void {
  const touchedAt = useRef<number | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!map) return;
    const container = map.getContainer();
    if (startTouched && !started.current) {
      started.current = true;
      touchedAt.current = Date.now();
      container.setAttribute('data-map-touched', '');
    }
    const touched = () => {
      touchedAt.current = Date.now();
      container.setAttribute('data-map-touched', '');
    };
    const settle = () => {
      touchedAt.current = null;
      container.removeAttribute('data-map-touched');
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Home') {
        event.preventDefault();
        frameWholeArea(map, true);
        settle();
      } else touched();
    };
    // The zoom the map settled at, on its element: for screen readers' tooling and tests.
    const onZoom = () => container.setAttribute('data-zoom', String(map.getZoom()));
    onZoom();
    map.on('zoomend', onZoom);
    const onResize = () => {
      if (touchedAt.current === null) frameWholeArea(map);
    };
    // The map and the controls beside it (the zoom buttons are a touch too).
    const area = container.parentElement ?? container;
    area.addEventListener('pointerdown', touched);
    area.addEventListener('wheel', touched, { passive: true });
    area.addEventListener('keydown', onKey);
    map.on('resize', onResize);
    // Leaflet only notices window resizes; a wall's map also changes size when its page lays out.
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    observer.observe(container);
    const timer = setInterval(() => {
      if (touchedAt.current !== null && Date.now() - touchedAt.current >= returnAfterMs) {
        frameWholeArea(map, true);
        settle();
      }
    }, CHECK_EVERY_MS);
    return () => {
      area.removeEventListener('pointerdown', touched);
      area.removeEventListener('wheel', touched);
      area.removeEventListener('keydown', onKey);
      map.off('resize', onResize);
      map.off('zoomend', onZoom);
      observer.disconnect();
      clearInterval(timer);
    };
  }, [map, returnAfterMs, startTouched]);

  return useCallback(() => {
    if (!map) return;
    frameWholeArea(map, true);
    touchedAt.current = null;
    map.getContainer().removeAttribute('data-map-touched');
  }, [map]);
}
