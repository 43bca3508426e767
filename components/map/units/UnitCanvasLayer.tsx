'use client';
/**
 * Every unit drawn on one canvas (UnitCanvas.ts), for pictures with more units than DOM markers
 * can move smoothly. Same looks as UnitMarkersLayer: agency colour and shape, faded when stale,
 * labels with callsign and age while few enough are in view; a click opens the same popup.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMap } from 'react-leaflet';
import type { UnitState } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { ensurePane, MAP_PANES } from '@/components/map/mapPanes.ts';
import { UnitCanvas, type DescribeUnit } from '@/components/map/units/UnitCanvas.ts';
import type { UnitMarkersLayerProps } from '@/components/map/units/UnitMarkersLayer.tsx';
import { useUnitPopup, type UnitSelection } from '@/components/map/units/useUnitPopup.ts';
import { describeUnit } from '@/components/map/units/unitView.ts';

export function UnitCanvasLayer({ units, now, fadeMinutes }: UnitMarkersLayerProps) {
  const map = useMap();
  const { t, locale } = useI18n();
  const layer = useRef<UnitCanvas | null>(null);
  const [selection, setSelection] = useState<UnitSelection | null>(null);

  useEffect(() => {
    const created = new UnitCanvas({ pane: ensurePane(map, MAP_PANES.units), onUnitClick: (key) => setSelection({ key }) });
    created.addTo(map);
    layer.current = created;
    return () => {
      created.remove();
      layer.current = null;
    };
  }, [map]);

  const describe = useCallback<DescribeUnit>(
    (unit: UnitState, at: number) => describeUnit(unit, at, fadeMinutes, t, locale),
    [fadeMinutes, t, locale],
  );
  useEffect(() => {
    layer.current?.setUnits(units, now, fadeMinutes, describe);
  }, [map, units, now, fadeMinutes, describe]);

  useUnitPopup(selection, () => setSelection(null), units, now);
  return null;
}
