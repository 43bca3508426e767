/**
 * Keeps the map's labels from overlapping (labelDeclutter.ts): after the view settles or the
 * markers change, measures every `[data-map-label]` (and every `[data-map-mark]` obstacle) in the
 * map and marks the labels that must give way with `data-label-hidden` (hidden by map.css, still laid
 * out so they can be measured next time). At most once an animation frame.
 */
import type { Map as LeafletMap } from 'leaflet';
import { useEffect, useRef } from 'react';
import {
  chooseNudge,
  LABEL_KINDS,
  mirrorX,
  mirrorY,
  NUDGE_STEPS,
  placeLabels,
  type Box,
  type LabelBox,
  type LabelKind,
} from '@/components/map/labelDeclutter.ts';
import { MARKERS_REDRAWN_EVENT } from '@/components/map/useSyncedMarkers.ts';

export const HIDDEN_ATTRIBUTE = 'data-label-hidden';
/** Set when a label took another place than its usual one (map.css): the other side, under or over its mark. */
const SIDE_ATTRIBUTE = 'data-label-side';
const SIDES = ['flip', 'below', 'above'] as const;

/**
 * Under and over the spot, centred on it (a city's name under or over its dot): where map.css puts
 * a label with data-label-side="below" or "above", .625rem from the spot.
 */
function underAndOver(box: Box, anchor: { x: number; y: number }): Box[] {
  const gap = 0.625 * rootFontPx();
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const left = anchor.x - width / 2;
  return [
    { left, right: left + width, top: anchor.y + gap, bottom: anchor.y + gap + height },
    { left, right: left + width, top: anchor.y - gap - height, bottom: anchor.y - gap },
  ];
}

function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

function isKind(value: string | null): value is LabelKind {
  return value !== null && (LABEL_KINDS as readonly string[]).includes(value);
}

function boxOf(element: Element): Box {
  const rect = element.getBoundingClientRect();
  return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
}

function union(a: Box, b: Box): Box {
  return {
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  };
}

/**
 * Moves each nudgeable body (a unit cluster, a deployment's flag: `[data-nudge]`) whose spot is
 * taken by an incident, a post, a country or city name or another nudged body a little aside, with its leader line
 * (`[data-nudge-leader]`) back to the spot: forty units or three deployments under an incident must
 * still be seen. The body's box is what it draws: its marks and labels.
 */
function nudgeBodies(container: HTMLElement): void {
  const bodies = [...container.querySelectorAll<HTMLElement>('[data-nudge]')];
  if (bodies.length === 0) return;
  for (const body of bodies) {
    body.style.removeProperty('--nudge-x');
    body.style.removeProperty('--nudge-y');
  }
  const obstacles = [
    ...container.querySelectorAll(
      '[data-map-mark="incident"], [data-map-mark="post"], [data-map-label="incident"], [data-map-label="post"], [data-map-label="place-major"]',
    ),
  ].map(boxOf);
  for (const body of bodies) {
    const parts = [...body.querySelectorAll('[data-map-mark], [data-map-label]')].map(boxOf);
    if (parts.length === 0) continue;
    const box = parts.reduce(union);
    // Steps in the body's own width and height: a wide flag moves further sideways than a disc.
    const width = box.right - box.left;
    const height = box.bottom - box.top;
    const steps = NUDGE_STEPS.map(({ dx, dy }) => ({ dx: dx * width, dy: dy * height }));
    const { dx, dy } = chooseNudge(box, obstacles, steps);
    body.style.setProperty('--nudge-x', `${dx}px`);
    body.style.setProperty('--nudge-y', `${dy}px`);
    const leader = body.parentElement?.querySelector<HTMLElement>('[data-nudge-leader]');
    leader?.style.setProperty('--leader-length', `${Math.hypot(dx, dy)}px`);
    leader?.style.setProperty('--leader-angle', `${Math.atan2(dy, dx)}rad`);
    obstacles.push({ left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy });
  }
}

export function declutterLabels(container: HTMLElement): void {
  const elements = [...container.querySelectorAll<HTMLElement>('[data-map-label], [data-map-mark]')];
  // Measure every label on its usual side (the nudges too): one layout for all of them.
  for (const element of elements) element.removeAttribute(SIDE_ATTRIBUTE);
  nudgeBodies(container);
  const owners = new Map<Element, number>();
  const anchors = new Map<Element, { x: number; y: number }>();
  const labels: LabelBox[] = [];
  elements.forEach((element, id) => {
    const obstacle = element.hasAttribute('data-map-mark');
    const kind = element.getAttribute(obstacle ? 'data-map-mark' : 'data-map-label');
    if (!isKind(kind)) return;
    const marker = element.closest('.leaflet-marker-icon');
    let owner: number | undefined;
    if (marker) {
      owner = owners.get(marker) ?? owners.size;
      owners.set(marker, owner);
    }
    const box = boxOf(element);
    if (obstacle && marker) anchors.set(marker, { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 });
    const rank = marker instanceof HTMLElement ? Number(marker.style.zIndex) || 0 : 0;
    labels.push({ id, kind, rank, obstacle, owner, box });
  });
  // A label that may flip is mirrored across its marker's mark (or, without one, the marker's centre).
  for (const label of labels) {
    const element = elements[label.id]!;
    const flip = element.getAttribute('data-label-flip');
    if (label.obstacle || !flip) continue;
    const marker = element.closest('.leaflet-marker-icon');
    const rect = marker?.getBoundingClientRect();
    const anchor = (marker && anchors.get(marker)) ?? (rect ? { x: (rect.left + rect.right) / 2, y: (rect.top + rect.bottom) / 2 } : null);
    if (!anchor) continue;
    if (flip === 'x') label.alternates = [mirrorX(label.box, anchor.x)];
    else if (flip === 'y') label.alternates = [mirrorY(label.box, anchor.y)];
    else if (flip === 'x y') label.alternates = [mirrorX(label.box, anchor.x), ...underAndOver(label.box, anchor)];
  }
  const placements = placeLabels(labels);
  for (const [id, placement] of placements) {
    const element = elements[id]!;
    const hidden = placement === 'hidden';
    if (hidden !== element.hasAttribute(HIDDEN_ATTRIBUTE)) element.toggleAttribute(HIDDEN_ATTRIBUTE, hidden);
    if (typeof placement === 'number' && placement > 0) element.setAttribute(SIDE_ATTRIBUTE, SIDES[placement - 1]!);
  }
  container.setAttribute('data-labels-decluttered', String(Date.now()));
}

/**
 * Declutters `map`'s labels when its view settles, a layer is added or removed, a marker's icon is
 * redrawn, or `version` changes.
 */
export function useLabelDeclutter(map: LeafletMap | null, version: unknown): void {
  const frame = useRef(0);
  const schedule = useRef<() => void>(() => {});

  useEffect(() => {
    if (!map) return;
    const container = map.getContainer();
    schedule.current = () => {
      if (frame.current) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        declutterLabels(container);
      });
    };
    const run = () => schedule.current();
    const events = `moveend zoomend resize layeradd layerremove ${MARKERS_REDRAWN_EVENT}`;
    map.on(events, run);
    run();
    return () => {
      map.off(events, run);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [map]);

  useEffect(() => {
    schedule.current();
  }, [version]);
}
