import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DrawList, ProgressiveCanvas } from '@/components/map/units/progressiveCanvas.ts';

/** Records what is drawn; each drawImage "takes" 1 ms of the fake clock. */
class FakeOffscreenCanvas {
  static drawn: Array<{ image: unknown; x: number; y: number; alpha: number }> = [];
  readonly ctx = {
    globalAlpha: 1,
    setTransform: () => {},
    clearRect: () => {},
    drawImage: (image: unknown, x: number, y: number) => {
      FakeOffscreenCanvas.drawn.push({ image, x, y, alpha: this.ctx.globalAlpha });
      clock += 1;
    },
  };
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}
  getContext() {
    return this.ctx;
  }
}

let clock = 0;
const bitmap = (name: string) => ({ name }) as unknown as ImageBitmap;

beforeEach(() => {
  clock = 0;
  FakeOffscreenCanvas.drawn = [];
  vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function listOf(n: number): DrawList {
  const list = new DrawList();
  for (let i = 0; i < n; i++) list.add(bitmap(`u${i}`), i, i, 40, 40, i % 2 ? 0.35 : 1);
  return list;
}

describe('ProgressiveCanvas', () => {
  it('draws a long list over several steps within the budget, then shows it in one copy', () => {
    const painter = new ProgressiveCanvas(2);
    painter.begin(700, 490, listOf(300));
    let steps = 1;
    while (!painter.step(100)) steps++;
    // 300 draws of 1 ms each, checked every 64 draws against a 100 ms budget: 128 per step.
    expect(steps).toBe(3);
    expect(FakeOffscreenCanvas.drawn).toHaveLength(300);
    expect(painter.drawing).toBe(false);
    expect(painter.elapsedMs).toBe(300);
    expect([painter.width, painter.height]).toEqual([1400, 980]);

    const shown: unknown[] = [];
    const target = {
      canvas: { width: 1400, height: 980 },
      setTransform: () => {},
      clearRect: () => shown.push('clear'),
      drawImage: (image: unknown) => shown.push(image),
    };
    painter.presentTo(target as unknown as CanvasRenderingContext2D);
    expect(shown).toEqual(['clear', expect.any(FakeOffscreenCanvas)]);
  });

  it('keeps the order (later on top) and each item’s opacity', () => {
    const painter = new ProgressiveCanvas(1);
    painter.begin(100, 100, listOf(4));
    expect(painter.step(50)).toBe(true);
    expect(FakeOffscreenCanvas.drawn.map((d) => [(d.image as { name: string }).name, d.alpha])).toEqual([
      ['u0', 1],
      ['u1', 0.35],
      ['u2', 1],
      ['u3', 0.35],
    ]);
  });

  it('draws nothing more once aborted', () => {
    const painter = new ProgressiveCanvas(1);
    painter.begin(100, 100, listOf(200));
    expect(painter.step(10)).toBe(false);
    const drawnSoFar = FakeOffscreenCanvas.drawn.length;
    painter.abort();
    expect(painter.drawing).toBe(false);
    expect(painter.step(1_000)).toBe(false);
    expect(FakeOffscreenCanvas.drawn).toHaveLength(drawnSoFar);
  });
});
