/**
 * Coordinators act (issue 14): an officer's report goes through the desk's workflow — validated,
 * a unit of the same agency assigned, the officer's phone accepting, on scene and done, the
 * coordinator closing it with an outcome — and every wall shows each step within a second. A
 * queue crossing its level raises an alert that sounds once on the wall and clears when a
 * coordinator acknowledges it from the desk. Then the desk and the phone are photographed with a
 * busy picture, at the sizes they meet.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import * as make from '../lib/testing/eventFactory.ts';
import { DeskPage } from './pages/DeskPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { ReportPage } from './pages/ReportPage.ts';
import type { WallPage } from './pages/WallPage.ts';
import { seedBusyPicture } from './support/busyPicture.ts';
import { postEvents } from './support/ingest.ts';

/** The promise to coordinators: a step that reached the server is on the wall within a second. */
const WITHIN_A_SECOND = { timeout: 1_000 };
const SANTA_ROSA = { latitude: -18.3131, longitude: -70.3142 };
const SHOTS = process.env.DESK_SHOTS_DIR ?? 'test-results/screenshots/desk';

test.describe.configure({ timeout: 120_000 });

const unique = () => Math.random().toString(36).slice(2, 8);

async function openWall(browser: Browser): Promise<WallPage> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1920, height: 1080 } });
  const wall = await new LoginPage(await context.newPage()).open('/wall').then((login) => login.signInAs('coordinator-pe'));
  await wall.expectLive();
  return wall;
}

async function openDesk(browser: Browser, viewport = { width: 1920, height: 1080 }): Promise<DeskPage> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport, deviceScaleFactor: 1 });
  return DeskPage.signIn(await context.newPage(), 'coordinator-pe');
}

async function openPhone(browser: Browser): Promise<ReportPage> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    geolocation: SANTA_ROSA,
    permissions: ['geolocation'],
  });
  return ReportPage.signIn(await context.newPage(), 'officer-pnp');
}

const wallStatus = (wall: WallPage, id: string) => wall.incidentListed(id);

test('an officer’s report is validated, tasked, answered on the phone and closed, and the wall shows every step within a second', async ({
  browser,
  request,
}) => {
  // The officer's unit is on the picture (its patrol car's tracker), so the desk can task it.
  await postEvents(
    request,
    make.unitPosition({ agency: 'pnp', unitId: 'PNP-1', callsign: 'Patrulla 1', position: { lat: -18.312, lon: -70.313 } }),
  );
  const wall = await openWall(browser);
  const desk = await openDesk(browser);
  const phone = await openPhone(browser);

  const text = `Grupo varado en el complejo ${unique()}`;
  await phone.fillIncident({ kind: 'Grupo varado', severity: 'Alta', people: '23', text });
  const posted = phone.page.waitForResponse((r) => r.url().includes('/api/events') && r.request().method() === 'POST');
  await phone.send();
  const { incidentId } = (await posted).request().postDataJSON() as { incidentId: string };
  await expect(wallStatus(wall, incidentId)).toHaveAttribute('data-incident-status', 'reported', WITHIN_A_SECOND);

  // Validate: owner, impact, confidence and the response line.
  await desk.select(incidentId);
  const validate = await desk.open('validate');
  await validate.locator('[data-field="owner"]').selectOption('pnp');
  await validate.locator('[data-field="impact"]').selectOption('high');
  await validate.locator('[data-field="confidence"]').selectOption('confirmed');
  await validate.locator('[data-field="text"]').fill('Patrulla en camino con agua');
  await desk.confirm(validate);
  await expect(desk.detailStatus).toHaveAttribute('data-detail-status', 'validated');
  await expect(wallStatus(wall, incidentId)).toHaveAttribute('data-incident-status', 'validated', WITHIN_A_SECOND);

  // Assign the officer's unit (same agency).
  const assign = await desk.open('assign');
  await assign.locator('[data-unit-key="pnp/PNP-1"]').check();
  await desk.confirm(assign);
  await expect(wallStatus(wall, incidentId)).toHaveAttribute('data-incident-status', 'assigned', WITHIN_A_SECOND);

  // The phone shows the tasking and answers it: accept, on scene, done.
  const tasking = phone.page.locator('[data-tasking-id]').filter({ hasText: text });
  await expect(tasking).toHaveAttribute('data-tasking-state', 'offered', { timeout: 5_000 });
  await tasking.locator('[data-answer="accept"]').tap();
  await expect(tasking).toHaveAttribute('data-tasking-state', 'accepted');
  await expect(desk.page.locator('[data-unit-key="pnp/PNP-1"]').first()).toHaveAttribute('data-unit-status', /assigned|en-route/);
  await tasking.locator('[data-answer="on-scene"]').tap();
  await expect(tasking).toHaveAttribute('data-tasking-state', 'on-scene');
  await expect(wallStatus(wall, incidentId)).toHaveAttribute('data-incident-status', 'on-scene', WITHIN_A_SECOND);
  await tasking.locator('[data-answer="done"]').tap();
  await expect(tasking).toHaveAttribute('data-tasking-state', 'done');

  // Closed with an outcome: it leaves the wall's open list and the desk's default (open) list.
  const close = await desk.open('close');
  await close.locator('[data-field="outcome"]').selectOption('resolved');
  await close.locator('[data-field="text"]').fill('Grupo atendido y trasladado');
  await desk.confirm(close);
  await expect(wallStatus(wall, incidentId)).toHaveCount(0, WITHIN_A_SECOND);
  await expect(desk.listed(incidentId)).toHaveCount(0);
  await expect(desk.page.locator('[data-detail-history] [data-step]')).toHaveCount(6); // reported … closed

  for (const p of [wall.page, desk.page, phone.page]) await p.context().close();
});

