'use client';
/**
 * The operations picture on a map: base geography, border posts with their queues, open
 * incidents, deployments and units. Built for the command-room wall (1920×1080, read from five
 * metres): large text, no zoom buttons (nobody touches it), but it can still be dragged.
 *
 * Browser only (Leaflet needs `window`): pages use OperationsMap from OperationsMapLoader.tsx.
 */
import 'leaflet/dist/leaflet.css';
import './map.css';
import { useMemo } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import type { LatLngBoundsExpression } from 'leaflet';
import { ARICA_TACNA_BOUNDS, INITIAL_VIEW } from '@/lib/geo/operatingArea.ts';
import type { Picture } from '@/lib/projection/picture.ts';
import { openIncidents } from '@/lib/projection/selectors.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { BaseGeographyLayer } from './BaseGeographyLayer.tsx';
import { DeploymentMarkersLayer } from './DeploymentMarkersLayer.tsx';
import { IncidentMarkersLayer } from './IncidentMarkersLayer.tsx';
import { MapAttribution } from './MapAttribution.tsx';
import { MapLegend } from './MapLegend.tsx';
import { PostMarkersLayer } from './PostMarkersLayer.tsx';
import { UnitsLayer } from './UnitsLayer.tsx';

export interface OperationsMapProps {
  picture: Picture;
  /** The clock the ages are measured against (exercise time during a replay), in ms. */
  now: number;
  /** Units with no report for longer than this are drawn faded. */
  fadeMinutes: number;
  /** A tile server for the land ({z}/{x}/{y}); without one the offline base geography is drawn. */
  tileUrl?: string;
  className?: string;
  /** Zoom buttons, wheel and double-click zoom: off for the wall, on for a desk. */
  zoomable?: boolean;
  /** The legend in the map's lower-left corner; off when the page shows its own. */
  showLegend?: boolean;
}

/** How far past the operating area the view may be dragged, in degrees. */
const DRAG_MARGIN_DEG = 0.3;
const MAX_BOUNDS: LatLngBoundsExpression = [
  [ARICA_TACNA_BOUNDS.south - DRAG_MARGIN_DEG, ARICA_TACNA_BOUNDS.west - DRAG_MARGIN_DEG],
  [ARICA_TACNA_BOUNDS.north + DRAG_MARGIN_DEG, ARICA_TACNA_BOUNDS.east + DRAG_MARGIN_DEG],
];
/** Zoom 9 shows the whole region on the wall; past 15 the approximate positions mislead. */
const MIN_ZOOM = 9;
const MAX_ZOOM = 15;

export default function OperationsMap({
  picture,
  now,
  fadeMinutes,
  tileUrl,
  className,
  zoomable = false,
  showLegend = true,
}: OperationsMapProps) {
  const { t } = useI18n();
  const incidents = useMemo(() => openIncidents(picture), [picture]);
  return (
    <div className={className ? `cmap ${className}` : 'cmap'} role="region" aria-label={t('map.region')}>
      <MapContainer
        className="cmap__leaflet"
        center={[INITIAL_VIEW.center.lat, INITIAL_VIEW.center.lon]}
        zoom={INITIAL_VIEW.zoom}
        zoomSnap={0.25}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        maxBounds={MAX_BOUNDS}
        maxBoundsViscosity={0.8}
        zoomControl={zoomable}
        scrollWheelZoom={zoomable}
        doubleClickZoom={zoomable}
        touchZoom={zoomable}
        boxZoom={zoomable}
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
      {showLegend && <MapLegend fadeMinutes={fadeMinutes} className="cmap__legend" />}
    </div>
  );
}
