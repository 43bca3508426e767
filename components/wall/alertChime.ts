/**
 * Which alerts a wall sounds for: each alert once, the first time this page sees it open after
 * the sound was switched on. Alerts already open when the sound is switched on are shown, not
 * sounded (the coordinator who pressed the button is looking at them); an alert acknowledged and
 * raised again under a new id sounds again. Pure, so the rule is tested without an <audio>.
 */
export class AlertChime {
  private readonly heard = new Set<string>();
  private armed = false;

  /** The sound is switched on: what is open now is taken as heard. */
  arm(openIds: Iterable<string>): void {
    for (const id of openIds) this.heard.add(id);
    this.armed = true;
  }

  get isArmed(): boolean {
    return this.armed;
  }

  /** The alerts open now; returns those to sound for (each at most once, ever). */
  update(openIds: Iterable<string>): string[] {
    const fresh: string[] = [];
    for (const id of openIds) {
      if (this.heard.has(id)) continue;
      this.heard.add(id);
      if (this.armed) fresh.push(id);
    }
    return fresh;
  }
}
