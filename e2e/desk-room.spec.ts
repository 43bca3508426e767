/**
 * The desk (/coordinar) as a coordinator works it, on a laptop (1280×720), the usual panel
 * (1920×1080) and a 4K panel, with a busy picture (40 units bunched at the complexes, every queue,
 * many incidents in every workflow state, taskings answered and overdue, alerts when the raiser
 * runs): nothing lies outside the viewport, no callsign is cut, and the smallest text keeps its
 * size in proportion to the screen. Screenshots go to DESK_SHOTS_DIR (default test-results/desk).
 *
 * It leaves its busy picture on the live channel, so it runs after the specs that count what
 * they posted (like wall-room.spec.ts).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import * as make from '../lib/testing/eventFactory.ts';
import { seedBusyPicture } from './support/busyPicture.ts';
import { postEvents } from './support/ingest.ts';
import { passwordOf } from './support/credentials.ts';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
const SHOTS = process.env.DESK_SHOTS_DIR ?? 'test-results/desk';
const TAG = 'desk';
const confidence = { credibility: 'probable', reliability: 'reliable', validated: true };

async function tokenOf(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/session', { data: { username, password: passwordOf(username) } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function act(request: APIRequestContext, token: string, step: Record<string, unknown>): Promise<void> {
  const res = await request.post('/api/actions', {
    headers: { authorization: `Bearer ${token}` },
    data: { id: make.nextId('desk'), step },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** Every workflow state on the busy picture: validated, returned, assigned and answered, on scene, closed, out of service. */
async function seedWorkflow(request: APIRequestContext): Promise<void> {
  const [cl, pe, officerPnp, admin] = await Promise.all(
    ['coordinator-cl', 'coordinator-pe', 'officer-pnp', 'admin'].map((u) => tokenOf(request, u)),
  );
  const id = (n: number) => `${TAG}-inc-${n}`;
  const pnp = (unitId: string) => ({ agency: 'pnp', unitId });
  const cb = (unitId: string) => ({ agency: 'carabineros', unitId });
  // More incidents than the busy picture's eight, so the list scrolls inside its panel.
  await postEvents(
    request,
    Array.from({ length: 10 }, (_, i) =>
      make.incident({
        agency: 'carabineros',
        incidentId: `${TAG}-extra-${i + 1}`,
        kind: i % 2 ? 'crossing' : 'other',
        severity: i % 3 ? 'low' : 'medium',
        text: `Reporte de patrulla ${i + 1} en el sector de la Línea de la Concordia, cerca del hito ${i + 2}`,
        occurredAt: new Date(Date.now() - (20 + i * 7) * 60_000).toISOString(),
      }),
    ),
  );
  await act(request, admin, {
    type: 'queue.levels',
    levels: [
      { post: 'santa-rosa', direction: 'to-peru', waiting: 300 },
      { post: 'chacalluta', direction: 'to-chile', waitMinutes: 45 },
    ],
  });
  // One minute to accept (the shortest a timer may be), so an unanswered tasking turns overdue while we look.
  await act(request, admin, { type: 'workflow.timers', acceptTimeoutMinutes: 1 });
  const validate = (incidentId: string, owner: string, response: string) => ({
    type: 'incident.validated',
    incidentId,
    owner,
    impact: 'high',
    confidence,
    response,
  });
  await act(request, pe, validate(id(1), 'pnp', 'Dos patrullas PNP y apoyo de tránsito para despejar la vía'));
  await act(request, pe, { type: 'tasking.assigned', taskingId: `${TAG}-T1`, incidentId: id(1), units: [pnp('PNP-3'), pnp('PNP-6')] });
  await act(request, officerPnp, { type: 'tasking.answer', taskingId: `${TAG}-T1`, unit: pnp('PNP-3'), answer: 'accept' });
  await act(request, officerPnp, { type: 'tasking.answer', taskingId: `${TAG}-T1`, unit: pnp('PNP-6'), answer: 'accept' });
  await act(request, officerPnp, { type: 'tasking.answer', taskingId: `${TAG}-T1`, unit: pnp('PNP-6'), answer: 'on-scene' });
  await act(request, pe, {
    type: 'incident.followup',
    incidentId: id(1),
    people: 140,
    minors: 22,
    text: 'Llegan más personas desde Tacna',
  });
  await act(request, cl, validate(id(2), 'carabineros', 'OS-7 al Hito 3'));
  await act(request, cl, { type: 'tasking.assigned', taskingId: `${TAG}-T2`, incidentId: id(2), units: [cb('CB-1'), cb('CB-4')] });
  await act(request, cl, validate(id(3), 'pdi', 'PDI con agua y primeros auxilios'));
  await act(request, cl, { type: 'incident.returned', incidentId: id(5), reason: 'Falta la ubicación exacta del vehículo' });
  await act(request, cl, { type: 'incident.closed', incidentId: id(6), outcome: 'unfounded', text: 'Documentos devueltos' });
  await act(request, cl, { type: 'unit.availability', unitId: 'CB-7', availability: 'out-of-service' });
  await act(request, pe, { type: 'post.status', post: 'santa-rosa', status: 'restricted', notice: 'Solo peatones hasta las 18:00' });
}

