import { expect, test } from '@playwright/test';
import { signInOnForm, TrainingPage } from './pages/TrainingPage.ts';
import { passwordOf } from './support/credentials.ts';
import { TrainingWallPage } from './pages/TrainingWallPage.ts';

const CROSSING = Date.parse('2025-12-01T14:55:00-03:00');

test.describe('training exercise', () => {
  test('a trainer jumps to the 1 Dec crossing; a wall joined through the link shows it; pause stops both, play moves both', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000); // two browsers and a server on two cores; ~25 s on a quiet machine
    const console = await TrainingPage.signIn(page);
    await console.startScenario();
    await console.jumpTo('cruce-1455');
    await expect(console.clock).toHaveAttribute('data-exercise-time', new Date(CROSSING).toISOString());

    // A second browser, a coordinator, on the wall display joined through the console's wall link.
    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await TrainingWallPage.join(await wallContext.newPage(), await console.wallLink(), 'coordinator-cl');
    await expect(wall.banner).toBeVisible();
    await expect(wall.banner).toContainText('EJERCICIO');
    await expect(wall.incidentListed('INC-1201-CRUCE')).toBeVisible({ timeout: 10_000 });
    await expect(wall.clock).toHaveAttribute('datetime', new Date(CROSSING).toISOString(), { timeout: 10_000 });
    await expect(wall.page.locator('[data-exercise-clock]')).toContainText('14:55');

    // Play moves both.
    await console.play();
    await expect.poll(() => console.exerciseTime(), { timeout: 10_000 }).toBeGreaterThan(CROSSING);
    await expect.poll(() => wall.exerciseTime(), { timeout: 10_000 }).toBeGreaterThan(CROSSING);

    // Pause stops both at the same instant: the one the server reports.
    await console.pause();
    const paused = await console.exerciseTime();
    await expect(wall.clock).toHaveAttribute('datetime', new Date(paused).toISOString(), { timeout: 5_000 });
    // Stopped means unchanged over time: two clock broadcasts and several redraws later.
    await page.waitForTimeout(2_500);
    expect(await console.exerciseTime()).toBe(paused);
    expect(await wall.exerciseTime()).toBe(paused);

    // Play again moves both on from there.
    await console.play();
    await expect.poll(() => console.exerciseTime(), { timeout: 10_000 }).toBeGreaterThan(paused);
    await expect.poll(() => wall.exerciseTime(), { timeout: 10_000 }).toBeGreaterThan(paused);
    await wall.page.screenshot({ path: 'test-results/screenshots/training-wall-1920x1080.png' });
    await page.screenshot({ path: 'test-results/screenshots/training-console-1600x900.png' });

    // An inject from the console reaches the wall's feed.
    await console.injectBulletin('Aviso de ejercicio', 'Segundo grupo avistado en el Hito 5');
    await expect(wall.page.locator('[data-wall-side]')).toContainText('Segundo grupo avistado en el Hito 5', { timeout: 10_000 });

    // Ending the exercise tells the wall at once.
    page.once('dialog', (dialog) => void dialog.accept());
    await console.end();
    await expect(wall.page.locator('[data-exercise-unavailable]')).toBeVisible({ timeout: 10_000 });
    await wallContext.close();
  });

  test('a coordinator cannot open the console, and live operations never see the exercise', async ({ page, browser, request }) => {
    test.setTimeout(60_000);
    const console = await TrainingPage.signIn(page);
    await console.startScenario();
    await console.jumpTo('cruce-1455');
    await expect(console.clock).toHaveAttribute('data-exercise-time', new Date(CROSSING).toISOString());

    const other = await (await browser.newContext()).newPage();
    await other.goto('/training');
    await signInOnForm(other, 'coordinator-cl');
    // Signed in, sent to /training, turned back by the page guard: the login form says why.
    await expect(other.getByText('Su cuenta no tiene acceso a esta pantalla.')).toBeVisible({ timeout: 15_000 });
    await expect(other.locator('[data-training-console]')).toHaveCount(0);

    const session = await request.post('/api/session', { data: { username: 'coordinator-cl', password: passwordOf('coordinator-cl') } });
    const live = await request.get('/api/state?channel=live', { headers: { authorization: `Bearer ${(await session.json()).token}` } });
    expect((await live.json()).picture.incidents['INC-1201-CRUCE']).toBeUndefined();
  });
});
