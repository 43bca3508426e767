'use client';
/**
 * Open incidents as pulsing red markers, the most severe drawn largest and on top. Incidents close
 * together on screen are drawn as one marker with their count and severities (incidentClusters.ts);
 * clicking it zooms in until they stand apart.
 */
import { useMemo } from 'react';
import { useMap } from 'react-leaflet';
import type { IncidentState } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { clusterIncidents, incidentClusterText, INCIDENT_CLUSTER_RADIUS_PX } from '@/components/map/layers/incidentClusters.ts';
import { createIncidentClusterIcon, createIncidentIcon } from '@/components/map/layers/incidentIcon.ts';
import { describeIncident, incidentPopupSpec } from '@/components/map/layers/incidentView.ts';
import { MAP_PANES } from '@/components/map/mapPanes.ts';
import { createPopupContent } from '@/components/map/popupContent.ts';
import { useClusterView, zoomIntoCluster } from '@/components/map/useMapView.ts';
import { useSyncedMarkers, type MarkerSpec } from '@/components/map/useSyncedMarkers.ts';

/** Per place in the given order (most severe first), so severe ones overlap the rest. */
const Z_STEP = 100;
const SEVERITY_Z = { low: 1, medium: 2, high: 3, critical: 4 } as const;

export interface IncidentMarkersLayerProps {
  /** Open incidents, most severe first: the openIncidents selector. */
  incidents: readonly IncidentState[];
}

export function IncidentMarkersLayer({ incidents }: IncidentMarkersLayerProps) {
  const map = useMap();
  const { t, locale } = useI18n();
  const { zoom, scale } = useClusterView();
  const { singles, clusters } = useMemo(
    () => clusterIncidents(incidents, zoom, INCIDENT_CLUSTER_RADIUS_PX * scale),
    [incidents, zoom, scale],
  );
  const specs = useMemo(() => {
    const alone = singles.map((incident, index): MarkerSpec => {
      const view = describeIncident(incident, t, locale);
      const popup = incidentPopupSpec(incident, t, locale);
      return {
        key: incident.incidentId,
        lat: view.lat,
        lon: view.lon,
        iconKey: view.iconKey,
        createIcon: () => createIncidentIcon(view),
        attributes: { 'data-incident-id': incident.incidentId, 'data-severity': incident.severity, 'aria-label': view.ariaLabel },
        zIndexOffset: (singles.length - index) * Z_STEP,
        popup: { key: JSON.stringify(popup), create: () => createPopupContent(popup) },
      };
    });
    const grouped = clusters.map((cluster): MarkerSpec => {
      const text = incidentClusterText(cluster, t, locale);
      const ariaLabel = `${text.title}: ${text.detail}`;
      return {
        key: cluster.key,
        lat: cluster.lat,
        lon: cluster.lon,
        iconKey: JSON.stringify([cluster.worst, cluster.count, ariaLabel]),
        createIcon: () => createIncidentClusterIcon(cluster, text),
        attributes: {
          'data-incident-cluster': String(cluster.count),
          'data-severity': cluster.worst,
          'aria-label': ariaLabel,
          role: 'button',
        },
        // Above every single incident: it stands for the most severe of its members.
        zIndexOffset: (singles.length + SEVERITY_Z[cluster.worst]) * Z_STEP,
        onActivate: () => zoomIntoCluster(map, cluster),
      };
    });
    return [...alone, ...grouped];
  }, [singles, clusters, t, locale, map]);
  useSyncedMarkers(MAP_PANES.incidents, specs);
  return null;
}
