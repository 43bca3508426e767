/** A unit's marker: its agency glyph, and beside it its label and how old its position is. */
import { divIcon, type DivIcon } from 'leaflet';
import { createAgencyGlyph } from '@/components/map/agencyStyle.ts';
import { element } from '@/components/map/dom.ts';
import type { UnitView } from '@/components/map/units/unitView.ts';

/**
 * Glyph size in pixels on the canvas renderer (UnitCanvas.ts); DOM markers draw it as 2rem, the same
 * at 1080p and in proportion on larger room screens. A unit must be findable from the back of the room.
 */
export const UNIT_GLYPH_PX = 32;

export function createUnitIcon(view: UnitView): DivIcon {
  const root = element('div', view.faded ? 'cmap-unit cmap-unit--faded' : 'cmap-unit');
  root.appendChild(createAgencyGlyph(view.agency, { size: UNIT_GLYPH_PX, faded: view.faded, className: 'cmap-unit__glyph' }));
  const label = element('span', 'cmap-unit__label');
  label.setAttribute('data-map-label', 'unit');
  label.setAttribute('data-label-flip', 'x');
  label.append(element('span', 'cmap-unit__name', view.label), element('span', 'cmap-unit__age', view.ageText));
  root.appendChild(label);
  // Zero-sized at the position: map.css centres the glyph on it (in rem) and hangs the label off to the right.
  return divIcon({ html: root, className: 'cmap-marker cmap-marker--unit', iconSize: [0, 0] });
}
