/**
 * An open incident's marker: a pulsing red disc (larger when high or critical) with its kind and
 * count. The icon is zero-sized at the incident's position; map.css centres the disc on it and sizes
 * it in rem (2.25rem, 3.375rem when large), so it grows with a room screen.
 */
import { divIcon, type DivIcon } from 'leaflet';
import { element } from '@/components/map/dom.ts';
import type { IncidentCluster } from '@/components/map/layers/incidentClusters.ts';
import type { IncidentView } from '@/components/map/layers/incidentView.ts';

export function createIncidentIcon(view: IncidentView): DivIcon {
  const root = element('div', `cmap-incident cmap-incident--${view.severity}${view.large ? ' cmap-incident--large' : ''}`);
  const core = element('span', 'cmap-incident__core', '!');
  core.setAttribute('data-map-mark', 'incident');
  root.append(element('span', 'cmap-incident__pulse'), core);
  const label = element('span', 'cmap-incident__label');
  label.setAttribute('data-map-label', 'incident');
  label.setAttribute('data-label-flip', 'x');
  label.appendChild(element('span', 'cmap-incident__kind', view.kindText));
  if (view.countsText) label.appendChild(element('span', 'cmap-incident__counts', view.countsText));
  root.appendChild(label);
  return divIcon({ html: root, className: markerClass(view.large), iconSize: [0, 0] });
}

/** The Leaflet element is sized (in rem, map.css) to the disc, so it is what a click or a test finds. */
function markerClass(large: boolean): string {
  return large ? 'cmap-marker cmap-marker--incident cmap-marker--incident-large' : 'cmap-marker cmap-marker--incident';
}

/** Several incidents close together: one disc in the colour of the most severe, with their count. */
export function createIncidentClusterIcon(cluster: IncidentCluster, text: { title: string; detail: string }): DivIcon {
  const large = cluster.worst === 'high' || cluster.worst === 'critical';
  const root = element(
    'div',
    `cmap-incident cmap-incident--${cluster.worst} cmap-incident--cluster${large ? ' cmap-incident--large' : ''}`,
  );
  const core = element('span', 'cmap-incident__core', String(cluster.count));
  core.setAttribute('data-map-mark', 'incident');
  root.append(element('span', 'cmap-incident__pulse'), core);
  const label = element('span', 'cmap-incident__label');
  label.setAttribute('data-map-label', 'incident');
  label.setAttribute('data-label-flip', 'x');
  label.append(element('span', 'cmap-incident__kind', text.title), element('span', 'cmap-incident__counts', text.detail));
  root.appendChild(label);
  return divIcon({ html: root, className: markerClass(large), iconSize: [0, 0] });
}
