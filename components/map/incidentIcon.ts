/** An open incident's marker: a pulsing red disc (larger when high or critical) with its kind and count. */
import { divIcon, type DivIcon } from 'leaflet';
import { element } from './dom.ts';
import type { IncidentView } from './incidentView.ts';

export const INCIDENT_PX = { normal: 36, large: 54 } as const;

export function createIncidentIcon(view: IncidentView): DivIcon {
  const size = view.large ? INCIDENT_PX.large : INCIDENT_PX.normal;
  const root = element('div', `cmap-incident cmap-incident--${view.severity}${view.large ? ' cmap-incident--large' : ''}`);
  root.append(element('span', 'cmap-incident__pulse'), element('span', 'cmap-incident__core', '!'));
  const label = element('span', 'cmap-incident__label');
  label.appendChild(element('span', 'cmap-incident__kind', view.kindText));
  if (view.countsText) label.appendChild(element('span', 'cmap-incident__counts', view.countsText));
  root.appendChild(label);
  return divIcon({ html: root, className: 'cmap-marker', iconSize: [size, size] });
}
