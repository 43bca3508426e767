/**
 * How each agency looks, everywhere it appears (map markers, legend, feed): a colour AND a shape,
 * so agencies stay apart for colour-blind viewers and on a washed-out projector.
 *
 * Colours are the theme's (app/globals.css); the hex after each is the same value, used when the
 * page has not emitted the variable (Tailwind only emits theme variables that something uses).
 */
import type { Agency } from '@/lib/contract/agencies.ts';

export type GlyphShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'hexagon';

export interface AgencyStyle {
  shape: GlyphShape;
  /** A CSS colour (a theme variable with its fallback). */
  colour: string;
}

const CIVIL: AgencyStyle = { shape: 'hexagon', colour: 'var(--color-civil, #b9b9c6)' };

const AGENCY_STYLES: Record<Agency, AgencyStyle> = {
  carabineros: { shape: 'circle', colour: 'var(--color-carabineros, #2fbf71)' },
  pdi: { shape: 'square', colour: 'var(--color-pdi, #4c8dff)' },
  pnp: { shape: 'triangle', colour: 'var(--color-pnp, #f2c94c)' },
  'ejercito-pe': { shape: 'diamond', colour: 'var(--color-ejercito-pe, #c58b5b)' },
  // Civilian services and the committee rarely have units in the field: one shared look.
  sermig: CIVIL,
  'migraciones-pe': CIVIL,
  'comite-binacional': CIVIL,
};

export function agencyStyle(agency: Agency): AgencyStyle {
  return AGENCY_STYLES[agency];
}

/** The agencies with a look of their own, in legend order; the rest share the civil hexagon. */
export const DISTINCT_AGENCIES = ['carabineros', 'pdi', 'pnp', 'ejercito-pe'] as const satisfies readonly Agency[];
export const SHARED_LOOK_AGENCIES = ['sermig', 'migraciones-pe', 'comite-binacional'] as const satisfies readonly Agency[];

/** Glyph outlines in a 100×100 box, sized so every shape looks about equally heavy. */
export const GLYPH_VIEWBOX = '0 0 100 100';
export type GlyphGeometry = { element: 'circle'; cx: number; cy: number; r: number } | { element: 'polygon'; points: string };

const GEOMETRY: Record<GlyphShape, GlyphGeometry> = {
  circle: { element: 'circle', cx: 50, cy: 50, r: 40 },
  square: { element: 'polygon', points: '14,14 86,14 86,86 14,86' },
  triangle: { element: 'polygon', points: '50,6 95,88 5,88' },
  diamond: { element: 'polygon', points: '50,3 97,50 50,97 3,50' },
  hexagon: { element: 'polygon', points: '50,5 89,27 89,73 50,95 11,73 11,27' },
};

export function glyphGeometry(shape: GlyphShape): GlyphGeometry {
  return GEOMETRY[shape];
}

/** The glyph's outline: dark for contrast on the map; light and dashed when the unit is faded. */
export const GLYPH_STROKE = { normal: '#0b0f17', faded: '#e8edf5', width: 8, fadedDash: '14 10' } as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface GlyphOptions {
  /** Pixels. */
  size: number;
  faded?: boolean;
  className?: string;
}

/**
 * The agency's glyph as an SVG element, for code that builds DOM itself (Leaflet icons). React
 * code uses <AgencyGlyph>, which draws the same geometry. Decorative: say the agency in text.
 */
export function createAgencyGlyph(agency: Agency, { size, faded = false, className }: GlyphOptions): SVGSVGElement {
  const { shape, colour } = agencyStyle(agency);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', GLYPH_VIEWBOX);
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('data-shape', shape);
  if (className) svg.setAttribute('class', className);
  const geometry = glyphGeometry(shape);
  const outline = document.createElementNS(SVG_NS, geometry.element);
  if (geometry.element === 'circle') {
    outline.setAttribute('cx', String(geometry.cx));
    outline.setAttribute('cy', String(geometry.cy));
    outline.setAttribute('r', String(geometry.r));
  } else {
    outline.setAttribute('points', geometry.points);
  }
  outline.setAttribute('stroke-width', String(GLYPH_STROKE.width));
  outline.setAttribute('stroke-linejoin', 'round');
  outline.setAttribute('stroke', faded ? GLYPH_STROKE.faded : GLYPH_STROKE.normal);
  if (faded) outline.setAttribute('stroke-dasharray', GLYPH_STROKE.fadedDash);
  // A style property, not the fill attribute: only CSS resolves var(...).
  outline.style.fill = colour;
  svg.appendChild(outline);
  return svg;
}
