/**
 * What every clustering layer needs from the map's view: its zoom (kept in React state, updated when
 * a zoom ends) and how much a room screen scales the map (its root font size against 1080p's 16 px;
 * cluster radii grow with the markers), and a click on a cluster that zooms in until it splits.
 */
import type { Map as LeafletMap } from 'leaflet';
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';

function useMapZoom(): number {
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

function useRootFontPx(): number {
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

/** Cluster radii are set for a 16 px root (1080p). */
const BASE_ROOT_PX = 16;

/** The map's zoom and the factor by which a room screen scales cluster radii. */
export function useClusterView(): { zoom: number; scale: number } {
  const zoom = useMapZoom();
  const rootPx = useRootFontPx();
  return { zoom, scale: rootPx / BASE_ROOT_PX };
}

/** Flies to a cluster, close enough for it to split (and at least one step closer). */
export function zoomIntoCluster(map: LeafletMap, cluster: { lat: number; lon: number; expansionZoom: number }): void {
  map.flyTo([cluster.lat, cluster.lon], Math.max(cluster.expansionZoom, map.getZoom() + 1), { duration: 0.6 });
}
