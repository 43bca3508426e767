'use client';
/**
 * A small map for marking the position by hand when GPS is denied or absent: the offline base
 * geography (no tile server needed) and one marker; a tap moves the marker there.
 *
 * Browser only (Leaflet needs `window`): pages use PositionPickerMapLoader.tsx.
 */
import 'leaflet/dist/leaflet.css';
import '@/components/map/map.css';
import { circleMarker, type CircleMarker, type LatLngBoundsExpression } from 'leaflet';
import { useEffect, useRef } from 'react';
import { MapContainer, useMap, useMapEvents } from 'react-leaflet';
import { BaseGeographyLayer } from '@/components/map/layers/BaseGeographyLayer.tsx';
import { MapAttribution } from '@/components/map/MapAttribution.tsx';
import { SEA_COLOUR } from '@/components/map/layers/geographyStyle.ts';
import { ensurePane } from '@/components/map/mapPanes.ts';
import type { Position } from '@/lib/contract/events.ts';
import type { RegionBounds } from '@/lib/geo/region.ts';
import { INITIAL_VIEW } from '@/lib/geo/operatingArea.ts';

export interface PositionPickerMapProps {
  position: Position | null;
  onPick: (position: Position) => void;
  bounds: RegionBounds;
  label: string;
}

/** Close enough to tell a road from a riverbed near the complexes, wide enough to see both. */
const START_ZOOM = 12;
const MIN_ZOOM = 9;
const MAX_ZOOM = 16;
/** Above the geography panes (250, 450) and Leaflet's markers (600). */
const PICK_PANE = { name: 'concordia-report-pick', zIndex: 650 };

export default function PositionPickerMap({ position, onPick, bounds, label }: PositionPickerMapProps) {
  const start = position ?? { lat: INITIAL_VIEW.center.lat, lon: INITIAL_VIEW.center.lon };
  const maxBounds: LatLngBoundsExpression = [
    [bounds.south, bounds.west],
    [bounds.north, bounds.east],
  ];
  return (
    <div
      data-position-map=""
      role="region"
      aria-label={label}
      className="h-60 w-full overflow-hidden rounded-xl border-4 border-black"
      style={{ background: SEA_COLOUR }}
    >
      <MapContainer
        className="h-full w-full"
        style={{ background: SEA_COLOUR }}
        center={[start.lat, start.lon]}
        zoom={START_ZOOM}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        maxBounds={maxBounds}
        maxBoundsViscosity={1}
        zoomControl
        doubleClickZoom={false}
      >
        <MapAttribution />
        <BaseGeographyLayer drawLand />
        <PickedMarker position={position} />
        <TapToPick onPick={onPick} />
      </MapContainer>
    </div>
  );
}

function TapToPick({ onPick }: { onPick: (position: Position) => void }) {
  useMapEvents({
    click(event) {
      // About a metre: finer digits only pretend to be precise.
      onPick({ lat: Math.round(event.latlng.lat * 1e5) / 1e5, lon: Math.round(event.latlng.lng * 1e5) / 1e5 });
    },
  });
  return null;
}

/** The marker is created once and moved; the view follows only when it leaves the screen. */
function PickedMarker({ position }: { position: Position | null }) {
  const map = useMap();
  const marker = useRef<CircleMarker | null>(null);
  useEffect(() => {
    const pane = ensurePane(map, PICK_PANE);
    const created = circleMarker([0, 0], {
      pane,
      radius: 11,
      weight: 4,
      color: '#ffffff',
      fillColor: '#ff4d4f',
      fillOpacity: 1,
      interactive: false,
      className: 'report-picked-position',
    });
    marker.current = created;
    return () => {
      created.remove();
      marker.current = null;
    };
  }, [map]);
  useEffect(() => {
    const current = marker.current;
    if (!current) return;
    if (!position) {
      current.remove();
      return;
    }
    current.setLatLng([position.lat, position.lon]);
    if (!map.hasLayer(current)) current.addTo(map);
    if (!map.getBounds().contains(current.getLatLng())) map.panTo(current.getLatLng());
  }, [map, position]);
  return null;
}