test('a queue above its level raises an alert that sounds once on the wall and clears when the desk acknowledges it', async ({
  browser,
  request,
}) => {
  const wall = await openWall(browser);
  // Set-up: one press turns the sound on (the browser's autoplay rules ask for one interaction).
  await wall.page.getByRole('button', { name: 'Activar sonido' }).click();
  await expect(wall.page.locator('[data-sound="on"]')).toBeVisible();
  const audio = wall.page.locator('audio[data-alert-audio]');
  await expect(audio).toHaveAttribute('data-played', '0');
  const desk = await openDesk(browser);

  // The level for Santa Rosa → Peru is 500 waiting (configured by the admin); 820 crosses it.
  await postEvents(request, make.queueUpdate({ agency: 'pnp', post: 'santa-rosa', direction: 'to-peru', waiting: 820 }));
  const band = wall.page.locator('[data-alert-band]');
  await expect(band).toHaveAttribute('data-alert-count', '1', WITHIN_A_SECOND);
  await expect(band).toBeVisible();
  await expect(audio).toHaveAttribute('data-played', '1');
  expect(await audio.evaluate((el: HTMLAudioElement) => el.played.length)).toBeGreaterThan(0);

  const alertId = await band.locator('[data-alert-id]').first().getAttribute('data-alert-id');
  expect(alertId).toBeTruthy();
  await desk.alert(alertId!).getByRole('button', { name: 'Acusar recibo' }).click();
  await expect(band).toHaveAttribute('data-alert-count', '0', WITHIN_A_SECOND);
  await expect(desk.alert(alertId!)).toHaveCount(0);
  // Sounded once, not again on the acknowledgement.
  await expect(audio).toHaveAttribute('data-played', '1');

  for (const p of [wall.page, desk.page]) await p.context().close();
});

test('the desk and the phone with a busy picture, photographed at the sizes they meet', async ({ browser, request }) => {
  mkdirSync(SHOTS, { recursive: true });
  await seedBusyPicture(request);
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]) {
    const desk = await openDesk(browser, viewport);
    await expect(desk.listed('busy-inc-8')).toBeVisible();
    await desk.select('busy-inc-1');
    await desk.open('validate');
    await expect(desk.page.locator('[data-desk-map] .leaflet-container')).toBeVisible();
    await shoot(desk.page, `desk-${viewport.width}x${viewport.height}.png`);
    // Nothing on the desk overflows its window: the panels scroll inside.
    const overflow = await desk.page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await desk.page.context().close();
  }
  const phone = await openPhone(browser);
  await shoot(phone.page, 'phone-390x844.png');
  await phone.page.context().close();
});

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}`, fullPage });
}
