/**
 * Draws a long list of bitmaps into an offscreen buffer a slice at a time — a few milliseconds per
 * animation frame — and hands the finished picture over as one ImageBitmap. A redraw of thousands
 * of unit sprites (each drawImage costs microseconds in a software-rendered canvas) then never
 * holds the page's main thread long enough to drop frames or show up as a long task.
 */

/** What to draw, in order (later on top), in CSS pixels. Reused from redraw to redraw. */
export class DrawList {
  images: ImageBitmap[] = [];
  xs: number[] = [];
  ys: number[] = [];
  widths: number[] = [];
  heights: number[] = [];
  alphas: number[] = [];

  get length(): number {
    return this.images.length;
  }

  clear(): void {
    this.images.length = this.xs.length = this.ys.length = this.widths.length = this.heights.length = this.alphas.length = 0;
  }

  add(image: ImageBitmap, x: number, y: number, width: number, height: number, alpha: number): void {
    this.images.push(image);
    this.xs.push(x);
    this.ys.push(y);
    this.widths.push(width);
    this.heights.push(height);
    this.alphas.push(alpha);
  }
}

/** How many draws between clock checks: performance.now() is cheap, not free. */
const CHECK_EVERY = 64;

export class ProgressiveCanvas {
  private buffer: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  private list: DrawList | null = null;
  private next = 0;
  /** Main-thread time spent on the current picture so far. */
  elapsedMs = 0;

  constructor(private readonly pixelRatio: number) {}

  get drawing(): boolean {
    return this.list !== null;
  }

  /** Starts a picture of `width` × `height` CSS pixels from `list` (which must not change until it is done). */
  begin(width: number, height: number, list: DrawList): void {
    const started = performance.now();
    const w = Math.max(1, Math.round(width * this.pixelRatio));
    const h = Math.max(1, Math.round(height * this.pixelRatio));
    if (!this.buffer || this.buffer.width !== w || this.buffer.height !== h) {
      this.buffer = new OffscreenCanvas(w, h);
      this.ctx = this.buffer.getContext('2d')!;
    }
    const ctx = this.ctx!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(this.pixelRatio, 0, 0, this.pixelRatio, 0, 0);
    this.list = list;
    this.next = 0;
    // Counted: after a picture is handed over, the first call here allocates a fresh surface.
    this.elapsedMs = performance.now() - started;
  }

  /** Draws for up to `budgetMs`; returns the finished picture when the list is done, else null. */
  step(budgetMs: number): ImageBitmap | null {
    const { list, ctx, buffer } = this;
    if (!list || !ctx || !buffer) return null;
    const started = performance.now();
    const { images, xs, ys, widths, heights, alphas } = list;
    let alpha = ctx.globalAlpha;
    let i = this.next;
    while (i < images.length) {
      const end = Math.min(images.length, i + CHECK_EVERY);
      for (; i < end; i++) {
        if (alphas[i] !== alpha) ctx.globalAlpha = alpha = alphas[i];
        ctx.drawImage(images[i], xs[i], ys[i], widths[i], heights[i]);
      }
      if (performance.now() - started >= budgetMs) break;
    }
    this.next = i;
    this.elapsedMs += performance.now() - started;
    if (i < images.length) return null;
    this.list = null;
    // Hands the pixels over without a copy; the buffer starts blank for the next picture.
    return buffer.transferToImageBitmap();
  }

  /** Drops a picture in progress (the view it was drawn for has changed). */
  abort(): void {
    this.list = null;
  }
}
