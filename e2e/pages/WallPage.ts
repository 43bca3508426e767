import { expect, type Locator, type Page } from '@playwright/test';

export class WallPage {
  constructor(readonly page: Page) {}

  /** The wall says EN VIVO once it holds the channel's picture and follows it. */
  async expectLive(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: /EN VIVO/i })).toBeVisible({ timeout: 15_000 });
  }

  unitMarker(key: string): Locator {
    return this.page.locator(`[data-unit-key="${key}"]`);
  }

  mapQueue(post: string, direction: string): Locator {
    return this.page.locator(`[data-queue="${post}/${direction}"]`);
  }

  queueCard(post: string, direction: string): Locator {
    return this.page.locator(`[data-queue-card="${post}/${direction}"]`);
  }

  incidentMarker(id: string): Locator {
    return this.page.locator(`[data-incident-id="${id}"]`);
  }

  feed(): Locator {
    return this.page.locator('[data-seq]');
  }
}
