/**
 * The wall as the command room reads it: on a projector (1280×720), the usual panel (1920×1080)
 * and a 4K panel, with a busy picture, everything essential is on screen without scrolling and
 * large enough to read from five metres; routine updates do not push a field report away.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import * as make from '../lib/testing/eventFactory.ts';
import { SEVERITIES } from '../lib/contract/vocabulary.ts';
import { seedBusyPicture } from './support/busyPicture.ts';
import { postEvents } from './support/ingest.ts';
import { mapLabelOverlaps } from './support/mapLabels.ts';
import { LoginPage } from './pages/LoginPage.ts';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
/** What a coordinator must read is at least 32 px at 1920×1080, and in proportion elsewhere. */
const MIN_READ_PX_AT_1080 = 32;
const SCREENSHOTS = 'test-results/screenshots';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

test.describe('the wall read from across the room', () => {
  for (const viewport of SIZES) {
    test(`at ${viewport.width}×${viewport.height} every queue, the clocks, the state and the most severe incidents are on screen and large`, async ({
      browser,
      request,
    }) => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-cl'));
      await wall.expectLive();
      await seedBusyPicture(request);
      await expect(page.locator('[data-wall-side] [data-incident-id="busy-inc-8"]')).toBeAttached();
      await expect(wall.queueCard('chacalluta', 'to-peru').getByTestId('queue-waiting')).toBeVisible();

      const scale = Math.min(viewport.width / 1920, viewport.height / 1080);
      const minPx = MIN_READ_PX_AT_1080 * scale - 0.5;

      // Nothing scrolls: not the page, not a panel.
      const overflow = await page.evaluate(() => {
        const root = document.scrollingElement!;
        const panels = [
          ...document.querySelectorAll<HTMLElement>('[data-wall-side], [data-wall-queues], [data-wall-incidents], [data-wall-feed]'),
        ];
        return {
          page: root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1,
          panels: panels.filter((p) => p.scrollHeight > p.clientHeight + 1).map((p) => p.outerHTML.slice(0, 60)),
        };
      });
      expect(overflow.page).toBe(false);
      expect(overflow.panels).toEqual([]);

      // The header's essentials: both clocks and the connection state.
      for (const selector of ['[data-clock="America/Santiago"]', '[data-clock="America/Lima"]', '[data-connection]']) {
        await expectInsideViewport(page, selector);
      }
      await expectTextAtLeast(page, '[data-connection]', minPx);

      // Every post and direction has its tile, on screen, its count large.
      for (const [post, direction] of [
        ['santa-rosa', 'to-peru'],
        ['santa-rosa', 'to-chile'],
        ['chacalluta', 'to-chile'],
        ['chacalluta', 'to-peru'],
      ]) {
        const tile = `[data-wall-queues] [data-queue-card="${post}/${direction}"]`;
        await expectInsideViewport(page, tile);
        await expectTextAtLeast(page, `${tile} [data-testid="queue-waiting"]`, minPx);
        await expectTextAtLeast(page, `${tile} h3`, minPx);
      }
      // The sparkline has a time axis and the alert level across it.
      await expect(page.locator('[data-queue-card="santa-rosa/to-peru"] [data-sparkline] figcaption')).toContainText(/−\d.*ahora/);
      await expect(page.locator('[data-queue-card="santa-rosa/to-peru"] [data-alert-level]')).toHaveCount(1);

      // Incidents: the count, and the rows on screen are the most severe ones; the rest are
      // counted as "+N más".
      const total = Number(await page.getByTestId('incident-count').textContent());
      expect(total).toBeGreaterThanOrEqual(8);
      const rows = await page.locator('[data-wall-side] li[data-incident-id]').evaluateAll((items) =>
        items.map((li) => {
          const r = li.getBoundingClientRect();
          return {
            id: li.getAttribute('data-incident-id'),
            severity: li.getAttribute('data-severity')!,
            shown: !(li as HTMLElement).hidden,
            top: r.top,
            bottom: r.bottom,
            left: r.left,
            right: r.right,
          };
        }),
      );
      const shown = rows.filter((r) => r.shown);
      expect(shown.length).toBeGreaterThanOrEqual(Math.min(total, 3));
      for (const row of shown) expectBoxInside(row, viewport);
      if (shown.length < total) await expect(page.getByTestId('incidents-more')).toHaveText(`+${total - shown.length} más`);
      // The most severe stay on screen on every page (the list is in severity order): the first
      // half of the rows shown, and nothing hidden is more severe than they are.
      const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
      const pinned = rows.slice(0, Math.ceil(shown.length / 2));
      expect(pinned.every((r) => r.shown)).toBe(true);
      const leastPinned = Math.min(...pinned.map((r) => rank(r.severity)));
      const mostHidden = Math.max(-1, ...rows.filter((r) => !r.shown).map((r) => rank(r.severity)));
      expect(leastPinned).toBeGreaterThanOrEqual(mostHidden);
      for (const part of [
        '[data-incident-title]',
        '[data-incident-step]',
        '[data-incident-counts]',
        '[data-agency]',
        'time',
        'span.truncate',
      ]) {
        await expectTextAtLeast(page, `[data-wall-side] li[data-incident-id]:not([hidden]) ${part}`, minPx);
      }
      // Every row reads whole: the kind, the workflow step, the age, the agency and the people
      // counts are neither cut with an ellipsis nor clipped at the row's edge, and none covers
      // another. Rows on other pages are measured too, shown for the moment of measuring.
      const cut = await incidentRowsCut(page);
      expect(cut.steps, 'rows with a workflow step').toBe(rows.length);
      expect(cut.problems, 'incident rows with a part cut, clipped or overlapping').toEqual([]);

      // The latest feed items are on screen too.
      const feedRows = page.locator('[data-wall-feed] li[data-seq]:not([hidden])');
      expect(await feedRows.count()).toBeGreaterThanOrEqual(1);
      await expectInsideViewport(page, '[data-wall-feed] li[data-seq]:not([hidden])');
      await expectTextAtLeast(page, '[data-wall-feed] li[data-seq]:not([hidden]) span', minPx);

      // The map: the whole area framed (both cities, both complexes, both country names), the
      // forty units as a cluster with their count, and no two visible labels overlapping.
      await expect(page.locator('.cmap [data-unit-cluster] .cmap-cluster__disc').first()).toBeVisible();
      // The army's and both polices' reinforcements at the complexes are summed into one flag.
      await expect(page.locator('.cmap [data-deployment-cluster] .cmap-deployment__flag').first()).toBeVisible();
      await expect.poll(() => mapLabelOverlaps(page), { message: 'visible map labels that overlap' }).toEqual([]);
      const map = await boxOf(page, '.cmap__view');
      for (const name of ['Arica', 'Tacna', 'PERÚ', 'CHILE']) {
        const label = page.locator('.cmap [data-map-label^="place"]:not([data-label-hidden])', { hasText: new RegExp(`^${name}$`) });
        await expect(label, `${name} is named on the map`).toBeVisible();
        expectBoxWithin(await boxOf(label), map, name);
      }
      const marks = await page
        .locator('.cmap [data-map-mark="post"], .cmap [data-map-mark="incident"], .cmap [data-map-label="post"]')
        .evaluateAll((elements) =>
          elements.map((el) => {
            const r = el.getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
          }),
        );
      expect(marks.length).toBeGreaterThanOrEqual(4);
      const legend = await boxOf(page, '.cmap-legend');
      for (const mark of marks) {
        expectBoxWithin(mark, map, 'post or incident');
        expect(intersects(mark, legend), 'the legend covers a post or an incident').toBe(false);
      }

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/wall-room-${viewport.width}x${viewport.height}.png` });
      await context.close();
    });
  }

  test('a patrol report stays on the wall while ten queue updates a second arrive', async ({ page, request }) => {
    const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();
    const text = `Grupo de 9 en Hito 4 ${make.nextId('r')}`;
    await postEvents(request, make.patrolReport({ agency: 'carabineros', unitId: 'CB-report', text }));
    const report = page.locator('[data-wall-feed] li[data-seq]:not([hidden])').filter({ hasText: text });
    await expect(report).toBeVisible({ timeout: 1_000 });

    // Ten queue counts a second for eight seconds: more than the picture's feed (60) and the old
    // wall's eight rows put together. The sender keeps an open-loop schedule.
    const start = Date.now();
    for (let i = 1; i <= 80; i++) {
      await postEvents(request, make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-chile', waiting: 1000 + i }));
      if (i % 10 === 0) await expect(report).toBeVisible({ timeout: 100 });
      const due = start + i * 100 - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
    await expect(wall.queueCard('santa-rosa', 'to-chile').getByTestId('queue-waiting')).toHaveText('1.080');
    await expect(report).toBeVisible();
  });
});

async function boxOf(page: Page | ReturnType<Page['locator']>, selector?: string): Promise<Box> {
  const locator = selector ? (page as Page).locator(selector).first() : (page as ReturnType<Page['locator']>);
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
}

function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function expectBoxWithin(box: Box, frame: Box, what: string): void {
  expect(box.top, `${what} top`).toBeGreaterThanOrEqual(frame.top - 0.5);
  expect(box.left, `${what} left`).toBeGreaterThanOrEqual(frame.left - 0.5);
  expect(box.bottom, `${what} bottom`).toBeLessThanOrEqual(frame.bottom + 0.5);
  expect(box.right, `${what} right`).toBeLessThanOrEqual(frame.right + 0.5);
}

async function expectInsideViewport(page: Page, selector: string): Promise<void> {
  const box = await page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    });
  expectBoxInside(box, page.viewportSize()!, selector);
}

function expectBoxInside(box: Box, viewport: { width: number; height: number }, what = 'element'): void {
  expect(box.top, `${what} top`).toBeGreaterThanOrEqual(-0.5);
  expect(box.left, `${what} left`).toBeGreaterThanOrEqual(-0.5);
  expect(box.bottom, `${what} bottom`).toBeLessThanOrEqual(viewport.height + 0.5);
  expect(box.right, `${what} right`).toBeLessThanOrEqual(viewport.width + 0.5);
}

/** Every element the selector matches, with text of its own, is drawn at least `px` high. */
async function expectTextAtLeast(page: Page, selector: string, px: number): Promise<void> {
  const sizes = await page
    .locator(selector)
    .evaluateAll((elements) =>
      elements
        .filter((el) => (el.textContent ?? '').trim() !== '' && !el.closest('.sr-only') && !el.classList.contains('sr-only'))
        .map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 30), px: parseFloat(getComputedStyle(el).fontSize) })),
    );
  expect(sizes.length, `${selector} has text`).toBeGreaterThan(0);
  for (const size of sizes) expect(size.px, `${selector} "${size.text}"`).toBeGreaterThanOrEqual(px);
}

/**
 * In every incident row (those on other pages unhidden for the measuring, then hidden again in the
 * same task, so nothing is painted or seen by React), what is cut or clipped: the kind, the step,
 * the age, the agency or the counts ellipsised (scrollWidth > clientWidth), outside the row's
 * padding box, not drawn, or overlapping one another.
 */
async function incidentRowsCut(page: Page): Promise<{ steps: number; problems: string[] }> {
  return page.locator('[data-wall-side] li[data-incident-id]').evaluateAll((items) => {
    const problems: string[] = [];
    let steps = 0;
    const box = (b: { left: number; right: number; top: number; bottom: number }) =>
      `x ${Math.round(b.left)}–${Math.round(b.right)} y ${Math.round(b.top)}–${Math.round(b.bottom)}`;
    const hidden = items.filter((li) => (li as HTMLElement).hidden) as HTMLElement[];
    for (const li of hidden) li.hidden = false;
    for (const li of items) {
      const id = li.getAttribute('data-incident-id');
      const style = getComputedStyle(li);
      const r = li.getBoundingClientRect();
      const inner = {
        left: r.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft) - 0.5,
        right: r.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight) + 0.5,
        top: r.top + parseFloat(style.borderTopWidth) - 0.5,
        bottom: r.bottom - parseFloat(style.borderBottomWidth) + 0.5,
      };
      const parts: { name: string; el: Element }[] = [];
      for (const [name, selector] of [
        ['kind', '[data-incident-title]'],
        ['step', '[data-incident-step]'],
        ['age', 'time'],
        ['agency', '[data-agency]'],
        ['counts', '[data-incident-counts]'],
      ]) {
        const el = li.querySelector(selector);
        if (el) parts.push({ name, el });
        else if (name === 'kind' || name === 'step' || name === 'age') problems.push(`${id}: no ${name}`);
      }
      const boxes = parts.map(({ name, el }) => {
        const b = el.getBoundingClientRect();
        const text = (el.textContent ?? '').trim();
        const what = `${id} ${name} "${text}"`;
        if (name === 'step') steps++;
        if (b.width < 1 || b.height < 1 || getComputedStyle(el).visibility === 'hidden') problems.push(`${what} not drawn`);
        if (el.scrollWidth > el.clientWidth) problems.push(`${what} cut: ${el.scrollWidth} > ${el.clientWidth} px`);
        if (b.left < inner.left || b.right > inner.right || b.top < inner.top || b.bottom > inner.bottom)
          problems.push(`${what} clipped: ${box(b)} outside ${box(inner)}`);
        return { what, b };
      });
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i].b, boxes[j].b];
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
            problems.push(`${boxes[i].what} overlaps ${boxes[j].what}`);
        }
    }
    for (const li of hidden) li.hidden = true;
    return { steps, problems };
  });
}
