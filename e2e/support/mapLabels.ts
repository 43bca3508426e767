import type { Page } from '@playwright/test';

/** Pairs of visible map labels (unit names, incident titles, queue cards, place names…) whose boxes overlap. */
export async function mapLabelOverlaps(page: Page): Promise<string[]> {
  return page.locator('.cmap [data-map-label]:not([data-label-hidden])').evaluateAll((elements) => {
    const boxes = elements
      .map((el) => ({ text: (el.textContent ?? '').slice(0, 24), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${boxes[i]!.text} × ${boxes[j]!.text}`);
      }
    }
    return out;
  });
}
