/**
 * Units drawn on the canvas (what the wall does past a few hundred units, forced here with
 * `?mapUnits=canvas` so the test needs only two units and leaves the live picture small for the
 * other specs): a click on a unit opens its popup, and text from outside shows as text.
 */
import { expect, test, type Locator } from '@playwright/test';
import { INITIAL_VIEW } from '../lib/geo/operatingArea.ts';
import * as make from '../lib/testing/eventFactory.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { postEvents } from './support/ingest.ts';

test('a unit drawn on the canvas opens its popup when clicked, its callsign as text', async ({ page, request }) => {
  await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-pe'));
  // Opened on the first view the projection below assumes, rather than the framing fitted to the screen.
  await page.goto(`/wall?mapUnits=canvas&focus=${INITIAL_VIEW.center.lat},${INITIAL_VIEW.center.lon},${INITIAL_VIEW.zoom}`);
  await page
    .getByRole('status')
    .filter({ hasText: /EN VIVO/i })
    .waitFor({ timeout: 15_000 });

  const map = page.locator('[data-wall-map]');
  const canvas = map.locator('canvas[data-unit-count]');
  await expect(canvas).toHaveCount(1);
  const before = (await canvas.getAttribute('data-unit-count')) ?? '0';
  const callsign = '<b onmouseover=alert(3)>C-1</b>';
  const target = { lat: -18.15, lon: -70.15 };
  const { x, y } = await screenPoint(map.locator('.leaflet-container'), target);
  const spot = { x: x - 20, y: y - 20, width: 40, height: 40 };
  const emptySpot = await page.screenshot({ clip: spot });
  await postEvents(request, [
    make.unitPosition({ agency: 'pnp', unitId: 'canvas-1', callsign, position: target }),
    make.unitPosition({ agency: 'pnp', unitId: 'canvas-2', callsign: 'C-2', position: { lat: -18.3, lon: -70.4 } }),
  ]);
  await expect(canvas).toHaveAttribute('data-unit-count', String(Number(before) + 2), { timeout: 1_000 });
  // Drawn where it is (the pixels there changed), and not as DOM markers.
  expect((await page.screenshot({ clip: spot })).equals(emptySpot)).toBe(false);
  await expect(map.locator('[data-unit-key]')).toHaveCount(0);

  await page.mouse.click(x, y);
  const popup = page.locator('.leaflet-popup-content');
  await expect(popup).toContainText(callsign);
  await expect(popup).toContainText('canvas-1');
  await expect(page.locator('b[onmouseover]')).toHaveCount(0);

  // A click on empty map (low on the left, over the sea: the popup opened above the unit, near the
  // top, and may have panned the map) closes it, and picks nothing.
  const view = (await map.locator('.leaflet-container').boundingBox())!;
  await page.mouse.click(view.x + view.width * 0.15, view.y + view.height * 0.85);
  await expect(popup).toHaveCount(0);
});

/** Where a position is on screen in the wall's first view (Web Mercator, as Leaflet draws it). */
async function screenPoint(container: Locator, at: { lat: number; lon: number }): Promise<{ x: number; y: number }> {
  const box = (await container.boundingBox())!;
  const scale = 256 * 2 ** INITIAL_VIEW.zoom;
  const project = ({ lat, lon }: { lat: number; lon: number }) => ({
    x: (scale * (lon + 180)) / 360,
    y: scale * (0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI)),
  });
  const point = project(at);
  const centre = project({ lat: INITIAL_VIEW.center.lat, lon: INITIAL_VIEW.center.lon });
  return { x: box.x + box.width / 2 + point.x - centre.x, y: box.y + box.height / 2 + point.y - centre.y };
}
