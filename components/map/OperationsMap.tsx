'use client';
/**
 * The operations picture on a map: base geography, border posts with their queues, open
 * incidents, deployments and units. Built for the command-room wall (read from five metres,
 * untouched for hours): it frames the whole area on any screen and returns there by itself, units
 * close together are clustered, labels never overlap, incidents sit on top; a person at a desk can
 * still zoom, pan and open any item. The legend sits under the map, never over it.
 *
 * Browser only (Leaflet needs `window`): pages use OperationsMap from OperationsMapLoader.tsx.
 */
import 'leaflet/dist/leaflet.css';
import '@/components/map/map.css';
import { useMemo, useState } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import type { LatLngBoundsExpression, Map as LeafletMap } from 'leaflet';
import { ARICA_TACNA_BOUNDS } from '@/lib/geo/operatingArea.ts';
import type { Picture } from '@/lib/projection/picture.ts';
import { openIncidents } from '@/lib/projection/selectors.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { BaseGeographyLayer } from '@/components/map/layers/BaseGeographyLayer.tsx';
import { DeploymentMarkersLayer } from '@/components/map/layers/DeploymentMarkersLayer.tsx';
import { IncidentMarkersLayer } from '@/components/map/layers/IncidentMarkersLayer.tsx';
import { MapAttribution } from '@/components/map/MapAttribution.tsx';
import { MapLegend } from '@/components/map/MapLegend.tsx';
import { MapViewControls } from '@/components/map/MapViewControls.tsx';
import { focusFromQuery } from '@/components/map/mapFocus.ts';
import { PostMarkersLayer } from '@/components/map/layers/PostMarkersLayer.tsx';
import { UnitsLayer } from '@/components/map/units/UnitsLayer.tsx';
import { useLabelDeclutter } from '@/components/map/useLabelDeclutter.ts';
import { useMapFraming, WHOLE_AREA_BOUNDS } from '@/components/map/useMapFraming.ts';

export interface OperationsMapProps {
  picture: Picture;
  /** The clock the ages are measured against (exercise time during a replay), in ms. */
  now: number;
  /** Units with no report for longer than this are drawn faded. */
  fadeMinutes: number;
  /** A tile server for the land ({z}/{x}/{y}); without one the offline base geography is drawn. */
  tileUrl?: string;
  className?: string;
  /** Zoom buttons, wheel, keyboard and double-click zoom (on by default: anyone may walk up to the wall). */
  zoomable?: boolean;
  /** The legend in a strip under the map; off when the page shows its own. */
  showLegend?: boolean;
}

/** How far past the operating area the view may be dragged, in degrees. */
const DRAG_MARGIN_DEG = 0.3;
const MAX_BOUNDS: LatLngBoundsExpression = [
  [ARICA_TACNA_BOUNDS.south - DRAG_MARGIN_DEG, ARICA_TACNA_BOUNDS.west - DRAG_MARGIN_DEG],
  [ARICA_TACNA_BOUNDS.north + DRAG_MARGIN_DEG, ARICA_TACNA_BOUNDS.east + DRAG_MARGIN_DEG],
];
/** Zoom 9 shows the whole region on a projector; past 15 the approximate positions mislead. */
const MIN_ZOOM = 9;
const MAX_ZOOM = 15;

export default function OperationsMap({
  picture,
  now,
  fadeMinutes,
  tileUrl,
  className,
  zoomable = true,
  showLegend = true,
}: OperationsMapProps) {
  const { t } = useI18n();
  const [map, setMap] = useState<LeafletMap | null>(null);
  // The map only renders in the browser (OperationsMapLoader), so the address is there to read.
  const [focus] = useState(() => focusFromQuery(window.location.search));
  const incidents = useMemo(() => openIncidents(picture), [picture]);
  const frameWholeArea = useMapFraming(map, { startTouched: focus !== null });
  useLabelDeclutter(map, picture);
  return (
    <div className={className ? `cmap ${className}` : 'cmap'} role="region" aria-label={t('map.region')}>
      <div className="cmap__view">
        <MapContainer
          ref={setMap}
          className="cmap__leaflet"
          {...(focus
            ? { center: [focus.lat, focus.lon] as [number, number], zoom: focus.zoom }
            : { bounds: WHOLE_AREA_BOUNDS, boundsOptions: { padding: [8, 8] as [number, number] } })}
          zoomSnap={0.25}
          zoomDelta={0.5}
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          maxBounds={MAX_BOUNDS}
          maxBoundsViscosity={0.8}
          zoomControl={false}
          scrollWheelZoom={zoomable}
          doubleClickZoom={zoomable}
          touchZoom={zoomable}
          boxZoom={zoomable}
          keyboard={zoomable}
          dragging
        >
          <MapAttribution />
          {tileUrl && <TileLayer url={tileUrl} />}
          <BaseGeographyLayer drawLand={!tileUrl} />
          <DeploymentMarkersLayer deployments={picture.deployments} />
          <PostMarkersLayer queues={picture.queues} />
          <IncidentMarkersLayer incidents={incidents} />
          <UnitsLayer units={picture.units} now={now} fadeMinutes={fadeMinutes} />
        </MapContainer>
        {zoomable && <MapViewControls map={map} onWholeArea={frameWholeArea} />}
      </div>
      {showLegend && <MapLegend fadeMinutes={fadeMinutes} className="cmap__legend" />}
    </div>
  );
}
