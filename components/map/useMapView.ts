/**
 * Small hooks on the map's view: its zoom (kept in React state, updated when a zoom ends) and the
 * root font size in px (a room screen scales it with the viewport; markers and clusters follow).
 */
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';

export function useMapZoom(): number {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useEffect(() => {
    const update = () => setZoom(map.getZoom());
    map.on('zoomend', update);
    return () => {
      map.off('zoomend', update);
    };
  }, [map]);
  return zoom;
}

function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

export function useRootFontPx(): number {
  const map = useMap();
  const [px, setPx] = useState(rootFontPx);
  useEffect(() => {
    // The root size follows the viewport (app/globals.css), and the map resizes with it.
    const update = () => setPx(rootFontPx());
    map.on('resize', update);
    return () => {
      map.off('resize', update);
    };
  }, [map]);
  return px;
}
