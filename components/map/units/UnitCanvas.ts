/**
 * A Leaflet layer that draws every unit on one canvas: a pre-rendered sprite per agency look
 * (unitSprites.ts) copied to each unit's position, faded units first and see-through, fresh ones
 * on top; labels (callsign and age) when few enough units are in view to read them. A click is
 * hit-tested against what was drawn and reported with the unit's key.
 *
 * Changes are coalesced: new data, a pan or a zoom only mark the canvas dirty. A redraw takes a
 * snapshot of where every unit is, draws it into an offscreen buffer a few milliseconds per frame
 * (progressiveCanvas.ts) and then copies it to the canvas at once, so thousands of units never
 * block the page;
 * redraws start no more often than their measured cost allows (at most DRAW_SHARE of the main
 * thread, at most 20 a second). Units keep their projected pixel position until they move or the
 * zoom changes, so a redraw is a copy per unit, not a projection.
 */
import {
  DomUtil,
  Layer,
  Util,
  type LatLng,
  type LeafletEvent,
  type LeafletMouseEvent,
  type Map as LeafletMap,
  Point,
  type ZoomAnimEvent,
} from 'leaflet';
import type { UnitState } from '@/lib/projection/picture.ts';
import { DrawList, ProgressiveCanvas } from '@/components/map/units/progressiveCanvas.ts';
import { emptyDrawnUnits, unitAt, type DrawnUnits } from '@/components/map/units/unitHitTest.ts';
import {
  LABEL_GAP_PX,
  readLabelTheme,
  renderLabelSprite,
  type LabelSprite,
  type LabelText,
  type LabelTheme,
} from '@/components/map/units/unitLabelSprite.ts';
import { FADED_GLYPH_OPACITY, UNIT_SPRITE_PX, UnitSprites } from '@/components/map/units/unitSprites.ts';
import { UNIT_GLYPH_PX } from '@/components/map/units/unitIcon.ts';

/** Labels are drawn while at most this many units are in view; beyond that they would be a smear. */
export const MAX_LABELLED_UNITS_IN_VIEW = 300;
/** Redraws start at most 20 times a second: units report at up to 10 Hz, so none waits > 50 ms. */
const MIN_REDRAW_INTERVAL_MS = 50;
/**
 * …and no more often than keeps drawing under this share of the main thread: where thousands of
 * sprites take tens of milliseconds (software rendering), the map refreshes a few times a second
 * and the rest of the wall stays smooth.
 */
const DRAW_SHARE = 0.2;
/** Drawing time per animation frame: the rest of the frame is the page's. */
const FRAME_BUDGET_MS = 6;
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
  sprite: ImageBitmap | null;
  /** Pixel position at `projectedZoom` (Leaflet's projected space); null after the unit moved. */
  projected: Point | null;
  projectedZoom: number;
  /** The label as last rendered, and what it was rendered for. */
  label: { unit: UnitState; minute: number; faded: boolean; describe: DescribeUnit; text: LabelText; sprite: LabelSprite } | null;
  /** Canvas position in the redraw being planned. */
  x: number;
  y: number;
}

/** A redraw: what it draws and, once shown, what a click can hit, for the view it was planned in. */
interface Picture {
  list: DrawList;
  hits: DrawnUnits;
  topLeft: Point;
  center: LatLng | null;
  zoom: number;
}

function emptyPicture(): Picture {
  return { list: new DrawList(), hits: emptyDrawnUnits(), topLeft: new Point(0, 0), center: null, zoom: 0 };
}

type LeafletInternals = LeafletMap & {
  _zoomAnimated?: boolean;
  _getNewPixelOrigin(center: LatLng, zoom: number): Point;
};

export class UnitCanvas extends Layer {
  private canvas: HTMLCanvasElement | null = null;
  private output: CanvasRenderingContext2D | null = null;
  private painter: ProgressiveCanvas | null = null;
  private sprites: UnitSprites | null = null;
  private labelTheme: LabelTheme | null = null;
  private readonly entries = new Map<string, Entry>();
  private units: Readonly<Record<string, UnitState>> = {};
  private now = 0;
  private fadeMs = 0;
  private describe: DescribeUnit = () => ({ label: '', ageText: '', faded: false });
  /** Units and clock given since the last redraw was planned. */
  private pending: { units: Readonly<Record<string, UnitState>>; now: number; fadeMs: number; describe: DescribeUnit } | null = null;
  private frame: number | null = null;
  /** Something changed since the picture being drawn (or shown) was planned. */
  private dirty = false;
  /** The animation-frame time the last redraw started, and what the last complete one cost. */
  private redrawStartedAt = -Infinity;
  private lastRedrawMs = 0;
  private zoomAnimating = false;
  /** The picture on screen and the one being drawn; swapped when the new one is done. */
  private shown = emptyPicture();
  private drawing = emptyPicture();
  private readonly visible: Entry[] = [];
  private readonly fresh: Entry[] = [];
  private labelsShown = false;

