'use client';
/** Open incidents as pulsing red markers, the most severe drawn largest and on top. */
import { useMemo } from 'react';
import type { IncidentState } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { createIncidentIcon } from './incidentIcon.ts';
import { describeIncident, incidentPopupSpec } from './incidentView.ts';
import { MAP_PANES } from './mapPanes.ts';
import { createPopupContent } from './popupContent.ts';
import { useSyncedMarkers, type MarkerSpec } from './useSyncedMarkers.ts';

/** Per place in the given order (most severe first), so severe ones overlap the rest. */
const Z_STEP = 100;

export interface IncidentMarkersLayerProps {
  /** Open incidents, most severe first: the openIncidents selector. */
  incidents: readonly IncidentState[];
}

export function IncidentMarkersLayer({ incidents }: IncidentMarkersLayerProps) {
  const { t, locale } = useI18n();
  const specs = useMemo(
    () =>
      incidents.map((incident, index): MarkerSpec => {
        const view = describeIncident(incident, t, locale);
        const popup = incidentPopupSpec(incident, t, locale);
        return {
          key: incident.incidentId,
          lat: view.lat,
          lon: view.lon,
          iconKey: view.iconKey,
          createIcon: () => createIncidentIcon(view),
          attributes: { 'data-incident-id': incident.incidentId, 'data-severity': incident.severity, 'aria-label': view.ariaLabel },
          zIndexOffset: (incidents.length - index) * Z_STEP,
          popup: { key: JSON.stringify(popup), create: () => createPopupContent(popup) },
        };
      }),
    [incidents, t, locale],
  );
  useSyncedMarkers(MAP_PANES.incidents, specs);
  return null;
}
