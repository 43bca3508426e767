import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '@/lib/contract/events.ts';
import { buildInject, type InjectDraft } from '@/components/training/injectEvent.ts';

const draft: InjectDraft = {
  type: 'incident',
  agency: 'pnp',
  place: 'santa-rosa',
  delayMinutes: 0,
  text: 'Segundo grupo en la línea',
  headline: '',
  kind: 'crossing',
  severity: 'high',
  people: '30',
  waiting: '',
};
const at = Date.parse('2025-12-01T14:55:00.400-03:00');

describe('buildInject', () => {
  it('builds a valid incident at the exercise time, marked synthetic', () => {
    const built = buildInject(draft, at, 'abc123def');
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const event = eventInputSchema.parse(built.event);
    expect(event).toMatchObject({ type: 'incident', occurredAt: '2025-12-01T17:55:00Z', people: 30, provenance: { synthetic: true } });
  });

  it('schedules later injects and builds bulletins and queues', () => {
    const bulletin = buildInject({ ...draft, type: 'bulletin', headline: 'Aviso', delayMinutes: 30 }, at, 'x1');
    expect(bulletin.ok && bulletin.event.occurredAt).toBe('2025-12-01T18:25:00Z');
    const queue = buildInject({ ...draft, type: 'queue', place: 'chacalluta', waiting: '250' }, at, 'x2');
    expect(queue.ok && eventInputSchema.parse(queue.event)).toMatchObject({ post: 'chacalluta', direction: 'to-chile', waiting: 250 });
  });

  it('names the field a trainer must fix', () => {
    expect(buildInject({ ...draft, text: '  ' }, at, 'x')).toEqual({ ok: false, field: 'text' });
    expect(buildInject({ ...draft, people: '-3' }, at, 'x')).toEqual({ ok: false, field: 'people' });
    expect(buildInject({ ...draft, type: 'bulletin', headline: '' }, at, 'x')).toEqual({ ok: false, field: 'headline' });
    expect(buildInject({ ...draft, type: 'queue', waiting: 'muchos' }, at, 'x')).toEqual({ ok: false, field: 'waiting' });
  });
});
