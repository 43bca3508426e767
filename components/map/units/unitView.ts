/**
 * What a unit marker says, as plain data: its label, how old its position is, whether it is
 * faded, and its popup. Pure (no DOM, no Leaflet) so the rules are unit-tested; unitIcon.ts
 * turns it into DOM.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import { formatBothZones } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { UnitState } from '@/lib/projection/picture.ts';
import { isUnitFaded, unitAgeMs } from '@/lib/projection/selectors.ts';
import { ageInMinutesText } from '@/components/map/mapText.ts';
import type { PopupSpec } from '@/components/map/popupContent.ts';
import { countText } from '@/lib/i18n/countText.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

export interface UnitView {
  key: string;
  agency: Agency;
  lat: number;
  lon: number;
  /** Callsign when the unit sent one, else its id. */
  label: string;
  /** "hace 3 min"; for a faded unit "último reporte hace 23 min". */
  ageText: string;
  faded: boolean;
  /** "<Agency> <label>", the marker's accessible name. */
  ariaLabel: string;
  /** Changes exactly when the icon must be redrawn. */
  iconKey: string;
}

export function unitLabel(unit: UnitState): string {
  return unit.callsign ?? unit.unitId;
}

export function describeUnit(unit: UnitState, now: number, fadeMinutes: number, t: Translate, locale: Locale): UnitView {
  const faded = isUnitFaded(unit, now, fadeMinutes);
  const age = ageInMinutesText(unitAgeMs(unit, now), t, locale);
  const label = unitLabel(unit);
  const ariaLabel = `${t(`agency.${unit.agency}`)} ${label}`;
  const ageText = faded ? t('map.unit.lastReport', { age }) : age;
  return {
    key: unit.key,
    agency: unit.agency,
    lat: unit.position.lat,
    lon: unit.position.lon,
    label,
    ageText,
    faded,
    ariaLabel,
    iconKey: JSON.stringify([unit.agency, label, ageText, faded, ariaLabel]),
  };
}

export function unitPopupSpec(unit: UnitState, now: number, t: Translate, locale: Locale): PopupSpec {
  const unknown = t('map.popup.unknown');
  const seen = `${formatBothZones(unit.lastSeenAt, locale)} (${ageInMinutesText(unitAgeMs(unit, now), t, locale)})`;
  const rows = [
    { label: t('map.popup.agency'), value: t(`agency.${unit.agency}`) },
    { label: t('map.popup.callsign'), value: unit.callsign ?? unknown },
    { label: t('map.popup.unit'), value: unit.unitId },
    { label: t('map.popup.status'), value: unit.status ? t(`map.status.${unit.status}`) : unknown },
    { label: t('map.popup.lastSeen'), value: seen },
  ];
  const report = unit.lastReport;
  if (report) {
    const people = report.people !== undefined ? ` · ${countText(t, locale, report.people, 'map.people')}` : '';
    rows.push({ label: t('map.popup.lastReport'), value: `${formatBothZones(report.at, locale)}${people}` });
  }
  if (unit.source) rows.push({ label: t('map.popup.source'), value: unit.source });
  return {
    title: `${t(`agency.${unit.agency}`)} ${unitLabel(unit)}`,
    rows,
    text: report?.text,
    textPlaceholder: t('map.popup.noReport'),
  };
}
