'use client';
/** Every unit as a marker: agency glyph, label and age; faded when it has not reported for a while. */
import { useMemo } from 'react';
import type { Picture } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { MAP_PANES } from '@/components/map/mapPanes.ts';
import { createPopupContent } from '@/components/map/popupContent.ts';
import { createUnitIcon } from '@/components/map/units/unitIcon.ts';
import { describeUnit, unitPopupSpec } from '@/components/map/units/unitView.ts';
import { useSyncedMarkers, type MarkerSpec } from '@/components/map/useSyncedMarkers.ts';

/** Faded units sink below fresh ones, so a live position is never hidden by an old one. */
const FADED_Z_OFFSET = -1000;

export interface UnitMarkersLayerProps {
  units: Picture['units'];
  now: number;
  fadeMinutes: number;
}

export function UnitMarkersLayer({ units, now, fadeMinutes }: UnitMarkersLayerProps) {
  const { t, locale } = useI18n();
  const specs = useMemo(
    () =>
      Object.values(units).map((unit): MarkerSpec => {
        const view = describeUnit(unit, now, fadeMinutes, t, locale);
        const popup = unitPopupSpec(unit, now, t, locale);
        return {
          key: unit.key,
          lat: view.lat,
          lon: view.lon,
          iconKey: view.iconKey,
          createIcon: () => createUnitIcon(view),
          attributes: { 'data-unit-key': unit.key, 'aria-label': view.ariaLabel, 'data-faded': String(view.faded) },
          zIndexOffset: view.faded ? FADED_Z_OFFSET : 0,
          popup: { key: JSON.stringify(popup), create: () => createPopupContent(popup) },
        };
      }),
    [units, now, fadeMinutes, t, locale],
  );
  useSyncedMarkers(MAP_PANES.units, specs);
  return null;
}