  constructor(private readonly settings: UnitCanvasOptions) {
    super();
    // Leaflet's Layer has no initialize(), so options given to its constructor would be dropped.
    Util.setOptions(this, { pane: settings.pane });
  }

  /**
   * Takes the current units and clock. Cheap: they are read when the next redraw is planned, not
   * on every render (a busy feed renders the page far more often than thousands of units redraw).
   */
  setUnits(units: Readonly<Record<string, UnitState>>, now: number, fadeMinutes: number, describe: DescribeUnit): void {
    const fadeMs = fadeMinutes * 60_000;
    const latest = this.pending ?? { units: this.units, now: this.now, fadeMs: this.fadeMs, describe: this.describe };
    if (units === latest.units && now === latest.now && fadeMs === latest.fadeMs && describe === latest.describe) return;
    this.pending = { units, now, fadeMs, describe };
    this.requestFrame();
  }

  /**
   * Takes in what setUnits left; true when that changes the picture. Only units whose state object
   * changed are re-read (the picture keeps the identity of untouched units), and the clock only
   * re-checks who is faded.
   */
  private sync(): boolean {
    const pending = this.pending;
    if (!pending) return false;
    this.pending = null;
    const { units, now, fadeMs, describe } = pending;
    const clockChanged = now !== this.now || fadeMs !== this.fadeMs;
    let changed = describe !== this.describe || (clockChanged && this.labelsShown);
    this.now = now;
    this.fadeMs = fadeMs;
    this.describe = describe;
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
    return changed;
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
    this.output = canvas.getContext('2d');
    const ratio = window.devicePixelRatio || 1;
    this.painter = new ProgressiveCanvas(ratio);
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
    this.output = null;
    this.painter = null;
    this.shown = emptyPicture();
    this.drawing = emptyPicture();
    for (const entry of this.entries.values()) entry.label = null;
    this._map?.getContainer().style.removeProperty('cursor');
    return this;
  }

