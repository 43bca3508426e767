import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/LoginPage.ts';
import { fixture, uploadFormat } from './support/formats.ts';

/**
 * The one-second promise is checked by wall.spec.ts; here what matters is that each format lands,
 * so the default wait applies (generous on a busy two-core CI machine).
 */
const ON_SCREEN = { timeout: 5_000 };

test.describe('agency systems feed the wall in their own formats', () => {
  test('a position report from a TAK client (CoT XML) lands as a unit on the map, with its agency and source', async ({
    page,
    request,
  }) => {
    // Up close on the fixture's position, where the unit stands on its own (never in a cluster).
    const wall = await new LoginPage(page).open('/wall?focus=-18.3052,-70.3101').then((login) => login.signInAs('coordinator-pe'));
    await wall.expectLive();

    // The fixture is a CoT event as ATAK sends it (event/point/detail with contact and track).
    const report = await uploadFormat(request, 'cot', 'pnp', fixture('cot-atak-position.xml'));
    expect(report.accepted).toBe(1);

    const marker = wall.unitMarker('pnp/ANDROID-3d5f2a9c81b7e640');
    await expect(marker).toBeVisible(ON_SCREEN);
    await expect(marker).toContainText('USE-3');
    // Opened from the keyboard (a marker is a button): another spec's unit may stand on the same spot.
    await marker.press('Enter');
    const popup = page.locator('.leaflet-popup-content');
    await expect(popup).toContainText('USE-3');
    await expect(popup).toContainText(/Policía Nacional|PNP/);
    await expect(popup).toContainText('pnp-cot');
  });

  test('NDJSON, CSV and GeoJSON uploads show on the wall; the feed says each item’s agency and source', async ({ page, request }) => {
    // Up close between Chacalluta and the fixtures' units, where each stands on its own.
    const wall = await new LoginPage(page).open('/wall?focus=-18.309,-70.309').then((login) => login.signInAs('coordinator-cl'));
    await wall.expectLive();

    await uploadFormat(request, 'ndjson', 'pnp', fixture('pnp-events.ndjson'));
    await uploadFormat(request, 'csv', 'pdi', fixture('pdi-shift.csv'));
    await uploadFormat(request, 'geojson', 'carabineros', fixture('carabineros-units.geojson'));

    await expect(wall.unitMarker('pnp/USE-1')).toBeVisible(ON_SCREEN);
    await expect(wall.unitMarker('pdi/PDI-2')).toBeVisible(ON_SCREEN);
    await expect(wall.unitMarker('carabineros/M-7')).toBeVisible(ON_SCREEN);
    // (Chacalluta towards Peru: no other spec posts that queue before this one, so the CSV's count is the latest.)
    await expect(wall.queueCard('chacalluta', 'to-peru').getByTestId('queue-waiting')).toHaveText('230');
    // The feed names each item's agency and source (the request's default, <agency>-<format>).
    await expect(wall.feed().filter({ hasText: 'Fuente: pdi-csv' }).first()).toContainText('PDI');
    await expect(wall.feed().filter({ hasText: 'Fuente: carabineros-geojson' }).first()).toContainText('Carabineros');
    // The NDJSON incident named its own source system, and its marker says so. (Opened from the
    // keyboard, as a marker is a button: earlier specs' incidents may stand on the same spot.)
    await wall.incidentMarker('PNP-INC-88').press('Enter');
    const popup = page.locator('.leaflet-popup-content');
    await expect(popup).toContainText('pnp-cecom');
    await expect(popup).toContainText(/Policía Nacional|PNP/);
  });
});
