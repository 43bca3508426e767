/**
 * A deployment's marker: a flag on a pole (unlike the free-standing unit glyphs) in the agency's
 * colour, carrying its glyph and the number of personnel. The pole's foot is the position.
 */
import { divIcon, type DivIcon } from 'leaflet';
import { agencyStyle, createAgencyGlyph } from './agencyStyle.ts';
import { element } from './dom.ts';
import type { DeploymentView } from './deploymentView.ts';

export function createDeploymentIcon(view: DeploymentView): DivIcon {
  const root = element('div', 'cmap-deployment');
  root.style.setProperty('--agency-colour', agencyStyle(view.agency).colour);
  const flag = element('div', 'cmap-deployment__flag');
  flag.setAttribute('data-map-label', 'deployment');
  flag.append(
    createAgencyGlyph(view.agency, { size: 22, className: 'cmap-deployment__glyph' }),
    element('span', 'cmap-deployment__count', view.personnelNumber),
  );
  root.append(element('span', 'cmap-deployment__pole'), flag);
  return divIcon({ html: root, className: 'cmap-marker', iconSize: [0, 0] });
}
