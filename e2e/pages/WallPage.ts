import { expect, type Locator, type Page } from '@playwright/test';

export class WallPage {
  constructor(readonly page: Page) {}

  /** The wall says EN VIVO once it holds the channel's picture and follows it. */
  async expectLive(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: /EN VIVO/i })).toBeVisible({ timeout: 15_000 });
  }

  private get map(): Locator {
    return this.page.locator('[data-wall-map]');
  }

  private get side(): Locator {
    return this.page.locator('[data-wall-side]');
  }

  unitMarker(key: string): Locator {
    return this.map.locator(`[data-unit-key="${key}"]`);
  }

  mapQueue(post: string, direction: string): Locator {
    return this.map.locator(`[data-queue="${post}/${direction}"]`);
  }

  incidentMarker(id: string): Locator {
    return this.map.locator(`[data-incident-id="${id}"]`);
  }

  /** The open incident as listed in the side column. */
  incidentListed(id: string): Locator {
    return this.side.locator(`[data-incident-id="${id}"]`);
  }

  queueCard(post: string, direction: string): Locator {
    return this.page.locator(`[data-wall-queues] [data-queue-card="${post}/${direction}"]`);
  }

  feed(): Locator {
    return this.side.locator('[data-seq]');
  }
}
