/**
 * A Leaflet layer that draws every unit on one canvas: a pre-rendered sprite per agency look
 * (unitSprites.ts) copied to each unit's position, faded units first and see-through, fresh ones
 * on top; labels (callsign and age) when few enough units are in view to read them. A click is
 * hit-tested against what was drawn and reported with the unit's key.
 *
 * Changes are coalesced: new data, a pan or a zoom only mark the canvas dirty, and it is redrawn
 * once in the next animation frame. Units keep their projected pixel position until they move or
 * the zoom changes, so a redraw is a copy per unit, not a projection.
 */
import { DomUtil, Layer, Util, type LatLng, type LeafletEvent, type LeafletMouseEvent, type Map as LeafletMap, Point, type ZoomAnimEvent } from 'leaflet';
import type { UnitState } from '../../lib/projection/picture.ts';
import { emptyDrawnUnits, unitAt, type DrawnUnits } from './unitHitTest.ts';
import { LABEL_GAP_PX, readLabelTheme, renderLabelSprite, type LabelSprite, type LabelText, type LabelTheme } from './unitLabelSprite.ts';
import { FADED_GLYPH_OPACITY, UNIT_SPRITE_PX, UnitSprites } from './unitSprites.ts';
import { UNIT_GLYPH_PX } from './unitIcon.ts';

/** Labels are drawn while at most this many units are in view; beyond that they would be a smear. */
export const MAX_LABELLED_UNITS_IN_VIEW = 300;
/**
 * Redraws a second, at most. Units report at up to 10 Hz, so at 20 Hz no position waits more than
 * 50 ms to show, and the main thread keeps most frames free when thousands of units move.
 */
const REDRAW_HZ = 20;
const MIN_REDRAW_INTERVAL_MS = 1000 / REDRAW_HZ;
/** rAF timestamps jitter by a fraction of a frame: do not skip a frame that is only just early. */
const FRAME_TOLERANCE_MS = 4;
/** A tap within this many pixels of a glyph's edge still picks the unit. */
const TAP_SLOP_PX = 6;
const HIT_GEOMETRY = { glyphHalf: UNIT_GLYPH_PX / 2, labelGap: LABEL_GAP_PX, slop: TAP_SLOP_PX };

/** What a label says for a unit at a moment: its callsign and age (unitView.ts describeUnit). */
export type DescribeUnit = (unit: UnitState, now: number) => LabelText;

export interface UnitCanvasOptions {
  pane: string;
  onUnitClick: (key: string) => void;
}

interface Entry {
  key: string;
  unit: UnitState;
  lastSeenMs: number;
  faded: boolean;
  sprite: HTMLCanvasElement | null;
  /** Pixel position at `projectedZoom` (Leaflet's projected space); null after the unit moved. */
  projected: Point | null;
  projectedZoom: number;
  /** The label as last rendered, and what it was rendered for. */
  label: { unit: UnitState; minute: number; faded: boolean; describe: DescribeUnit; text: LabelText; sprite: LabelSprite } | null;
  /** Canvas position in the current draw. */
  x: number;
  y: number;
}

type LeafletInternals = LeafletMap & {
  _zoomAnimated?: boolean;
  _getNewPixelOrigin(center: LatLng, zoom: number): Point;
};

export class UnitCanvas extends Layer {
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private sprites: UnitSprites | null = null;
  private labelTheme: LabelTheme | null = null;
  private readonly entries = new Map<string, Entry>();
  private units: Readonly<Record<string, UnitState>> = {};
  private now = 0;
  private fadeMs = 0;
  private describe: DescribeUnit = () => ({ label: '', ageText: '', faded: false });
  private frame: number | null = null;
  /** The animation-frame time of the last draw. */
  private drawnAt = -Infinity;
  private zoomAnimating = false;
  /** The view the canvas was last drawn for: its top-left in layer pixels, centre and zoom. */
  private drawnTopLeft = new Point(0, 0);
  private drawnCenter: LatLng | null = null;
  private drawnZoom = 0;
  /** What the last draw put where, for hit-testing clicks. */
  private readonly drawn: DrawnUnits = emptyDrawnUnits();
  private readonly visible: Entry[] = [];
  private readonly fresh: Entry[] = [];
  private labelsShown = false;

  constructor(private readonly settings: UnitCanvasOptions) {
    super();
    // Leaflet's Layer has no initialize(), so options given to its constructor would be dropped.
    Util.setOptions(this, { pane: settings.pane });
  }

