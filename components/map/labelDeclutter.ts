/**
 * Which map labels to hide so that no two visible ones overlap: the most important kind keeps its
 * place (incidents, then posts' queue cards, country and city names, deployments, unit clusters,
 * units, other places) and a label that would cover one already kept is hidden. Marks that are not
 * labels (an incident's disc, a post's pin, a cluster's disc) are obstacles: always shown, and no
 * lower label may cover them. Pure, so the rules are unit-tested; useLabelDeclutter measures the DOM.
 */

export const LABEL_KINDS = ['incident', 'post', 'place-major', 'deployment', 'cluster', 'unit', 'place'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelBox {
  id: number;
  kind: LabelKind;
  /** Within a kind, higher wins (the marker's z-index: the more severe incident). */
  rank: number;
  box: Box;
  /** Obstacles are never hidden; they only keep labels of their kind and lower off them. */
  obstacle?: boolean;
  /** The marker it belongs to: a marker's own obstacle never hides its own label. */
  owner?: number;
  /** Other places the label may take (e.g. left of its marker instead of right), tried in order. */
  alternates?: readonly Box[];
}

/** Where a label goes: 0 is its own place, n its n-th alternate; or hidden. */
export type Placement = number | 'hidden';

/** A couple of pixels between labels, so two that merely touch do not read as one. */
const GAP_PX = 2;

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

export function kindOrder(kind: LabelKind): number {
  return LABEL_KINDS.indexOf(kind);
}

/**
 * Where each label goes: its own place if free, else the first free alternate, else hidden. Labels
 * are placed most important first, so a unit's name gives way to an incident's, never the reverse.
 */
export function placeLabels(labels: readonly LabelBox[]): Map<number, Placement> {
  const ordered = [...labels].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || b.rank - a.rank || a.id - b.id);
  const kept: LabelBox[] = [];
  const placements = new Map<number, Placement>();
  for (const label of ordered) {
    if (label.obstacle) {
      kept.push(label);
      continue;
    }
    const places = [label.box, ...(label.alternates ?? [])];
    const free = places.findIndex((box) => box.right > box.left && box.bottom > box.top && !isBlocked(label, box, kept));
    placements.set(label.id, free === -1 ? 'hidden' : free);
    if (free !== -1) kept.push({ ...label, box: places[free]! });
  }
  return placements;
}

function isBlocked(label: LabelBox, box: Box, kept: readonly LabelBox[]): boolean {
  return kept.some((other) => {
    if (!overlaps(box, other.box, GAP_PX)) return false;
    // An obstacle blocks labels of its kind and lower, but never its own marker's label.
    if (other.obstacle) return kindOrder(other.kind) <= kindOrder(label.kind) && (other.owner === undefined || other.owner !== label.owner);
    return true;
  });
}

/** The ids of the labels that find no free place. */
export function labelsToHide(labels: readonly LabelBox[]): Set<number> {
  const hidden = new Set<number>();
  for (const [id, placement] of placeLabels(labels)) if (placement === 'hidden') hidden.add(id);
  return hidden;
}

/** A box mirrored across a vertical line at x (a label moved from right of its marker to left). */
export function mirrorX(box: Box, x: number): Box {
  return { left: 2 * x - box.right, right: 2 * x - box.left, top: box.top, bottom: box.bottom };
}

/** A box mirrored across a horizontal line at y (a label moved from below its marker to above). */
export function mirrorY(box: Box, y: number): Box {
  return { left: box.left, right: box.right, top: 2 * y - box.bottom, bottom: 2 * y - box.top };
}

export interface Offset {
  dx: number;
  dy: number;
}

/**
 * Where to draw a cluster whose spot is taken by an incident or a post: the first offset (in px,
 * tried in order, the spot itself first) at which its box covers none of the obstacles. None free:
 * the spot itself (the incident is drawn above it anyway).
 */
export function chooseNudge(box: Box, obstacles: readonly Box[], candidates: readonly Offset[]): Offset {
  for (const offset of candidates) {
    const moved = { left: box.left + offset.dx, right: box.right + offset.dx, top: box.top + offset.dy, bottom: box.bottom + offset.dy };
    if (!obstacles.some((o) => overlaps(moved, o, GAP_PX))) return offset;
  }
  return { dx: 0, dy: 0 };
}

/** Offsets to try, in units of the cluster's own size: below first (away from the post cards), then the sides, then above. */
export const NUDGE_STEPS: readonly Offset[] = [
  { dx: 0, dy: 0 },
  { dx: 0, dy: 1.3 },
  { dx: -1.3, dy: 0 },
  { dx: 1.3, dy: 0 },
  { dx: -1, dy: 1 },
  { dx: 1, dy: 1 },
  { dx: 0, dy: -1.3 },
  { dx: -1, dy: -1 },
  { dx: 1, dy: -1 },
  { dx: 0, dy: 2.2 },
  { dx: -2.2, dy: 0 },
  { dx: 2.2, dy: 0 },
];
