/**
 * A deployment's marker: a flag on a pole (unlike the free-standing unit glyphs) in the agency's
 * colour, carrying its glyph and the number of personnel. The pole's foot is the position.
 */
import { divIcon, type DivIcon } from 'leaflet';
import { agencyStyle, createAgencyGlyph } from '@/components/map/agencyStyle.ts';
import { element, leaderLine } from '@/components/map/dom.ts';
import type { DeploymentCluster } from '@/components/map/layers/deploymentClusters.ts';
import type { DeploymentView } from '@/components/map/layers/deploymentView.ts';

export function createDeploymentIcon(view: DeploymentView): DivIcon {
  const root = element('div', 'cmap-deployment');
  root.style.setProperty('--agency-colour', agencyStyle(view.agency).colour);
  const flag = element('div', 'cmap-deployment__flag');
  flag.setAttribute('data-map-label', 'deployment');
  flag.setAttribute('data-label-flip', 'x');
  flag.append(
    createAgencyGlyph(view.agency, { size: 22, className: 'cmap-deployment__glyph' }),
    element('span', 'cmap-deployment__count', view.personnelNumber),
  );
  root.append(leaderLine(), nudgeable(flag));
  return divIcon({ html: root, className: 'cmap-marker', iconSize: [0, 0] });
}

/** Several deployments close together: one flag with every agency's glyph, their personnel in all and how many. */
export function createDeploymentClusterIcon(cluster: DeploymentCluster, personnelNumber: string): DivIcon {
  const root = element('div', 'cmap-deployment');
  root.style.setProperty('--agency-colour', agencyStyle(cluster.agencies[0] ?? 'comite-binacional').colour);
  const flag = element('div', 'cmap-deployment__flag');
  flag.setAttribute('data-map-label', 'deployment');
  flag.setAttribute('data-label-flip', 'x');
  for (const agency of cluster.agencies) flag.appendChild(createAgencyGlyph(agency, { size: 22, className: 'cmap-deployment__glyph' }));
  flag.append(element('span', 'cmap-deployment__count', personnelNumber), element('span', 'cmap-deployment__times', `×${cluster.count}`));
  root.append(leaderLine(), nudgeable(flag));
  return divIcon({ html: root, className: 'cmap-marker', iconSize: [0, 0] });
}

/** The pole and flag, in a body useLabelDeclutter may move aside (the leader line then marks the spot). */
function nudgeable(flag: HTMLElement): HTMLElement {
  const body = element('span', 'cmap-deployment__body');
  body.setAttribute('data-nudge', '');
  body.append(element('span', 'cmap-deployment__pole'), flag);
  return body;
}
