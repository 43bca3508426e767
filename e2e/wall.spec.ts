import { expect, test } from '@playwright/test';
import * as make from '../lib/testing/eventFactory.ts';
import { postEvents } from './support/ingest.ts';
import { mapLabelOverlaps } from './support/mapLabels.ts';
import { LoginPage } from './pages/LoginPage.ts';

/** The promise to coordinators: an accepted event is on screen within a second. */
const WITHIN_A_SECOND = { timeout: 1_000 };

test.describe('wall display', () => {
  test('a coordinator signs in and sees positions and queues posted by agency systems within a second', async ({ page, request }) => {
    // Up close on the unit, where it stands on its own whatever earlier specs left near it.
    const wall = await new LoginPage(page).open('/wall?focus=-18.34,-70.33').then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();

    await postEvents(
      request,
      make.unitPosition({ agency: 'carabineros', unitId: 'CB-7', callsign: 'Z-7', position: { lat: -18.34, lon: -70.33 } }),
    );
    await expect(wall.unitMarker('carabineros/CB-7')).toBeVisible(WITHIN_A_SECOND);
    await expect(wall.unitMarker('carabineros/CB-7')).toContainText('Z-7');

    await postEvents(request, make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 345 }));
    await expect(wall.mapQueue('santa-rosa', 'to-peru')).toContainText('345', WITHIN_A_SECOND);
    await expect(wall.queueCard('santa-rosa', 'to-peru').getByTestId('queue-waiting')).toHaveText('345', WITHIN_A_SECOND);

    // A unit that moves is redrawn where it now is, not duplicated.
    await postEvents(
      request,
      make.unitPosition({ agency: 'carabineros', unitId: 'CB-7', callsign: 'Z-7', position: { lat: -18.3, lon: -70.3 } }),
    );
    await expect(wall.unitMarker('carabineros/CB-7')).toHaveCount(1);
  });

  test('text from outside shows as text and runs nothing', async ({ page, request }) => {
    const payload = '<img src=x onerror=alert(1)>';
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Opened up close on the incident (the event factory's default, by Santa Rosa), with the unit
    // placed near the middle of the view: the factory's default unit position lies at the map's
    // bottom edge at this zoom, where a click on a loaded machine could miss its popup.
    const wall = await new LoginPage(page).open('/wall?focus=-18.32,-70.325').then((login) => login.signInAs('coordinator-pe'));
    await wall.expectLive();

    await postEvents(request, [
      make.incident({ agency: 'pnp', incidentId: 'xss-1', text: payload }),
      make.unitPosition({
        agency: 'pnp',
        unitId: 'xss-unit',
        callsign: '<b onmouseover=alert(2)>X</b>',
        position: { lat: -18.322, lon: -70.327 },
      }),
    ]);
    await expect(wall.incidentMarker('xss-1')).toBeVisible(WITHIN_A_SECOND);
    await expect(page.getByText(payload).first()).toBeVisible(WITHIN_A_SECOND);
    // Popups show the same text, as text.
    const popup = page.locator('.leaflet-popup-content');
    await wall.incidentMarker('xss-1').click();
    await expect(popup).toContainText(payload);
    await page.locator('.leaflet-popup-close-button').click();
    await expect(popup).toHaveCount(0);
    await wall.unitMarker('pnp/xss-unit').click();
    await expect(popup).toContainText('<b onmouseover=alert(2)>X</b>');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator('b[onmouseover]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('an incident under a unit opens when clicked: incidents are drawn on top', async ({ page, request }) => {
    const spot = { lat: -18.06, lon: -70.22 };
    const wall = await new LoginPage(page).open(`/wall?focus=${spot.lat},${spot.lon}`).then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();
    await postEvents(request, [
      make.incident({ agency: 'pnp', incidentId: 'under-unit', kind: 'medical', severity: 'low', position: spot }),
      make.unitPosition({ agency: 'pnp', unitId: 'over-incident', callsign: 'Z-over', position: spot }),
    ]);
    await expect(wall.unitMarker('pnp/over-incident')).toBeVisible(WITHIN_A_SECOND);
    const disc = wall.incidentMarker('under-unit').locator('.cmap-incident__core');
    const box = (await disc.boundingBox())!;
    // A person's click at the disc's centre, not a click aimed at an element.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const popup = page.locator('.leaflet-popup-content');
    await expect(popup).toContainText(/Emergencia médica/);
    await expect(popup).not.toContainText('Z-over');
  });

  test('a unit label that gave way to an incident stays out of its way when its age turns a minute', async ({ page, request }) => {
    const spot = { lat: -18.12, lon: -70.12 };
    const wall = await new LoginPage(page).open(`/wall?focus=${spot.lat},${spot.lon}`).then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();
    // The position is 57 s old: "ahora" now, "hace 1 min" in three seconds, when its icon is redrawn.
    const occurredAt = new Date(Date.now() - 57_000).toISOString();
    await postEvents(request, [
      make.incident({ agency: 'pnp', incidentId: 'beside-ageing-unit', kind: 'medical', severity: 'high', position: spot }),
      make.unitPosition({ agency: 'pnp', unitId: 'ageing', callsign: 'Z-ageing', position: spot, occurredAt }),
    ]);
    const unit = wall.unitMarker('pnp/ageing');
    await expect(unit).toBeVisible(WITHIN_A_SECOND);
    await expect.poll(() => mapLabelOverlaps(page), { message: 'visible map labels that overlap' }).toEqual([]);
    await expect(unit.locator('.cmap-unit__age')).toHaveText('hace 1 min', { timeout: 10_000 });
    await expect.poll(() => mapLabelOverlaps(page), { message: 'labels overlap after the icon was redrawn' }).toEqual([]);
  });

  test('a person at the wall zooms with the buttons or the keyboard, and the map returns to the whole area by itself', async ({ page }) => {
    await page.clock.install();
    const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();
    const map = page.locator('[data-wall-map] .leaflet-container');
    const framed = Number(await map.getAttribute('data-zoom'));

    await page.getByRole('button', { name: 'Acercar' }).click();
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(framed);
    await page.getByRole('button', { name: 'Toda la zona' }).click();
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBe(framed);

    // The keyboard: + zooms in (Leaflet), Home frames the whole area again.
    await map.focus();
    await page.keyboard.press('+');
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(framed);
    await page.keyboard.press('Home');
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBe(framed);

    // Left zoomed in, it returns to the whole area three minutes after it was last touched. (The
    // clock jumps, so the wall also says its data is stale, and the map is framed for what is left.)
    await page.getByRole('button', { name: 'Acercar' }).click();
    await expect(map).toHaveAttribute('data-map-touched', '');
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(framed);
    const zoomedIn = Number(await map.getAttribute('data-zoom'));
    await page.clock.fastForward('02:30');
    await expect(map).toHaveAttribute('data-map-touched', '');
    expect(Number(await map.getAttribute('data-zoom'))).toBe(zoomedIn);
    await page.clock.fastForward('00:40');
    await expect(map).not.toHaveAttribute('data-map-touched');
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeLessThanOrEqual(framed);
  });

  test('a Peruvian coordinator never sees a Chilean national event', async ({ page, request }) => {
    const wall = await new LoginPage(page).open('/wall?focus=-18.33,-70.33').then((login) => login.signInAs('coordinator-pe'));
    await wall.expectLive();
    await postEvents(request, make.unitPosition({ agency: 'carabineros', unitId: 'OS7-secret', releasability: 'national' }));
    const marker = make.unitPosition({ agency: 'carabineros', unitId: 'after-secret' });
    await postEvents(request, marker);
    await expect(wall.unitMarker('carabineros/after-secret')).toBeVisible(WITHIN_A_SECOND);
    await expect(wall.unitMarker('carabineros/OS7-secret')).toHaveCount(0);
  });

  test('says plainly when its data is stale, and recovers what it missed', async ({ page, context, request }) => {
    const wall = await new LoginPage(page).open('/wall?focus=-18.33,-70.33').then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();
    await context.setOffline(true);
    await expect(page.getByRole('status').filter({ hasText: /SIN CONEXIÓN|desactualizad/i })).toBeVisible({ timeout: 10_000 });
    await postEvents(request, make.unitPosition({ agency: 'pdi', unitId: 'missed-while-offline' }));
    await context.setOffline(false);
    await wall.expectLive();
    await expect(wall.unitMarker('pdi/missed-while-offline')).toBeVisible({ timeout: 10_000 });
  });

  test('a screenshot of the wall with units, both posts and an incident reads well at 1920×1080', async ({ page, request }) => {
    const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    await postEvents(request, [
      make.unitPosition({
        agency: 'carabineros',
        unitId: 'CB-1',
        callsign: 'Z-1',
        position: { lat: -18.335, lon: -70.345 },
        status: 'patrolling',
      }),
      make.unitPosition({
        agency: 'carabineros',
        unitId: 'CB-2',
        callsign: 'Z-2',
        position: { lat: -18.327, lon: -70.36 },
        occurredAt: minutesAgo(25),
      }),
    ]);
    await postEvents(request, [
      make.unitPosition({ agency: 'pdi', unitId: 'PDI-1', callsign: 'PDI Chacalluta', position: { lat: -18.32, lon: -70.318 } }),
    ]);
    await postEvents(request, [
      make.unitPosition({ agency: 'pnp', unitId: 'PNP-1', callsign: 'USE-1', position: { lat: -18.305, lon: -70.31 } }),
      make.unitPosition({ agency: 'pnp', unitId: 'PNP-2', callsign: 'Hito 5', position: { lat: -18.29, lon: -70.28 } }),
      make.incident({
        agency: 'pnp',
        incidentId: 'I-1201',
        kind: 'crossing',
        severity: 'high',
        people: 47,
        minors: 9,
        text: 'Grupo cruza hacia Santa Rosa; detenido por PNP',
      }),
    ]);
    for (const [post, direction, values] of [
      ['santa-rosa', 'to-peru', [180, 260, 340, 420]],
      ['chacalluta', 'to-chile', [90, 70, 60, 45]],
    ] as const) {
      await postEvents(
        request,
        values.map((waiting, i) =>
          make.queueUpdate({ agency: 'pdi', post, direction, waiting, occurredAt: minutesAgo((values.length - 1 - i) * 45) }),
        ),
      );
    }
    await expect(wall.queueCard('chacalluta', 'to-chile').getByTestId('queue-waiting')).toHaveText('45');
    await expect(wall.queueCard('santa-rosa', 'to-peru').getByTestId('queue-waiting')).toHaveText('420');
    // At the whole-area framing the incident may share a marker with others near it (a cluster).
    await expect(wall.incidentListed('I-1201')).toBeVisible();
    await expect(page.locator('[data-wall-map] .cmap-incident__core').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/wall-1920x1080.png' });
  });
});
