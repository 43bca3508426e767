import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/LoginPage.ts';
import { fixture, uploadFormat } from './support/formats.ts';

/**
 * The one-second promise is checked by wall.spec.ts; here what matters is that each format lands,
 * so the default wait applies (generous on a busy two-core CI machine).
 */
const ON_SCREEN = { timeout: 5_000 };

test.describe('agency systems feed the wall in their own formats', () => {
  test('a position report from a TAK client (CoT XML) lands as a unit on the map, with its agency and source', async ({ page, request }) => {
    const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-pe'));
    await wall.expectLive();

    // The fixture is a CoT event as ATAK sends it (event/point/detail with contact and track).
    const report = await uploadFormat(request, 'cot', 'pnp', fixture('cot-atak-position.xml'));
    expect(report.accepted).toBe(1);

    const marker = wall.unitMarker('pnp/ANDROID-3d5f2a9c81b7e640');
    await expect(marker).toBeVisible(ON_SCREEN);
    await expect(marker).toContainText('USE-3');
    await marker.click();
    const popup = page.locator('.leaflet-popup-content');
    await expect(popup).toContainText('USE-3');
    await expect(popup).toContainText(/Policía Nacional|PNP/);
    await expect(popup).toContainText('pnp-cot');
  });

  test('NDJSON, CSV and GeoJSON uploads show on the wall; the feed says each item’s agency and source', async ({ page, request }) => {
    const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();

    await uploadFormat(request, 'ndjson', 'pnp', fixture('pnp-events.ndjson'));
    await uploadFormat(request, 'csv', 'pdi', fixture('pdi-shift.csv'));
    await uploadFormat(request, 'geojson', 'carabineros', fixture('carabineros-units.geojson'));

    await expect(wall.unitMarker('pnp/USE-1')).toBeVisible(ON_SCREEN);
    await expect(wall.unitMarker('pdi/PDI-2')).toBeVisible(ON_SCREEN);
    await expect(wall.unitMarker('carabineros/M-7')).toBeVisible(ON_SCREEN);
    await expect(wall.queueCard('chacalluta', 'to-chile').getByTestId('queue-waiting')).toHaveText('85');
    // The feed names each item's agency and source (the request's default, <agency>-<format>).
    await expect(wall.feed().filter({ hasText: 'Fuente: pdi-csv' }).first()).toContainText('PDI');
    await expect(wall.feed().filter({ hasText: 'Fuente: carabineros-geojson' }).first()).toContainText('Carabineros');
    // The NDJSON incident named its own source system, and its marker says so. (Units near the
    // post overlap it at this zoom: opened from the keyboard, as a marker is a button.)
    await wall.incidentMarker('PNP-INC-88').press('Enter');
    const popup = page.locator('.leaflet-popup-content');
    await expect(popup).toContainText('pnp-cecom');
    await expect(popup).toContainText(/Policía Nacional|PNP/);
  });
});
