/**
 * What a deployment marker says, as plain data (see unitView.ts for why it is separate from DOM).
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import { formatBothZones, formatCount } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { DeploymentState } from '@/lib/projection/picture.ts';
import type { PopupSpec } from '@/components/map/popupContent.ts';
import { countText } from '@/lib/i18n/countText.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

export interface DeploymentView {
  key: string;
  agency: Agency;
  lat: number;
  lon: number;
  /** The number alone, large on the marker: "100". */
  personnelNumber: string;
  /** "100 efectivos" */
  personnelText: string;
  ariaLabel: string;
  iconKey: string;
}

export function describeDeployment(deployment: DeploymentState, t: Translate, locale: Locale): DeploymentView {
  const personnelText = countText(t, locale, deployment.personnel, 'map.personnel');
  const personnelNumber = formatCount(deployment.personnel, locale);
  const ariaLabel = t('map.deployment.label', { agency: t(`agency.${deployment.agency}`), personnel: personnelText });
  return {
    key: deployment.key,
    agency: deployment.agency,
    lat: deployment.position.lat,
    lon: deployment.position.lon,
    personnelNumber,
    personnelText,
    ariaLabel,
    iconKey: JSON.stringify([deployment.agency, personnelNumber, personnelText, ariaLabel]),
  };
}

export function deploymentPopupSpec(deployment: DeploymentState, t: Translate, locale: Locale): PopupSpec {
  const rows = [
    { label: t('map.popup.agency'), value: t(`agency.${deployment.agency}`) },
    { label: t('map.popup.personnel'), value: countText(t, locale, deployment.personnel, 'map.personnel') },
  ];
  if (deployment.area) rows.push({ label: t('map.popup.area'), value: deployment.area });
  rows.push({ label: t('map.popup.updated'), value: formatBothZones(deployment.updatedAt, locale) });
  return { title: t('map.deployment.title', { agency: t(`agency.${deployment.agency}`) }), rows, text: deployment.text };
}
