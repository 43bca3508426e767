/**
 * Unit glyphs pre-rendered for the canvas layer: one small bitmap per agency look and outline
 * (normal or faded), drawn once and then copied with drawImage for every unit, which is what
 * keeps thousands of units at full frame rate. Same geometry, colours and outline as the DOM
 * markers' SVG (agencyStyle.ts) and the same drop shadow as map.css `.cmap-unit__glyph`.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import { GLYPH_STROKE, agencyStyle, glyphGeometry, type GlyphGeometry } from '@/components/map/agencyStyle.ts';
import { resolveCssColour } from '@/components/map/cssColour.ts';
import { UNIT_GLYPH_PX } from '@/components/map/units/unitIcon.ts';

/** Room around the glyph for its shadow, in CSS pixels. */
const SHADOW_MARGIN_PX = 4;
/** A sprite's side in CSS pixels: the glyph centred, with its shadow. */
export const UNIT_SPRITE_PX = UNIT_GLYPH_PX + 2 * SHADOW_MARGIN_PX;
/** map.css `.cmap-unit--faded .cmap-unit__glyph { opacity }`: applied when the sprite is drawn. */
export const FADED_GLYPH_OPACITY = 0.35;
/** map.css `filter: drop-shadow(0 0 3px rgba(0, 0, 0, 0.85))`. */
const SHADOW = { colour: 'rgba(0, 0, 0, 0.85)', blurPx: 3 };

export class UnitSprites {
  private readonly sprites = new Map<string, ImageBitmap>();

  /**
   * @param themeElement where the theme's colour variables are read (the map container)
   * @param pixelRatio device pixels per CSS pixel, so glyphs stay sharp on dense screens
   */
  constructor(
    private readonly themeElement: Element,
    readonly pixelRatio: number,
  ) {}

  /** The sprite for an agency's glyph; agencies that share a look share a sprite. */
  get(agency: Agency, faded: boolean): ImageBitmap {
    const { shape, colour } = agencyStyle(agency);
    const key = `${shape}|${colour}|${faded}`;
    let sprite = this.sprites.get(key);
    if (!sprite) {
      sprite = this.draw(glyphGeometry(shape), resolveCssColour(colour, this.themeElement), faded);
      this.sprites.set(key, sprite);
    }
    return sprite;
  }

  private draw(geometry: GlyphGeometry, fill: string, faded: boolean): ImageBitmap {
    const side = Math.ceil(UNIT_SPRITE_PX * this.pixelRatio);
    const canvas = new OffscreenCanvas(side, side);
    const ctx = canvas.getContext('2d')!;
    // The glyph's geometry is in a 100×100 box (agencyStyle.ts); line widths and dashes scale with it.
    ctx.scale(this.pixelRatio, this.pixelRatio);
    ctx.translate(SHADOW_MARGIN_PX, SHADOW_MARGIN_PX);
    ctx.scale(UNIT_GLYPH_PX / 100, UNIT_GLYPH_PX / 100);
    const outline = glyphPath(geometry);
    ctx.shadowColor = SHADOW.colour;
    ctx.shadowBlur = SHADOW.blurPx * this.pixelRatio; // shadows ignore the transform
    ctx.fillStyle = fill;
    ctx.fill(outline);
    ctx.shadowColor = 'transparent';
    ctx.lineWidth = GLYPH_STROKE.width;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = faded ? GLYPH_STROKE.faded : GLYPH_STROKE.normal;
    if (faded) ctx.setLineDash(GLYPH_STROKE.fadedDash.split(' ').map(Number));
    ctx.stroke(outline);
    // An ImageBitmap, not a canvas: drawing a canvas onto a canvas snapshots the source every
    // time, which at thousands of copies a frame was most of the draw's cost.
    return canvas.transferToImageBitmap();
  }
}

function glyphPath(geometry: GlyphGeometry): Path2D {
  const path = new Path2D();
  if (geometry.element === 'circle') {
    path.arc(geometry.cx, geometry.cy, geometry.r, 0, Math.PI * 2);
    return path;
  }
  const points = geometry.points.split(' ').map((pair) => pair.split(',').map(Number));
  points.forEach(([x, y], i) => (i === 0 ? path.moveTo(x, y) : path.lineTo(x, y)));
  path.closePath();
  return path;
}