async function signInToDesk(page: Page): Promise<void> {
  await page.goto('/coordinar');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Usuario').fill('coordinator-pe');
  await page.getByLabel('Contraseña').fill(passwordOf('coordinator-pe'));
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/coordinar/);
}

test.describe('the desk with a busy picture', () => {
  test.beforeAll(async ({ request }) => {
    mkdirSync(SHOTS, { recursive: true });
    // A failed test restarts the worker and runs this again: seed once.
    const state = await request.get('/api/state', { headers: { authorization: `Bearer ${await tokenOf(request, 'admin')}` } });
    const picture = ((await state.json()) as { picture: { incidents: Record<string, unknown> } }).picture;
    if (picture.incidents[`${TAG}-inc-1`]) return;
    await seedBusyPicture(request, TAG);
    await seedWorkflow(request);
  });

  test.afterAll(async ({ request }) => {
    await act(request, await tokenOf(request, 'admin'), { type: 'workflow.timers', acceptTimeoutMinutes: 10 });
  });

  for (const viewport of SIZES) {
    test(`at ${viewport.width}×${viewport.height} everything is on screen, no callsign is cut, text keeps its size`, async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await signInToDesk(page);
      await expect(page.locator('[data-connection="live"]')).toBeVisible({ timeout: 10_000 });
      await page.locator(`#desk-list [data-incident-id="${TAG}-inc-1"]`).click();
      await expect(page.locator('[data-detail-history] li')).toHaveCount(7); // report, validation, assignment, 3 answers, follow-up
      // The unanswered tasking of CB-1 and CB-4 turns overdue after the one-minute timer.
      await expect(page.locator('[data-unit-key="carabineros/CB-1"][data-unit-overdue="not-accepted"]')).toBeVisible({
        timeout: 75_000,
      });
      await expect(page.locator('[data-unit-key="pnp/PNP-6"]')).toHaveAttribute('data-unit-status', 'on-scene');
      await expect(page.locator('[data-clock]')).toHaveCount(2);

      const measured = await page.evaluate(() => {
        const width = window.innerWidth;
        const height = window.innerHeight;
        const root = document.scrollingElement!;
        const regions = ['header', '#desk-alerts', '#desk-list', '#desk-detail', '#desk-units', '[data-desk-map]', '[data-clock]'];
        const outside = regions.flatMap((selector) =>
          [...document.querySelectorAll<HTMLElement>(selector)]
            .map((el) => ({ selector, box: el.getBoundingClientRect() }))
            .filter(({ box }) => box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1)
            .map(({ selector, box }) => `${selector} ${Math.round(box.right)}×${Math.round(box.bottom)}`),
        );
        const cut = [...document.querySelectorAll<HTMLElement>('[data-unit-callsign]')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent);
        // Ellipsised text anywhere else (allowed, but reported).
        const ellipsised = [...document.querySelectorAll<HTMLElement>('[data-desk] *')]
          .filter((el) => getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent?.slice(0, 40));
        const sizes = [...document.querySelectorAll<HTMLElement>('[data-desk] *')]
          .filter((el) => {
            if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '')) return false;
            if (el.closest('.sr-only, .leaflet-container')) return false;
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < height;
          })
          .map((el) => parseFloat(getComputedStyle(el).fontSize));
        return {
          scrolls: root.scrollHeight > height + 1 || root.scrollWidth > width + 1,
          outside,
          cut,
          ellipsised,
          rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
          minFontPx: Math.min(...sizes),
        };
      });
      await page.screenshot({ path: `${SHOTS}/coordinar-${viewport.width}x${viewport.height}.png` });
      console.log(`desk ${viewport.width}×${viewport.height}: ${JSON.stringify(measured)}`);

      expect(measured.scrolls).toBe(false);
      expect(measured.outside).toEqual([]);
      expect(measured.cut).toEqual([]);
      // The root follows the screen (13 px on a laptop, 16 at 1080p, 32 at 4K); the smallest text is 3/4 of it.
      const expectedRoot = Math.min(32, Math.max(13, Math.min(viewport.width / 120, viewport.height / 67.5)));
      expect(measured.rootPx).toBeCloseTo(expectedRoot, 0);
      expect(measured.minFontPx).toBeGreaterThanOrEqual(0.75 * expectedRoot - 0.5);
      await context.close();
    });
  }
});
