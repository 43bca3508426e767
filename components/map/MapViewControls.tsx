'use client';
/**
 * Zoom in, zoom out and "whole area", for a person at a desk (the wall is read untouched, but anyone
 * may walk up to it). Buttons with their names in words, large enough for a finger; the same moves
 * are on the keyboard (Leaflet: arrows, + and −; useMapFraming: Home).
 */
import type { Map as LeafletMap } from 'leaflet';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { RETURN_AFTER_MS } from '@/components/map/useMapFraming.ts';

export function MapViewControls({ map, onWholeArea }: { map: LeafletMap | null; onWholeArea: () => void }) {
  const { t } = useI18n();
  return (
    <div className="cmap-controls" role="group" aria-label={t('map.controls.label')}>
      <button
        type="button"
        className="cmap-controls__button"
        onClick={() => map?.zoomIn()}
        aria-label={t('map.controls.zoomIn')}
        title={t('map.controls.zoomIn')}
      >
        +
      </button>
      <button
        type="button"
        className="cmap-controls__button"
        onClick={() => map?.zoomOut()}
        aria-label={t('map.controls.zoomOut')}
        title={t('map.controls.zoomOut')}
      >
        −
      </button>
      <button
        type="button"
        className="cmap-controls__button cmap-controls__button--whole"
        onClick={onWholeArea}
        data-map-whole-area=""
        title={t('map.controls.wholeHint', { n: RETURN_AFTER_MS / 60_000 })}
      >
        {t('map.controls.whole')}
      </button>
    </div>
  );
}
