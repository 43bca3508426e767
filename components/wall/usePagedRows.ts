'use client';
/**
 * A list shown on a screen nobody scrolls: measures how many fixed-height rows its box holds
 * (again whenever the box or the screen's size changes) and either shows the first rows, or keeps
 * the most important rows in place and turns the rest calmly, back to the first page whenever
 * something new arrives, so the newest item is shown at once.
 */
import { useEffect, useState, type RefCallback } from 'react';
import { pageOf, pinnedPageOf, rowsThatFit, type Page } from '@/components/wall/paging.ts';

/** A page stays up long enough to read every row from across the room. */
export const PAGE_TURN_MS = 12_000;

export interface PagedRows<T> {
  /** Put on the element whose height the rows share. */
  boxRef: RefCallback<HTMLElement>;
  page: Page<T>;
}

export interface PagingOptions {
  /** Each row's fixed height and the gap between rows, in rem (the wall's rem scales with the screen). */
  rowRem: number;
  gapRem: number;
  /** Changes when a new item arrives: the list goes back to its first page. */
  newestKey: string | undefined;
  /**
   * The share of the rows that stay on every page when the list does not fit (the list's first,
   * most important rows); the others turn. Without it, the list shows its first rows only.
   */
  pinnedShare?: number;
}

export function usePagedRows<T>(all: readonly T[], { rowRem, gapRem, newestKey, pinnedShare }: PagingOptions): PagedRows<T> {
  const turns = pinnedShare !== undefined;
  const [box, setBox] = useState<HTMLElement | null>(null);
  const [perPage, setPerPage] = useState(1);
  const [turn, setTurn] = useState(0);

  useEffect(() => {
    if (!box) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setPerPage(rowsThatFit(box.clientHeight, rowRem * rem, gapRem * rem));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    // The root size follows the viewport: a resize changes rem without changing the box's share.
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [box, rowRem, gapRem]);

  const pinned = turns ? Math.ceil(perPage * pinnedShare) : 0;
  const page = turns ? pinnedPageOf(all, perPage, pinned, turn) : pageOf(all, perPage, 0);
  const pages = page.count;
  useEffect(() => setTurn(0), [newestKey, pages]);
  useEffect(() => {
    if (!turns || pages <= 1) return;
    const timer = setInterval(() => setTurn((n) => n + 1), PAGE_TURN_MS);
    return () => clearInterval(timer);
  }, [turns, pages, newestKey]);

  return { boxRef: setBox, page };
}
