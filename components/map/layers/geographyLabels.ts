/**
 * Place names as DOM icons (not tooltips: tooltips sit above every marker, names must sit below).
 * The names come from our own file, but are still set through textContent like everything else.
 */
import { divIcon, type DivIcon } from 'leaflet';
import { element } from '@/components/map/dom.ts';
import type { GeographyProperties, PlaceRole } from '@/components/map/layers/geographyProperties.ts';

/** Points whose name the base layer writes. Border posts are named by PostMarkersLayer, with their queues. */
export function hasBaseLabel(p: GeographyProperties): boolean {
  return p.role !== 'post';
}

/** Country and sea names float over the map; the rest mark a spot with a dot beside the name. */
const TEXT_ONLY: readonly PlaceRole[] = ['country', 'sea'];

export function labelText(p: GeographyProperties): string {
  return p.approximate ? `≈ ${p.name}` : p.name;
}

export function createPlaceLabelIcon(p: GeographyProperties): DivIcon {
  const role = p.role ?? 'city';
  const root = element('div', `cmap-place cmap-place--${role}`);
  if (!TEXT_ONLY.includes(role)) root.appendChild(element('span', 'cmap-place__dot'));
  const name = element('span', 'cmap-place__name', labelText(p));
  name.setAttribute('data-map-label', role === 'country' || role === 'city' ? 'place-major' : 'place');
  // A city's name may go left of its dot, or under or over it, when something more important is on the right.
  if (role === 'city') name.setAttribute('data-label-flip', 'x y');
  root.appendChild(name);
  return divIcon({ html: root, className: 'cmap-marker', iconSize: [0, 0] });
}

/** Hover text for a line or place: its name and, for hand-placed ones, that it is approximate. */
export function createFeatureTooltip(name: string, approximateNote?: string): HTMLElement {
  const root = element('span', 'cmap-tooltip');
  root.appendChild(element('strong', undefined, name));
  if (approximateNote) root.appendChild(element('span', undefined, ` — ${approximateNote}`));
  return root;
}
