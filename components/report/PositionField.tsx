'use client';
/**
 * Where the report happened: the GPS fix when there is one, else (or when the officer prefers) a
 * point tapped on the map. Says plainly which one will be sent.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Position } from '@/lib/contract/events.ts';
import type { RegionBounds } from '@/lib/geo/region.ts';
import { FieldError } from '@/components/report/formControls.tsx';
import { PositionPickerMap } from '@/components/report/PositionPickerMapLoader.tsx';
import type { GpsState } from '@/components/report/useGeolocation.ts';

export interface PositionFieldProps {
  gps: GpsState;
  /** A point tapped on the map; it wins over GPS until "use GPS" is tapped. */
  picked: Position | null;
  onPick: (position: Position | null) => void;
  bounds: RegionBounds;
  error?: string;
}

const coordinate = (degrees: number) => degrees.toFixed(5);

export function PositionField({ gps, picked, onPick, bounds, error }: PositionFieldProps) {
  const { t } = useI18n();
  const shown = picked ?? gps.fix;
  let status: string;
  if (picked) status = t('report.position.picked', { lat: coordinate(picked.lat), lon: coordinate(picked.lon) });
  else if (gps.status === 'fixed' && gps.fix)
    status = t('report.position.gps', { lat: coordinate(gps.fix.lat), lon: coordinate(gps.fix.lon), accuracy: gps.accuracy ?? '?' });
  else if (gps.status === 'denied') status = t('report.position.denied');
  else if (gps.status === 'unavailable') status = t('report.position.unavailable');
  else status = t('report.position.locating');

  return (
    <fieldset className="mt-5" aria-describedby={error ? 'report-error-position' : undefined}>
      <legend className="text-xl font-bold">{t('report.position.legend')}</legend>
      <p
        id="report-field-position"
        tabIndex={-1}
        role="status"
        data-position-status={picked ? 'map' : gps.status}
        className="mt-1 text-lg font-semibold"
      >
        {status}
      </p>
      {picked && gps.fix && (
        <button
          type="button"
          onClick={() => onPick(null)}
          className="mt-2 min-h-12 rounded-xl border-[3px] border-black bg-white px-4 text-lg font-bold"
        >
          {t('report.position.useGps')}
        </button>
      )}
      <p className="mt-2 text-base text-neutral-800">{t('report.position.mapHint')}</p>
      <div className="mt-2">
        <PositionPickerMap position={shown} onPick={onPick} bounds={bounds} label={t('report.position.map')} />
      </div>
      <FieldError field="position" message={error} />
    </fieldset>
  );
}
