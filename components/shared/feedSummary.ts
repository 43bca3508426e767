/**
 * One line per feed event, in words: what happened, without the free text (shown apart, as text).
 * Pure, so every event type is tested without React.
 */
import type { StoredEvent } from '@/lib/contract/events.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import { countText } from '@/lib/i18n/countText.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

/** An event received this long after it happened is marked as a late report. */
export const LATE_AFTER_MS = 5 * 60_000; // beyond normal radio/phone delay: an offline phone catching up

export function summarizeEvent(event: StoredEvent, t: Translate, locale: Locale): string {
  const count = (n: number, family: Parameters<typeof countText>[3]) => countText(t, locale, n, family);
  switch (event.type) {
    case 'queue.update':
      return t('wall.feed.queue', {
        post: t(`post.${event.post}`),
        direction: t(`direction.${event.direction}`),
        count: count(event.waiting, 'wall.people'),
      });
    case 'incident': {
      const parts = [t('wall.feed.incident', { kind: t(`wall.kind.${event.kind}`) }), t(`wall.severity.${event.severity}`)];
      if (event.people !== undefined) parts.push(count(event.people, 'wall.people'));
      if (event.minors) parts.push(count(event.minors, 'wall.minors'));
      return parts.join(' · ');
    }
    case 'incident.closed':
      return t('wall.feed.incidentClosed', { id: event.incidentId });
    case 'patrol.report': {
      const head = t('wall.feed.patrol', { unit: event.unitId });
      return event.people !== undefined ? `${head} · ${count(event.people, 'wall.people')}` : head;
    }
    case 'deployment': {
      const head = t('wall.feed.deployment', { personnel: count(event.personnel, 'wall.personnel') });
      return event.area ? `${head} ${t('wall.feed.area', { area: event.area })}` : head;
    }
    case 'bulletin':
      return t('wall.feed.bulletin', { title: event.title });
    case 'unit.position':
      return t('wall.feed.position', { unit: event.callsign ?? event.unitId });
    default:
      // Workflow steps (issue 14): what they are about, by id; the desk shows them in detail.
      return t(`wall.feed.step.${event.type}`, { id: workflowSubject(event) });
  }
}

function workflowSubject(event: StoredEvent): string {
  if ('incidentId' in event && event.incidentId) return event.incidentId;
  if ('taskingId' in event) return event.taskingId;
  if ('alertId' in event) return event.alertId;
  if ('unitId' in event) return event.unitId;
  if ('post' in event) return event.post;
  return event.id;
}

/** The sender's own words, when the event carries any. */
export function eventText(event: StoredEvent): string | undefined {
  return 'text' in event ? event.text : undefined;
}

/** Whether the server got the event well after it happened (an offline phone catching up). */
export function isLateReport(event: StoredEvent): boolean {
  return Date.parse(event.receivedAt) - Date.parse(event.occurredAt) > LATE_AFTER_MS;
}

/** Newest first by arrival (seq), at most `limit`. */
export function latestEvents(events: readonly StoredEvent[], limit: number): StoredEvent[] {
  return [...events].sort((a, b) => b.seq - a.seq).slice(0, limit);
}

/**
 * What the wall's feed turns through: every item younger than `keepMs` (field reports, incidents,
 * bulletins — the picture keeps routine counts out), newest first, topped up with older ones to
 * `atLeast` so a quiet hour does not leave the feed empty.
 */
export function feedForWall(events: readonly StoredEvent[], now: number, keepMs: number, atLeast: number): StoredEvent[] {
  const newestFirst = latestEvents(events, events.length);
  const recent = newestFirst.filter((e) => now - Date.parse(e.receivedAt) <= keepMs);
  return recent.length >= atLeast ? recent : newestFirst.slice(0, atLeast);
}
