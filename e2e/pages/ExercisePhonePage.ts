import { expect, type Locator, type Page } from '@playwright/test';
import { ReportPage } from './ReportPage.ts';
import { signInOnForm } from './TrainingPage.ts';

/** The report page of an exercise, on an officer's phone, opened through the console's QR link. */
export class ExercisePhonePage extends ReportPage {
  /** Opens the link; the page asks for a sign-in and comes back to the exercise's report page. */
  static async join(page: Page, link: string, username: string): Promise<ExercisePhonePage> {
    await page.goto(link);
    await expect(page).toHaveURL(/\/login/);
    await signInOnForm(page, username);
    await expect(page).toHaveURL(/\/report\?channel=training%3A/, { timeout: 15_000 });
    const phone = new ExercisePhonePage(page);
    await phone.expectLoaded();
    return phone;
  }

  get banner(): Locator {
    return this.page.locator('[data-exercise-banner]');
  }

  /** The clock's state: data-exercise-state is unknown, paused, playing or ended. */
  get state(): Locator {
    return this.page.locator('[data-exercise-clock] [data-exercise-state]');
  }

  get clock(): Locator {
    return this.page.locator('[data-exercise-clock] [data-exercise-time]');
  }

  /** In place of the form, when the page cannot post to its channel. */
  get refusal(): Locator {
    return this.page.locator('[data-channel-refused]');
  }
}
