/**
 * A unit's label (callsign and age) for the canvas layer, rendered once into a small bitmap and
 * redrawn only when its text changes (at most once a minute: ages are in whole minutes). Looks
 * like the DOM marker's label in map.css (`.cmap-unit__label` and its faded variant).
 */
import { resolveCssColour } from '@/components/map/cssColour.ts';

export interface LabelSprite {
  image: ImageBitmap;
  /** CSS pixels. */
  width: number;
  height: number;
}

export interface LabelText {
  label: string;
  ageText: string;
  faded: boolean;
}

/** The theme values a label needs, read once from the map container. */
export interface LabelTheme {
  fontFamily: string;
  staleColour: string;
}

/** map.css: the label hangs this far right of the glyph's edge. */
export const LABEL_GAP_PX = 6;
const PADDING = { x: 8, y: 2 };
const LINE_HEIGHT = 1.15;
const NAME = { size: 18, weight: 700, colour: '#f4f6fb', fadedColour: '#9aa6ba' };
const AGE = { size: 16, weight: 400, fadedWeight: 600, colour: '#b8c2d3' };
const BOX = {
  background: 'rgba(10, 14, 22, 0.85)',
  fadedBackground: 'rgba(10, 14, 22, 0.6)',
  border: 'rgba(232, 237, 245, 0.3)',
  radius: 6,
};

export function readLabelTheme(element: Element): LabelTheme {
  return {
    fontFamily: getComputedStyle(element).fontFamily || 'sans-serif',
    staleColour: resolveCssColour('var(--color-stale, #ffb020)', element),
  };
}

export function renderLabelSprite({ label, ageText, faded }: LabelText, theme: LabelTheme, pixelRatio: number): LabelSprite {
  const nameFont = `${NAME.weight} ${NAME.size}px ${theme.fontFamily}`;
  const ageFont = `${faded ? AGE.fadedWeight : AGE.weight} ${AGE.size}px ${theme.fontFamily}`;
  const border = faded ? 2 : 1;
  const measure = new OffscreenCanvas(1, 1).getContext('2d')!;
  measure.font = nameFont;
  const nameWidth = measure.measureText(label).width;
  measure.font = ageFont;
  const ageWidth = measure.measureText(ageText).width;
  const nameLine = NAME.size * LINE_HEIGHT;
  const ageLine = AGE.size * LINE_HEIGHT;
  const width = Math.ceil(Math.max(nameWidth, ageWidth) + 2 * (PADDING.x + border));
  const height = Math.ceil(nameLine + ageLine + 2 * (PADDING.y + border));

  const canvas = new OffscreenCanvas(Math.ceil(width * pixelRatio), Math.ceil(height * pixelRatio));
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  const box = new Path2D();
  box.roundRect(border / 2, border / 2, width - border, height - border, BOX.radius);
  ctx.fillStyle = faded ? BOX.fadedBackground : BOX.background;
  ctx.fill(box);
  ctx.lineWidth = border;
  ctx.strokeStyle = faded ? theme.staleColour : BOX.border;
  if (faded) ctx.setLineDash([6, 4]);
  ctx.stroke(box);

  ctx.textBaseline = 'middle';
  const left = border + PADDING.x;
  const top = border + PADDING.y;
  ctx.font = nameFont;
  ctx.fillStyle = faded ? NAME.fadedColour : NAME.colour;
  ctx.fillText(label, left, top + nameLine / 2);
  ctx.font = ageFont;
  ctx.fillStyle = faded ? theme.staleColour : AGE.colour;
  ctx.fillText(ageText, left, top + nameLine + ageLine / 2);
  // An ImageBitmap draws without snapshotting a source canvas each time (see unitSprites.ts).
  return { image: canvas.transferToImageBitmap(), width, height };
}
