import { describe, expect, it } from 'vitest';
import { CANVAS_ABOVE_UNITS, DOM_BELOW_UNITS, chooseUnitRenderer, rendererFromQuery } from '@/components/map/units/unitRenderer.ts';

describe('chooseUnitRenderer', () => {
  it('keeps DOM markers for a few hundred units and moves to the canvas past the threshold', () => {
    expect(chooseUnitRenderer(0, 'dom')).toBe('dom');
    expect(chooseUnitRenderer(CANVAS_ABOVE_UNITS, 'dom')).toBe('dom');
    expect(chooseUnitRenderer(CANVAS_ABOVE_UNITS + 1, 'dom')).toBe('canvas');
    expect(chooseUnitRenderer(5_000, 'dom')).toBe('canvas');
  });

  it('does not flip back and forth when the count hovers around the threshold', () => {
    let renderer = chooseUnitRenderer(CANVAS_ABOVE_UNITS + 1, 'dom');
    for (const count of [CANVAS_ABOVE_UNITS, CANVAS_ABOVE_UNITS + 1, CANVAS_ABOVE_UNITS - 20, DOM_BELOW_UNITS]) {
      renderer = chooseUnitRenderer(count, renderer);
      expect(renderer).toBe('canvas');
    }
    expect(chooseUnitRenderer(DOM_BELOW_UNITS - 1, renderer)).toBe('dom');
  });
});

describe('rendererFromQuery', () => {
  it('lets the address fix the renderer, and ignores anything else', () => {
    expect(rendererFromQuery('?mapUnits=canvas')).toBe('canvas');
    expect(rendererFromQuery('?channel=training:x&mapUnits=dom')).toBe('dom');
    expect(rendererFromQuery('?mapUnits=webgl')).toBeNull();
    expect(rendererFromQuery('')).toBeNull();
  });
});
