/** A unit's marker: its agency glyph, and beside it its label and how old its position is. */
import { divIcon, type DivIcon } from 'leaflet';
import { createAgencyGlyph } from './agencyStyle.ts';
import { element } from './dom.ts';
import type { UnitView } from './unitView.ts';

/** Glyph size in pixels: a unit must be findable on the wall from the back of the room. */
export const UNIT_GLYPH_PX = 32;

export function createUnitIcon(view: UnitView): DivIcon {
  const root = element('div', view.faded ? 'cmap-unit cmap-unit--faded' : 'cmap-unit');
  root.appendChild(createAgencyGlyph(view.agency, { size: UNIT_GLYPH_PX, faded: view.faded, className: 'cmap-unit__glyph' }));
  const label = element('span', 'cmap-unit__label');
  label.append(element('span', 'cmap-unit__name', view.label), element('span', 'cmap-unit__age', view.ageText));
  root.appendChild(label);
  // Anchored at the glyph's centre; the label hangs off to the right without moving it.
  return divIcon({ html: root, className: 'cmap-marker', iconSize: [UNIT_GLYPH_PX, UNIT_GLYPH_PX] });
}
