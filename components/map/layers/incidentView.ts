/**
 * What an incident marker says, as plain data (see unitView.ts for why it is separate from DOM).
 */
import type { Severity } from '@/lib/contract/events.ts';
import { formatBothZones } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { IncidentState } from '@/lib/projection/picture.ts';
import type { PopupSpec } from '@/components/map/popupContent.ts';
import { countText } from '@/lib/i18n/countText.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

/** Drawn large so the room sees them first. */
const LARGE_SEVERITIES: readonly Severity[] = ['high', 'critical'];

export interface IncidentView {
  id: string;
  lat: number;
  lon: number;
  severity: Severity;
  large: boolean;
  /** "Cruce irregular" */
  kindText: string;
  /** "47 personas · 9 menores", empty when no count was reported. */
  countsText: string;
  ariaLabel: string;
  iconKey: string;
}

function countsText(incident: IncidentState, t: Translate, locale: Locale): string {
  const parts: string[] = [];
  if (incident.people !== undefined) parts.push(countText(t, locale, incident.people, 'map.people'));
  if (incident.minors) parts.push(countText(t, locale, incident.minors, 'map.minors'));
  return parts.join(' · ');
}

export function describeIncident(incident: IncidentState, t: Translate, locale: Locale): IncidentView {
  const kindText = t(`map.kind.${incident.kind}`);
  const counts = countsText(incident, t, locale);
  const ariaLabel = t('map.incident.label', { kind: kindText, severity: t(`map.severity.${incident.severity}`) });
  const large = LARGE_SEVERITIES.includes(incident.severity);
  return {
    id: incident.incidentId,
    lat: incident.position.lat,
    lon: incident.position.lon,
    severity: incident.severity,
    large,
    kindText,
    countsText: counts,
    ariaLabel,
    iconKey: JSON.stringify([incident.severity, kindText, counts, ariaLabel]),
  };
}

export function incidentPopupSpec(incident: IncidentState, t: Translate, locale: Locale): PopupSpec {
  const rows = [
    { label: t('map.popup.severity'), value: t(`map.severity.${incident.severity}`) },
    { label: t('map.popup.agency'), value: t(`agency.${incident.agency}`) },
    { label: t('map.popup.opened'), value: formatBothZones(incident.openedAt, locale) },
    { label: t('map.popup.updated'), value: formatBothZones(incident.updatedAt, locale) },
  ];
  const counts = countsText(incident, t, locale);
  if (counts) rows.splice(1, 0, { label: t('map.popup.people'), value: counts });
  if (incident.provenance?.source) rows.push({ label: t('map.popup.source'), value: incident.provenance.source });
  return {
    title: t(`map.kind.${incident.kind}`),
    rows,
    text: incident.text,
    banner: incident.provenance?.synthetic ? t('map.popup.synthetic') : undefined,
  };
}
