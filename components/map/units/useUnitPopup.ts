/**
 * The popup of a unit drawn on the canvas (which has no marker to bind one to): opened on the
 * unit a click picked, kept on the unit as it moves, its text refreshed when what it says changes,
 * closed when the unit leaves the picture. Same content and options as a DOM marker's popup.
 */
import { popup as createPopup, type Popup } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { UnitState } from '@/lib/projection/picture.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { createPopupContent, POPUP_OPTIONS } from '@/components/map/popupContent.ts';
import { unitPopupSpec } from '@/components/map/units/unitView.ts';

/** A click on a unit. A new object per click, so picking the same unit again reopens its popup. */
export interface UnitSelection {
  key: string;
}

export function useUnitPopup(
  selection: UnitSelection | null,
  onClosed: () => void,
  units: Readonly<Record<string, UnitState>>,
  now: number,
): void {
  const map = useMap();
  const { t, locale } = useI18n();
  const popup = useRef<Popup | null>(null);
  const shown = useRef<{ selection: UnitSelection; contentKey: string; lat: number; lon: number } | null>(null);
  const closed = useRef(onClosed);
  closed.current = onClosed;

  useEffect(() => {
    const created = createPopup(POPUP_OPTIONS);
    // Closed by its button, a click elsewhere, or Escape: forget the selection.
    created.on('remove', () => {
      shown.current = null;
      closed.current();
    });
    popup.current = created;
    return () => {
      created.off('remove');
      created.remove();
      popup.current = null;
    };
  }, [map]);

  useEffect(() => {
    const current = popup.current;
    if (!current) return;
    const unit = selection ? units[selection.key] : undefined;
    if (!selection || !unit) {
      if (current.isOpen()) current.remove();
      return;
    }
    const spec = unitPopupSpec(unit, now, t, locale);
    const contentKey = JSON.stringify(spec);
    const { lat, lon } = unit.position;
    const last = shown.current;
    if (last?.selection !== selection || !current.isOpen()) {
      current.setLatLng([lat, lon]).setContent(createPopupContent(spec));
      shown.current = { selection, contentKey, lat, lon };
      current.openOn(map);
      return;
    }
    if (last.lat !== lat || last.lon !== lon) current.setLatLng([lat, lon]);
    if (last.contentKey !== contentKey) current.setContent(createPopupContent(spec));
    shown.current = { selection, contentKey, lat, lon };
  }, [map, selection, units, now, t, locale]);
}