  override getEvents(): Record<string, (event: LeafletEvent) => void> {
    const events: Record<string, (event: LeafletEvent) => void> = {
      // A pan keeps layer coordinates: a picture in progress stays right. A zoom or resize does not.
      viewreset: this.restart,
      zoom: this.restart,
      resize: this.restart,
      move: this.schedule,
      moveend: this.schedule,
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
    this.dirty = true;
    this.requestFrame();
  };

  private readonly restart = (): void => {
    this.painter?.abort();
    this.schedule();
  };

  private requestFrame(): void {
    if (this.frame === null && this.canvas) this.frame = requestAnimationFrame(this.onFrame);
  }

  private readonly onFrame = (time: number): void => {
    this.frame = null;
    const painter = this.painter;
    if (!painter || this.zoomAnimating) return;
    if (!painter.drawing) {
      if (!this.dirty && !this.pending) return;
      const interval = Math.max(MIN_REDRAW_INTERVAL_MS, this.lastRedrawMs / DRAW_SHARE);
      if (time - this.redrawStartedAt < interval - FRAME_TOLERANCE_MS) {
        this.requestFrame(); // not yet
        return;
      }
      if (this.sync()) this.dirty = true;
      if (!this.dirty || !this.plan()) return;
      this.dirty = false;
      this.redrawStartedAt = time;
    }
    if (painter.step(FRAME_BUDGET_MS)) {
      this.present();
      this.lastRedrawMs = painter.elapsedMs;
      if (this.dirty) this.requestFrame();
    } else {
      this.requestFrame();
    }
  };

  /** Snapshots where every unit in view is drawn, into `drawing`, and starts painting it. */
  private plan(): boolean {
    const map = this._map as LeafletMap | undefined;
    const { painter, sprites } = this;
    if (!map || !painter || !sprites) return false;
    const size = map.getSize();
    // The picture covers the viewport: its top-left sits at the container's top-left in layer space.
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    const zoom = map.getZoom();
    const origin = map.getPixelOrigin();
    const offsetX = -origin.x - topLeft.x;
    const offsetY = -origin.y - topLeft.y;

    // Fresh units after faded ones, so they draw on top. The lists are reused between redraws.
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

    const picture = this.drawing;
    const { list, hits } = picture;
    list.clear();
    hits.keys.length = hits.xs.length = hits.ys.length = hits.labelWidths.length = hits.labelHeights.length = 0;
    const half = UNIT_SPRITE_PX / 2;
    for (const entry of visible) {
      const { x, y } = entry;
      entry.sprite ??= sprites.get(entry.unit.agency, entry.faded);
      list.add(entry.sprite, x - half, y - half, UNIT_SPRITE_PX, UNIT_SPRITE_PX, entry.faded ? FADED_GLYPH_OPACITY : 1);
      let labelWidth = 0;
      let labelHeight = 0;
      if (this.labelsShown) {
        const label = this.labelFor(entry);
        list.add(label.image, x + UNIT_GLYPH_PX / 2 + LABEL_GAP_PX, Math.round(y - label.height / 2), label.width, label.height, 1);
        labelWidth = label.width;
        labelHeight = label.height;
      }
      hits.keys.push(entry.key);
      hits.xs.push(x);
      hits.ys.push(y);
      hits.labelWidths.push(labelWidth);
      hits.labelHeights.push(labelHeight);
    }
    picture.topLeft = topLeft;
    picture.center = map.getCenter();
    picture.zoom = zoom;
    painter.begin(size.x, size.y, list);
    return true;
  }

  /** Shows the finished picture where it was planned, and makes it the one clicks are tested on. */
  private present(): void {
    const { canvas, output, painter } = this;
    if (!canvas || !output || !painter) return;
    const picture = this.drawing;
    this.drawing = this.shown;
    this.shown = picture;
    const { width, height } = painter;
    if (canvas.width !== width || canvas.height !== height) {
      const ratio = this.sprites?.pixelRatio ?? 1;
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${width / ratio}px`;
      canvas.style.height = `${height / ratio}px`;
    }
    painter.presentTo(output);
    DomUtil.setPosition(canvas, picture.topLeft);
    // How many units are on the map: for the benchmark and tests, which cannot read a canvas.
    const count = String(this.entries.size);
    if (canvas.getAttribute('data-unit-count') !== count) canvas.setAttribute('data-unit-count', count);
  }

  /** The unit's label bitmap, rendered again only when its text can have changed. */
  private labelFor(entry: Entry): LabelSprite {
    const minute = Math.floor(Math.max(0, this.now - entry.lastSeenMs) / 60_000);
    const cached = entry.label;
    if (
      cached &&
      cached.unit === entry.unit &&
      cached.minute === minute &&
      cached.faded === entry.faded &&
      cached.describe === this.describe
    ) {
      return cached.sprite;
    }
    const text = this.describe(entry.unit, this.now);
    // Not closed when replaced: a picture being drawn may still use it; the GC frees it.
    const sprite =
      cached && sameText(cached.text, text) ? cached.sprite : renderLabelSprite(text, this.labelTheme!, this.sprites!.pixelRatio);
    entry.label = { unit: entry.unit, minute, faded: entry.faded, describe: this.describe, sprite, text };
    return sprite;
  }

  /** A point on the map container → the unit drawn there, allowing for a pan since the last draw. */
  private unitAtContainerPoint(point: Point): string | null {
    const map = this._map as LeafletMap | undefined;
    if (!map) return null;
    const moved = map.containerPointToLayerPoint([0, 0]).subtract(this.shown.topLeft);
    return unitAt(this.shown.hits, point.x + moved.x, point.y + moved.y, HIT_GEOMETRY);
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
    const { center, zoom } = this.shown;
    if (!map || !this.canvas || !center) return;
    this.zoomAnimating = true;
    this.painter?.abort();
    const scale = map.getZoomScale(event.zoom, zoom);
    const viewHalf = map.getSize().multiplyBy(0.5);
    const offset = viewHalf
      .multiplyBy(-scale)
      .add(map.project(center, event.zoom))
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
