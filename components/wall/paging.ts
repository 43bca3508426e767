/**
 * How a list that may not fit is shown on a screen nobody scrolls: as many fixed-height rows as
 * the space holds, and pages that turn by themselves. Pure, so it is tested without a browser.
 */

/** Rows of `rowPx` separated by `gapPx` that fit in `spacePx` (at least one, so a count always shows). */
export function rowsThatFit(spacePx: number, rowPx: number, gapPx: number): number {
  if (!(rowPx > 0) || !(spacePx > 0)) return 1;
  return Math.max(1, Math.floor((spacePx + gapPx) / (rowPx + gapPx)));
}

export interface Page<T> {
  /** The rows on this page, in order. */
  items: T[];
  /** Zero-based page shown, and how many there are (1 when everything fits). */
  index: number;
  count: number;
  /** Rows not on this page: the "+N more" the screen states. */
  notShown: number;
}

/** The `index`-th page (wrapping around, so a ticking counter can be passed as it is). */
export function pageOf<T>(all: readonly T[], perPage: number, index: number): Page<T> {
  const size = Math.max(1, Math.floor(perPage));
  const count = Math.max(1, Math.ceil(all.length / size));
  const shown = ((index % count) + count) % count;
  const items = all.slice(shown * size, shown * size + size);
  return { items, index: shown, count, notShown: all.length - items.length };
}

/**
 * Pages that keep the first rows in place: when the list does not fit, the first `pinned` rows
 * (the most important, as the list is sorted) stay on every page and the rest turn through the
 * remaining rows. `pinned` is capped so at least one row turns.
 */
export function pinnedPageOf<T>(all: readonly T[], perPage: number, pinned: number, index: number): Page<T> {
  const size = Math.max(1, Math.floor(perPage));
  if (all.length <= size) return pageOf(all, size, 0);
  const kept = Math.max(0, Math.min(Math.floor(pinned), size - 1));
  const turning = pageOf(all.slice(kept), size - kept, index);
  const items = [...all.slice(0, kept), ...turning.items];
  return { items, index: turning.index, count: turning.count, notShown: all.length - items.length };
}
