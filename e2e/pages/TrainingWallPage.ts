import { expect, type Locator, type Page } from '@playwright/test';
import { signInOnForm } from './TrainingPage.ts';

/** A wall display following an exercise through the console's join link. */
export class TrainingWallPage {
  constructor(readonly page: Page) {}

  /** Opens the join link; the wall asks for a sign-in and comes back to the exercise. */
  static async join(page: Page, link: string, username: string): Promise<TrainingWallPage> {
    await page.goto(link);
    await expect(page).toHaveURL(/\/login/);
    await signInOnForm(page, username);
    await expect(page).toHaveURL(/\/wall\?channel=training/, { timeout: 15_000 });
    return new TrainingWallPage(page);
  }

  get banner(): Locator {
    return this.page.locator('[data-exercise-banner]');
  }

  /** The open incident as the wall lists it (on the map it may share a marker with incidents near it). */
  incidentListed(id: string): Locator {
    return this.page.locator(`[data-wall-side] [data-incident-id="${id}"]`);
  }

  /** The exercise clock's Arica time element (the wall shows exercise time instead of real time). */
  get clock(): Locator {
    return this.page.locator('[data-exercise-clock] [data-clock="America/Santiago"] time');
  }

  async exerciseTime(): Promise<number> {
    return Date.parse((await this.clock.getAttribute('datetime')) ?? '');
  }
}
