/**
 * Keeps one Leaflet marker per item in step with a list of marker specs: creates a marker when its
 * key appears, moves it only when its position changed, redraws its icon only when its iconKey
 * changed, and removes it when its key is gone. The per-second clock tick therefore costs a few
 * string comparisons, not a rebuild of every marker.
 */
import { marker as createMarker, type DivIcon, type Map as LeafletMap, type Marker } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { setAttributes } from '@/components/map/dom.ts';
import { ensurePane, type PaneSpec } from '@/components/map/mapPanes.ts';
import { POPUP_OPTIONS } from '@/components/map/popupContent.ts';

/**
 * Fired on the map when a sync redrew an icon or removed a marker. Leaflet fires `layeradd` for a
 * new marker but nothing for setIcon: a redrawn icon (a unit's age turning from "hace 4 min" to
 * "hace 5 min") comes without the marks useLabelDeclutter left on the old one, so its label would
 * show over a more important one until something else moved.
 */
export const MARKERS_REDRAWN_EVENT = 'concordia:markersredrawn';

export interface MarkerSpec {
  key: string;
  lat: number;
  lon: number;
  /** Equal keys promise an identical icon; it must cover everything createIcon and attributes show. */
  iconKey: string;
  createIcon: () => DivIcon;
  /** Put on the marker's root element: data-* for tests, aria-label, role. */
  attributes: Readonly<Record<string, string>>;
  /** Higher draws on top within the pane (Leaflet otherwise orders by latitude). */
  zIndexOffset?: number;
  /** What a click (or Enter on the focused marker) does instead of opening a popup. */
  onActivate?: () => void;
  /** Without a popup or onActivate the marker ignores the pointer, so dragging the map across it works. */
  popup?: {
    /** Equal keys promise identical content: an open popup is refreshed only when this changes. */
    key: string;
    create: () => HTMLElement;
  };
}

interface Entry {
  marker: Marker;
  spec: MarkerSpec;
}

export function useSyncedMarkers(pane: PaneSpec, specs: readonly MarkerSpec[]): void {
  const map = useMap();
  const markers = useRef(new Map<string, Entry>());

  useEffect(() => {
    const paneName = ensurePane(map, pane);
    const seen = new Set<string>();
    let redrawn = false;
    for (const spec of specs) {
      seen.add(spec.key);
      const entry = markers.current.get(spec.key);
      if (!entry) {
        markers.current.set(spec.key, addMarker(map, paneName, spec, markers.current));
      } else {
        redrawn = updateMarker(entry, spec) || redrawn;
      }
    }
    for (const [key, entry] of markers.current) {
      if (!seen.has(key)) {
        entry.marker.remove();
        markers.current.delete(key);
        redrawn = true;
      }
    }
    if (redrawn) map.fire(MARKERS_REDRAWN_EVENT);
  }, [map, pane, specs]);

  // Declared after the sync effect so that, on unmount (and React's dev double-mount), everything
  // this layer added leaves the map and the next mount starts from nothing.
  useEffect(() => {
    const registry = markers.current;
    return () => {
      for (const entry of registry.values()) entry.marker.remove();
      registry.clear();
    };
  }, [map]);
}

function addMarker(map: LeafletMap, paneName: string, spec: MarkerSpec, registry: Map<string, Entry>): Entry {
  const interactive = spec.popup !== undefined || spec.onActivate !== undefined;
  const marker = createMarker([spec.lat, spec.lon], {
    icon: spec.createIcon(),
    pane: paneName,
    interactive,
    keyboard: interactive,
    riseOnHover: interactive,
    zIndexOffset: spec.zIndexOffset ?? 0,
  });
  if (spec.popup) {
    // Content is built when the popup opens, from the spec current at that moment.
    const key = spec.key;
    marker.bindPopup(() => registry.get(key)?.spec.popup?.create() ?? '', POPUP_OPTIONS);
  }
  if (spec.onActivate) {
    const key = spec.key;
    marker.on('click', () => registry.get(key)?.spec.onActivate?.());
  }
  marker.addTo(map);
  decorate(marker, spec);
  return { marker, spec };
}

/** Brings one marker in step with its spec; true when its icon was redrawn. */
function updateMarker(entry: Entry, spec: MarkerSpec): boolean {
  const { marker, spec: previous } = entry;
  entry.spec = spec;
  if (spec.lat !== previous.lat || spec.lon !== previous.lon) marker.setLatLng([spec.lat, spec.lon]);
  const redraw = spec.iconKey !== previous.iconKey;
  if (redraw) {
    marker.setIcon(spec.createIcon());
    decorate(marker, spec);
  }
  if ((spec.zIndexOffset ?? 0) !== (previous.zIndexOffset ?? 0)) marker.setZIndexOffset(spec.zIndexOffset ?? 0);
  if (spec.popup && spec.popup.key !== previous.popup?.key && marker.isPopupOpen()) marker.getPopup()?.update();
  return redraw;
}

function decorate(marker: Marker, spec: MarkerSpec): void {
  const root = marker.getElement();
  if (root) setAttributes(root, spec.attributes);
}
