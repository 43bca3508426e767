/**
 * An exercise on every screen: the training wall says EJERCICIO with its clock's state and never
 * EN VIVO; a phone that follows the console's QR link gets the exercise's report page, and what it
 * sends reaches the exercise wall and never live operations (checked on the live wall and on the
 * server). A report page that cannot post to its channel says so and sends nothing.
 */
import { devices, expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from './pages/LoginPage.ts';
import { ExercisePhonePage } from './pages/ExercisePhonePage.ts';
import { TrainingPage } from './pages/TrainingPage.ts';
import { TrainingWallPage } from './pages/TrainingWallPage.ts';
import type { WallPage } from './pages/WallPage.ts';
import { eventsStoredAfter, liveHead } from './pages/ReportServer.ts';

const CROSSING = Date.parse('2025-12-01T14:55:00-03:00');
/** Near the Santa Rosa complex, where the PNP officer stands. */
const SANTA_ROSA = { latitude: -18.3131, longitude: -70.3142 };
const SHOTS = 'test-results/screenshots';

const unique = () => Math.random().toString(36).slice(2, 8);

/** The live indicator must never be on an exercise screen. */
async function expectNoLiveIndicator(page: Page): Promise<void> {
  await expect(page.locator('[data-connection="live"]').filter({ hasText: 'EN VIVO' })).toHaveCount(0);
  await expect(page.getByText('EN VIVO', { exact: true })).toHaveCount(0);
}

async function phoneContext(browser: Browser) {
  const { defaultBrowserType: _b, ...pixel } = devices['Pixel 7'];
  return browser.newContext({
    ...pixel,
    viewport: { width: 390, height: 844 },
    baseURL: test.info().project.use.baseURL,
    geolocation: SANTA_ROSA,
    permissions: ['geolocation'],
  });
}

async function liveWall(browser: Browser): Promise<WallPage> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1920, height: 1080 } });
  const wall = await new LoginPage(await context.newPage()).open('/wall').then((login) => login.signInAs('coordinator-pe'));
  await wall.expectLive();
  return wall;
}

