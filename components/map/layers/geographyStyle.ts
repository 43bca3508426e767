/**
 * How the base geography is drawn. Dark and quiet, so the live markers stand out; the Chile–Peru
 * border is the one bright line, thick enough to see from five metres.
 */
import type { PathOptions } from 'leaflet';
import type { GeographyProperties } from '@/components/map/layers/geographyProperties.ts';

/** The map container's background: everything that is not land is sea. */
export const SEA_COLOUR = '#0a1526';
export const LAND_COLOUR = '#1f2a3a';

const CHILE_PERU_BORDER: PathOptions = { color: '#f4f6fb', weight: 5, opacity: 0.95, lineCap: 'round', lineJoin: 'round' };
/** Other countries' borders: thinner, dimmer, dash-dot as on printed maps. */
const OTHER_BORDER: PathOptions = { color: '#8a97ad', weight: 2, opacity: 0.8, dashArray: '10 5 2 5' };
const ROAD: PathOptions = { color: '#a9b4c6', weight: 3, opacity: 0.85, dashArray: '12 9', lineCap: 'butt' };

export function isChilePeruBorder(p: GeographyProperties): boolean {
  return p.id === 'border-cl-pe' || p.id === 'border-cl-pe-schematic';
}

/**
 * Style of a line or area feature. With a tile layer underneath, land is left unfilled so the
 * tiles show, while the border and road stay on top of them.
 */
export function pathStyle(p: GeographyProperties, drawLand: boolean): PathOptions {
  switch (p.kind) {
    case 'country':
      return drawLand ? { stroke: false, fill: true, fillColor: LAND_COLOUR, fillOpacity: 1 } : { stroke: false, fill: false };
    case 'border':
      return isChilePeruBorder(p) ? CHILE_PERU_BORDER : OTHER_BORDER;
    case 'road':
      return ROAD;
    default:
      return {};
  }
}

/** Swatches for the legend, from the same values as the map. */
export const LEGEND_LINES = {
  border: { colour: CHILE_PERU_BORDER.color!, width: CHILE_PERU_BORDER.weight!, dash: undefined },
  road: { colour: ROAD.color!, width: ROAD.weight!, dash: ROAD.dashArray as string },
} as const;
