/**
 * How units are drawn: as DOM markers (each a focusable element with its label, what keyboard and
 * screen-reader users and the end-to-end tests reach) while there are few, and on one canvas once
 * DOM markers would slow the wall. Measured with every unit reporting at 10 Hz (bench:map
 * --renderer dom|canvas; bench/results/map.json, runs threshold-dom and threshold-canvas): DOM
 * markers hold 41–60 frames a second up to 200 units and 23–27 at 300; the canvas holds 60
 * throughout. Pure, so the switching rule is unit-tested.
 */
export type UnitRenderer = 'dom' | 'canvas';

/** Above this many units the map switches to the canvas. */
export const CANVAS_ABOVE_UNITS = 150;
/** …and back to DOM markers only below this, so a count wavering at the line does not flip-flop. */
export const DOM_BELOW_UNITS = 120;

export function chooseUnitRenderer(unitCount: number, current: UnitRenderer): UnitRenderer {
  if (current === 'dom') return unitCount > CANVAS_ABOVE_UNITS ? 'canvas' : 'dom';
  return unitCount < DOM_BELOW_UNITS ? 'dom' : 'canvas';
}

/** The page address may fix the renderer (`?mapUnits=canvas` or `dom`): for a wall PC too weak for DOM markers, and for tests. */
export const RENDERER_PARAM = 'mapUnits';

export function rendererFromQuery(search: string): UnitRenderer | null {
  const value = new URLSearchParams(search).get(RENDERER_PARAM);
  return value === 'canvas' || value === 'dom' ? value : null;
}