  /**
   * Takes the current units and clock. Only units whose state object changed are re-read (the
   * picture keeps the identity of untouched units), and the clock only re-checks who is faded.
   */
  setUnits(units: Readonly<Record<string, UnitState>>, now: number, fadeMinutes: number, describe: DescribeUnit): void {
    const fadeMs = fadeMinutes * 60_000;
    const clockChanged = now !== this.now || fadeMs !== this.fadeMs;
    const describeChanged = describe !== this.describe;
    if (units === this.units && !clockChanged && !describeChanged) return;
    this.now = now;
    this.fadeMs = fadeMs;
    this.describe = describe;
    let changed = describeChanged || (clockChanged && this.labelsShown);
    if (units !== this.units) {
      let count = 0;
      for (const key in units) {
        count++;
        const unit = units[key];
        const entry = this.entries.get(key);
        if (!entry) {
          this.entries.set(key, this.newEntry(key, unit));
          changed = true;
        } else if (entry.unit !== unit) {
          if (unit.position.lat !== entry.unit.position.lat || unit.position.lon !== entry.unit.position.lon) entry.projected = null;
          if (unit.agency !== entry.unit.agency) entry.sprite = null;
          entry.unit = unit;
          entry.lastSeenMs = Date.parse(unit.lastSeenAt);
          this.refreshFaded(entry);
          changed = true;
        }
      }
      if (this.entries.size !== count) {
        for (const key of this.entries.keys()) if (!(key in units)) this.entries.delete(key);
        changed = true;
      }
      this.units = units;
    }
    // Only the clock can fade a unit that sent nothing new.
    if (clockChanged) for (const entry of this.entries.values()) changed = this.refreshFaded(entry) || changed;
    if (changed) this.schedule();
  }

  override onAdd(map: LeafletMap): this {
    const canvas = document.createElement('canvas');
    canvas.className = 'cmap-unit-canvas';
    if ((map as LeafletInternals)._zoomAnimated) canvas.classList.add('leaflet-zoom-animated');
    // The map, not the canvas, takes clicks: they are hit-tested here, and drags go to the map.
    canvas.style.pointerEvents = 'none';
    canvas.setAttribute('aria-hidden', 'true');
    this.getPane()!.appendChild(canvas);
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    const ratio = window.devicePixelRatio || 1;
    this.sprites = new UnitSprites(map.getContainer(), ratio);
    this.labelTheme = readLabelTheme(map.getContainer());
    this.schedule();
    return this;
  }

  override onRemove(): this {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.canvas?.remove();
    this.canvas = null;
    this.ctx = null;
    this.drawn.keys.length = 0;
    for (const entry of this.entries.values()) entry.label = null;
    this._map?.getContainer().style.removeProperty('cursor');
    return this;
  }

  override getEvents(): Record<string, (event: LeafletEvent) => void> {
    const events: Record<string, (event: LeafletEvent) => void> = {
      viewreset: this.schedule,
      zoom: this.schedule,
      move: this.schedule,
      moveend: this.schedule,
      resize: this.schedule,
      zoomend: this.onZoomEnd,
      click: this.onClick as (event: LeafletEvent) => void,
      mousemove: this.onMouseMove as (event: LeafletEvent) => void,
    };
    if ((this._map as LeafletInternals | undefined)?._zoomAnimated) events.zoomanim = this.onZoomAnim as (event: LeafletEvent) => void;
    return events;
  }

  private newEntry(key: string, unit: UnitState): Entry {
    const entry: Entry = {
      key,
      unit,
      lastSeenMs: Date.parse(unit.lastSeenAt),
      faded: false,
      sprite: null,
      projected: null,
      projectedZoom: NaN,
      label: null,
      x: 0,
      y: 0,
    };
    this.refreshFaded(entry);
    return entry;
  }

  /** The same rule as isUnitFaded (lib/projection/selectors.ts), without parsing a date per unit. */
  private refreshFaded(entry: Entry): boolean {
    const faded = this.now - entry.lastSeenMs > this.fadeMs;
    if (faded === entry.faded) return false;
    entry.faded = faded;
    entry.sprite = null;
    return true;
  }

  private readonly schedule = (): void => {
    if (this.frame !== null || !this.canvas) return;
    this.frame = requestAnimationFrame(this.onFrame);
  };

  private readonly onFrame = (time: number): void => {
    // Not yet: wait for a later frame, so thousands of units cost at most REDRAW_HZ redraws a second.
    if (time - this.drawnAt < MIN_REDRAW_INTERVAL_MS - FRAME_TOLERANCE_MS) {
      this.frame = requestAnimationFrame(this.onFrame);
      return;
    }
    this.frame = null;
    this.drawnAt = time;
    this.draw();
  };

