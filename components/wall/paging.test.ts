import { describe, expect, it } from 'vitest';
import { pageOf, pinnedPageOf, rowsThatFit } from '@/components/wall/paging.ts';

describe('rowsThatFit', () => {
  it('counts whole rows with the gaps between them', () => {
    expect(rowsThatFit(300, 90, 15)).toBe(3); // 3×90 + 2×15 = 300
    expect(rowsThatFit(299, 90, 15)).toBe(2);
  });

  it('always leaves room for one row, so the screen still says something', () => {
    expect(rowsThatFit(10, 90, 15)).toBe(1);
    expect(rowsThatFit(0, 90, 15)).toBe(1);
    expect(rowsThatFit(500, 0, 0)).toBe(1);
  });
});

describe('pageOf', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'];

  it('shows everything on one page when it fits', () => {
    expect(pageOf(rows, 8, 0)).toEqual({ items: rows, index: 0, count: 1, notShown: 0 });
    expect(pageOf(rows, 8, 3)).toEqual({ items: rows, index: 0, count: 1, notShown: 0 });
  });

  it('splits into pages and says how many rows are elsewhere', () => {
    expect(pageOf(rows, 2, 0)).toEqual({ items: ['a', 'b'], index: 0, count: 3, notShown: 3 });
    expect(pageOf(rows, 2, 2)).toEqual({ items: ['e'], index: 2, count: 3, notShown: 4 });
  });

  it('wraps a ticking counter around the pages', () => {
    expect(pageOf(rows, 2, 3).index).toBe(0);
    expect(pageOf(rows, 2, 7).items).toEqual(['c', 'd']);
  });

  it('an empty list is one empty page', () => {
    expect(pageOf([], 3, 5)).toEqual({ items: [], index: 0, count: 1, notShown: 0 });
  });
});

describe('pinnedPageOf', () => {
  const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

  it('keeps the first rows on every page and turns the rest', () => {
    expect(pinnedPageOf(rows, 5, 3, 0)).toEqual({ items: ['a', 'b', 'c', 'd', 'e'], index: 0, count: 3, notShown: 3 });
    expect(pinnedPageOf(rows, 5, 3, 1)).toEqual({ items: ['a', 'b', 'c', 'f', 'g'], index: 1, count: 3, notShown: 3 });
    expect(pinnedPageOf(rows, 5, 3, 2)).toEqual({ items: ['a', 'b', 'c', 'h'], index: 2, count: 3, notShown: 4 });
    expect(pinnedPageOf(rows, 5, 3, 3).index).toBe(0);
  });

  it('is one page when everything fits', () => {
    expect(pinnedPageOf(rows, 8, 3, 4)).toEqual({ items: rows, index: 0, count: 1, notShown: 0 });
  });

  it('always leaves one row turning, so every row comes round', () => {
    expect(pinnedPageOf(rows, 2, 5, 0).items).toEqual(['a', 'b']);
    expect(pinnedPageOf(rows, 2, 5, 1).items).toEqual(['a', 'c']);
  });
});
