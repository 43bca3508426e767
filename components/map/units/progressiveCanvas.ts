/**
 * Draws a long list of bitmaps into an offscreen buffer a slice at a time — a few milliseconds per
 * animation frame — and then copies the finished picture to the visible canvas in one go. A
 * redraw of thousands of unit sprites (each drawImage costs microseconds in a software-rendered
 * canvas) then never holds the page's main thread long enough to drop frames or show up as a long
 * task. The buffer is kept from picture to picture: handing it over (transferToImageBitmap) made
 * every redraw allocate a fresh surface, which cost as much as the drawing.
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
    this.elapsedMs = performance.now() - started;
  }

  /** Draws for up to `budgetMs`; true when the list is done and the picture can be shown. */
  step(budgetMs: number): boolean {
    const { list, ctx } = this;
    if (!list || !ctx) return false;
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
    if (i < images.length) return false;
    this.list = null;
    return true;
  }

  /** Copies the finished picture onto `target` (a canvas of the same pixel size), replacing what it showed. */
  presentTo(target: CanvasRenderingContext2D): void {
    if (!this.buffer) return;
    const started = performance.now();
    target.setTransform(1, 0, 0, 1, 0, 0);
    target.globalAlpha = 1;
    target.clearRect(0, 0, target.canvas.width, target.canvas.height);
    target.drawImage(this.buffer, 0, 0);
    this.elapsedMs += performance.now() - started;
  }

  /** The picture's size in device pixels. */
  get width(): number {
    return this.buffer?.width ?? 0;
  }

  get height(): number {
    return this.buffer?.height ?? 0;
  }

  /** Drops a picture in progress (the view it was drawn for has changed). */
  abort(): void {
    this.list = null;
  }
}
