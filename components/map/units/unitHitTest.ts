/**
 * Which unit is under a point on the canvas layer: the last one drawn there wins, because it is the
 * one on top. Pure, so it is unit-tested without a browser.
 */

/** Where the last draw put each unit, in draw order, in canvas (container) pixels. */
export interface DrawnUnits {
  keys: string[];
  xs: number[];
  ys: number[];
  /** The label box beside the glyph, 0 × 0 when the unit was drawn without one. */
  labelWidths: number[];
  labelHeights: number[];
}

export interface HitGeometry {
  /** Half the glyph's side, in pixels. */
  glyphHalf: number;
  /** Gap between the glyph's right edge and its label. */
  labelGap: number;
  /** Extra pixels around the glyph that still count, so a finger need not be exact. */
  slop: number;
}

export function emptyDrawnUnits(): DrawnUnits {
  return { keys: [], xs: [], ys: [], labelWidths: [], labelHeights: [] };
}

export function unitAt(drawn: DrawnUnits, x: number, y: number, { glyphHalf, labelGap, slop }: HitGeometry): string | null {
  const reach = glyphHalf + slop;
  for (let i = drawn.keys.length - 1; i >= 0; i--) {
    const dx = x - drawn.xs[i];
    const dy = y - drawn.ys[i];
    if (Math.abs(dx) <= reach && Math.abs(dy) <= reach) return drawn.keys[i];
    const labelLeft = glyphHalf + labelGap;
    if (
      drawn.labelWidths[i] > 0 &&
      dx >= labelLeft &&
      dx <= labelLeft + drawn.labelWidths[i] &&
      Math.abs(dy) <= drawn.labelHeights[i] / 2
    ) {
      return drawn.keys[i];
    }
  }
  return null;
}