  private draw(): void {
    const map = this._map as LeafletMap | undefined;
    const { canvas, ctx, sprites } = this;
    if (!map || !canvas || !ctx || !sprites || this.zoomAnimating) return;
    const size = map.getSize();
    const ratio = sprites.pixelRatio;
    if (canvas.width !== Math.round(size.x * ratio) || canvas.height !== Math.round(size.y * ratio)) {
      canvas.width = Math.round(size.x * ratio);
      canvas.height = Math.round(size.y * ratio);
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    // The canvas covers the viewport: its top-left sits at the container's top-left in layer space.
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    DomUtil.setPosition(canvas, topLeft);
    this.drawnTopLeft = topLeft;
    this.drawnCenter = map.getCenter();
    this.drawnZoom = map.getZoom();
    const zoom = this.drawnZoom;
    const origin = map.getPixelOrigin();
    const offsetX = -origin.x - topLeft.x;
    const offsetY = -origin.y - topLeft.y;

    // Where each unit lands on the canvas, fresh units after faded ones so they draw on top. The
    // lists are reused from draw to draw: thousands of units, twenty times a second.
    const margin = UNIT_SPRITE_PX;
    const visible = this.visible;
    const fresh = this.fresh;
    visible.length = 0;
    fresh.length = 0;
    for (const entry of this.entries.values()) {
      if (entry.projected === null || entry.projectedZoom !== zoom) {
        entry.projected = map.project([entry.unit.position.lat, entry.unit.position.lon], zoom);
        entry.projectedZoom = zoom;
      }
      const x = Math.round(entry.projected.x + offsetX);
      const y = Math.round(entry.projected.y + offsetY);
      if (x < -margin || y < -margin || x > size.x + margin || y > size.y + margin) continue;
      entry.x = x;
      entry.y = y;
      (entry.faded ? visible : fresh).push(entry);
    }
    for (const entry of fresh) visible.push(entry);
    this.labelsShown = visible.length <= MAX_LABELLED_UNITS_IN_VIEW;

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const drawn = this.drawn;
    drawn.keys.length = drawn.xs.length = drawn.ys.length = drawn.labelWidths.length = drawn.labelHeights.length = 0;
    const half = UNIT_SPRITE_PX / 2;
    for (const entry of visible) {
      const { x, y } = entry;
      entry.sprite ??= sprites.get(entry.unit.agency, entry.faded);
      ctx.globalAlpha = entry.faded ? FADED_GLYPH_OPACITY : 1;
      ctx.drawImage(entry.sprite, x - half, y - half, UNIT_SPRITE_PX, UNIT_SPRITE_PX);
      let labelWidth = 0;
      let labelHeight = 0;
      if (this.labelsShown) {
        const label = this.labelFor(entry);
        ctx.globalAlpha = 1;
        ctx.drawImage(label.image, x + UNIT_GLYPH_PX / 2 + LABEL_GAP_PX, Math.round(y - label.height / 2), label.width, label.height);
        labelWidth = label.width;
        labelHeight = label.height;
      }
      drawn.keys.push(entry.key);
      drawn.xs.push(x);
      drawn.ys.push(y);
      drawn.labelWidths.push(labelWidth);
      drawn.labelHeights.push(labelHeight);
    }
    ctx.globalAlpha = 1;
    // How many units are on the map: for the benchmark and tests, which cannot read a canvas.
    const count = String(this.entries.size);
    if (canvas.getAttribute('data-unit-count') !== count) canvas.setAttribute('data-unit-count', count);
  }

  /** The unit's label bitmap, rendered again only when its text can have changed. */
  private labelFor(entry: Entry): LabelSprite {
    const minute = Math.floor(Math.max(0, this.now - entry.lastSeenMs) / 60_000);
    const cached = entry.label;
    if (cached && cached.unit === entry.unit && cached.minute === minute && cached.faded === entry.faded && cached.describe === this.describe) {
      return cached.sprite;
    }
    const text = this.describe(entry.unit, this.now);
    const sprite = cached && sameText(cached.text, text) ? cached.sprite : renderLabelSprite(text, this.labelTheme!, this.sprites!.pixelRatio);
    entry.label = { unit: entry.unit, minute, faded: entry.faded, describe: this.describe, sprite, text };
    return sprite;
  }

  /** A point on the map container → the unit drawn there, allowing for a pan since the last draw. */
  private unitAtContainerPoint(point: Point): string | null {
    const map = this._map as LeafletMap | undefined;
    if (!map) return null;
    const moved = map.containerPointToLayerPoint([0, 0]).subtract(this.drawnTopLeft);
    return unitAt(this.drawn, point.x + moved.x, point.y + moved.y, HIT_GEOMETRY);
  }

  private readonly onClick = (event: LeafletMouseEvent): void => {
    const key = this.unitAtContainerPoint(event.containerPoint);
    if (key) this.settings.onUnitClick(key);
  };

  private readonly onMouseMove = (event: LeafletMouseEvent): void => {
    const style = this._map?.getContainer().style;
    if (!style) return;
    if (this.unitAtContainerPoint(event.containerPoint)) style.cursor = 'pointer';
    else style.removeProperty('cursor');
  };

  /** During an animated zoom the canvas is scaled with the map, as Leaflet's own renderers do. */
  private readonly onZoomAnim = (event: ZoomAnimEvent): void => {
    const map = this._map as LeafletInternals | undefined;
    if (!map || !this.canvas || !this.drawnCenter) return;
    this.zoomAnimating = true;
    const scale = map.getZoomScale(event.zoom, this.drawnZoom);
    const viewHalf = map.getSize().multiplyBy(0.5);
    const offset = viewHalf
      .multiplyBy(-scale)
      .add(map.project(this.drawnCenter, event.zoom))
      .subtract(map._getNewPixelOrigin(event.center, event.zoom));
    DomUtil.setTransform(this.canvas, offset, scale);
  };

  private readonly onZoomEnd = (): void => {
    this.zoomAnimating = false;
    this.schedule();
  };
}

function sameText(a: LabelText, b: LabelText): boolean {
  return a.label === b.label && a.ageText === b.ageText && a.faded === b.faded;
}
