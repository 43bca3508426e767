import { expect, test } from '@playwright/test';
import * as make from '../lib/testing/eventFactory.ts';
import { postEvents } from './support/ingest.ts';

/**
 * A traveller's phone, signed in nowhere: /espera shows the binational queue of each post, and
 * nothing national-only. The feed behind it is cached 15 s, so the reports go in before the page
 * (or anything else) first asks for it.
 */
test('a traveller sees the binational wait at each post, in Spanish and then English, without signing in', async ({ page, request }) => {
  // Other specs share this server and post queues of their own, some a moment ago: this count is
  // dated a few seconds ahead (the server accepts clocks up to 10 min fast) so it is the newest
  // binational one, and the national-only count after it is newer still.
  const secondsAhead = (n: number) => new Date(Date.now() + n * 1_000).toISOString();
  await postEvents(
    request,
    make.queueUpdate({
      agency: 'pnp',
      post: 'santa-rosa',
      direction: 'to-peru',
      waiting: 1340,
      waitMinutes: 95,
      occurredAt: secondsAhead(5),
    }),
  );
  await postEvents(
    request,
    make.queueUpdate({
      agency: 'carabineros',
      post: 'santa-rosa',
      direction: 'to-peru',
      waiting: 7777,
      releasability: 'national',
      occurredAt: secondsAhead(6),
    }),
  );

  await page.goto('/espera');
  await expect(page).toHaveURL(/\/espera$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tiempos de espera en la frontera');
  const santaRosa = page.getByRole('region', { name: 'Complejo Fronterizo Santa Rosa' });
  await expect(santaRosa).toContainText('1.340');
  await expect(santaRosa).toContainText('Espera estimada: 1 h 35 min');
  await expect(page.getByRole('region', { name: 'Complejo Fronterizo Chacalluta' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('7777');
  await expect(page.locator('body')).not.toContainText('7.777');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Border wait times');
  await expect(santaRosa).toContainText('1,340 people in line');
});
