'use client';
/**
 * An agency's glyph (shape + colour) for React screens: the map legend, the wall's feed. Draws the
 * same geometry as the map markers (agencyStyle.ts).
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { GLYPH_STROKE, GLYPH_VIEWBOX, agencyStyle, glyphGeometry } from '@/components/map/agencyStyle.ts';

export interface AgencyGlyphProps {
  agency: Agency;
  /** Pixels; 24 suits a feed line at wall distance. */
  size?: number;
  /** Drawn as a unit with no recent report (dashed outline, see-through). */
  faded?: boolean;
  /** When the agency's name is already written beside the glyph, hide it from screen readers. */
  decorative?: boolean;
  className?: string;
}

export function AgencyGlyph({ agency, size = 24, faded = false, decorative = false, className }: AgencyGlyphProps) {
  const { t } = useI18n();
  const { shape, colour } = agencyStyle(agency);
  const geometry = glyphGeometry(shape);
  const outline = {
    stroke: faded ? GLYPH_STROKE.faded : GLYPH_STROKE.normal,
    strokeWidth: GLYPH_STROKE.width,
    strokeLinejoin: 'round' as const,
    strokeDasharray: faded ? GLYPH_STROKE.fadedDash : undefined,
    style: { fill: colour },
  };
  const label = t(`agency.${agency}`);
  return (
    <svg
      viewBox={GLYPH_VIEWBOX}
      width={size}
      height={size}
      className={className}
      data-shape={shape}
      opacity={faded ? 0.35 : undefined}
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label })}
    >
      {!decorative && <title>{label}</title>}
      {geometry.element === 'circle' ? (
        <circle cx={geometry.cx} cy={geometry.cy} r={geometry.r} {...outline} />
      ) : (
        <polygon points={geometry.points} {...outline} />
      )}
    </svg>
  );
}