test.describe('exercise on the wall and the phone', () => {
  test('the wall says EN PAUSA or the speed, never EN VIVO; the phone’s report reaches the exercise wall and never live', async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(180_000); // four browsers and a server on two cores
    const console = await TrainingPage.signIn(page);
    await console.startScenario();
    await console.jumpTo('cruce-1455');
    await expect(console.clock).toHaveAttribute('data-exercise-time', new Date(CROSSING).toISOString());

    // The exercise wall, joined through the console's wall link.
    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await TrainingWallPage.join(await wallContext.newPage(), await console.wallLink(), 'coordinator-cl');
    const wallState = wall.page.locator('[data-exercise-state]');
    await expect(wallState).toHaveText('EJERCICIO · EN PAUSA', { timeout: 15_000 });
    await expect(wallState).toHaveAttribute('data-exercise-state', 'paused');
    await expect(wall.banner).toBeVisible();
    await expectNoLiveIndicator(wall.page);

    // Playing: the speed, and still no live indicator.
    await console.play();
    await expect(wallState).toHaveText('EJERCICIO · ×60', { timeout: 5_000 }); // the session's starting speed
    await page.getByRole('button', { name: '600×', exact: true }).click();
    await expect(wallState).toHaveText('EJERCICIO · ×600', { timeout: 5_000 });
    await page.getByRole('button', { name: '60×', exact: true }).click();
    await expect(wallState).toHaveText('EJERCICIO · ×60', { timeout: 5_000 });
    await expect(wallState).toHaveAttribute('data-exercise-state', 'playing');
    await expectNoLiveIndicator(wall.page);
    await console.pause();
    await expect(wallState).toHaveText('EJERCICIO · EN PAUSA', { timeout: 5_000 });

    // The live wall, on live operations, in another browser.
    const live = await liveWall(browser);
    const head = await liveHead(request);

    // The phone follows the console's QR link: the exercise's report page, not the wall.
    const link = await console.joinLink();
    const phoneCtx = await phoneContext(browser);
    const phone = await ExercisePhonePage.join(await phoneCtx.newPage(), link, 'officer-pnp');
    await expect(phone.banner).toContainText('EJERCICIO');
    await expect(phone.state).toHaveText('EJERCICIO · EN PAUSA', { timeout: 10_000 });
    const paused = await console.exerciseTime();
    await expect(phone.clock).toHaveAttribute('data-exercise-time', new Date(paused).toISOString());
    await expectNoLiveIndicator(phone.page);
    await expect(phone.positionStatus).toHaveAttribute('data-position-status', 'fixed');
    await phone.page.screenshot({ path: `${SHOTS}/training-phone-390x844.png` });
    await phone.page.screenshot({ path: `${SHOTS}/training-phone-390x844-full.png`, fullPage: true });

    // The report goes to the exercise's channel only, timed by the exercise clock.
    const text = `Patrullaje de ejercicio en Santa Rosa ${unique()}`;
    await phone.fillPatrol(text);
    const posted = phone.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events' && r.request().method() === 'POST');
    await phone.send();
    const response = await posted;
    expect(response.status()).toBe(201);
    expect(new URL(response.url()).searchParams.get('channel')).toMatch(/^training:/);
    const sent = response.request().postDataJSON() as { id: string; occurredAt: string };
    expect(Date.parse(sent.occurredAt)).toBe(Math.floor(paused / 1000) * 1000);
    await expect(phone.page.locator('[data-notice]')).toHaveAttribute('data-notice', 'delivered');
    await expect(phone.sentEntry(sent.id)).toContainText('EJERCICIO');

    // On the exercise wall…
    await expect(wall.page.locator('[data-wall-side]')).toContainText(text, { timeout: 10_000 });
    await wall.page.screenshot({ path: `${SHOTS}/training-wall-paused-1920x1080.png` });
    await wall.page.setViewportSize({ width: 1280, height: 720 });
    await expect(wallState).toBeInViewport();
    await wall.page.screenshot({ path: `${SHOTS}/training-wall-paused-1280x720.png` });
    // …and never on the live one: not on its screen, not stored on live.
    await live.expectLive();
    await expect(live.page.locator('[data-wall-side]')).not.toContainText(text);
    await expect(live.page.getByText(text)).toHaveCount(0);
    expect((await eventsStoredAfter(request, head, 'pnp')).map((e) => e.id)).not.toContain(sent.id);

    // Playing again: the phone says the speed too.
    await console.play();
    await expect(phone.state).toHaveText(/EJERCICIO · ×60/, { timeout: 10_000 });
    await expect(wallState).toHaveText('EJERCICIO · ×60');
    await wall.page.screenshot({ path: `${SHOTS}/training-wall-playing-1280x720.png` });
    await console.pause();

    // The trainer ends the exercise: the phone says so and offers no form.
    page.once('dialog', (dialog) => void dialog.accept());
    await console.end();
    await expect(phone.refusal).toHaveAttribute('data-channel-refused', 'ended', { timeout: 15_000 });
    await expect(phone.refusal).toContainText('Este ejercicio terminó');
    await expect(phone.page.getByRole('button', { name: 'Enviar reporte' })).toHaveCount(0);
    await Promise.all([wallContext.close(), live.page.context().close(), phoneCtx.close()]);
  });

  test('a report page on an exercise that does not exist says so and sends nothing', async ({ browser }) => {
    test.setTimeout(60_000);
    const phoneCtx = await phoneContext(browser);
    const posts: string[] = [];
    phoneCtx.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/events') posts.push(r.url());
    });
    const phone = await ExercisePhonePage.join(await phoneCtx.newPage(), '/report?channel=training%3Ano-such-exercise', 'officer-pnp');
    await expect(phone.banner).toBeVisible();
    await expect(phone.refusal).toHaveAttribute('data-channel-refused', 'unknown-session');
    await expect(phone.refusal).toContainText('Desde esta página no se puede enviar nada');
    await expect(phone.refusal).toContainText('Este ejercicio no existe en el servidor');
    await expect(phone.page.getByRole('button', { name: 'Enviar reporte' })).toHaveCount(0);
    await expectNoLiveIndicator(phone.page);
    await phone.page.screenshot({ path: `${SHOTS}/training-phone-unknown-390x844.png` });
    expect(posts).toEqual([]);
    await phoneCtx.close();
  });
});
