import { describe, expect, it } from 'vitest';
import { applyEvents, emptyPicture } from '@/lib/projection/picture.ts';
import type { StoredEvent } from '@/lib/contract/events.ts';
import { actionsFor, DEFAULT_FILTER, deskView, filterIncidents, nearestPost } from '@/components/desk/deskView.ts';

let seq = 0;
function incident(id: string, over: Partial<Extract<StoredEvent, { type: 'incident' }>> = {}): StoredEvent {
  seq += 1;
  return {
    seq,
    receivedAt: '2026-12-07T10:00:00.000Z',
    id: `e-${id}-${seq}`,
    type: 'incident',
    agency: 'pnp',
    occurredAt: `2026-12-07T10:${String(seq).padStart(2, '0')}:00.000Z`,
    incidentId: id,
    kind: 'stranded-group',
    severity: 'medium',
    text: `incident ${id}`,
    position: { lat: -18.3131, lon: -70.3142 },
    ...over,
  } as StoredEvent;
}

function closed(id: string): StoredEvent {
  seq += 1;
  return {
    seq,
    receivedAt: '2026-12-07T10:00:00.000Z',
    id: `c-${id}`,
    type: 'incident.closed',
    agency: 'pnp',
    occurredAt: `2026-12-07T11:${String(seq).padStart(2, '0')}:00.000Z`,
    incidentId: id,
  } as StoredEvent;
}

describe('the desk view of a picture', () => {
  const picture = applyEvents(emptyPicture(), [
    incident('sr', { severity: 'high' }),
    incident('far', { agency: 'carabineros', position: { lat: -18.0, lon: -70.0 }, severity: 'low' }),
    incident('cha', { agency: 'carabineros', position: { lat: -18.318, lon: -70.316 }, severity: 'critical' }),
    incident('done'),
    closed('done'),
  ]);
  const view = deskView(picture);

  it('lists open incidents most severe first, closed ones last', () => {
    expect(view.incidents.map((i) => i.incidentId)).toEqual(['cha', 'sr', 'far', 'done']);
    expect(view.incidents.at(-1)?.status).toBe('closed');
  });

  it('filters by agency, post, status and severity', () => {
    const ids = (f: Partial<typeof DEFAULT_FILTER>) =>
      filterIncidents(view.incidents, { ...DEFAULT_FILTER, ...f }).map((i) => i.incidentId);
    expect(ids({})).toEqual(['cha', 'sr', 'far']);
    expect(ids({ agency: 'carabineros' })).toEqual(['cha', 'far']);
    expect(ids({ post: 'none' })).toEqual(['far']);
    expect(ids({ severity: 'high' })).toEqual(['sr']);
    expect(ids({ status: 'closed' })).toEqual(['done']);
    expect(ids({ status: '' })).toHaveLength(4);
  });

  it('puts an incident at the post it is near, or none beyond 5 km', () => {
    expect(nearestPost(-18.313, -70.314)).toBe('santa-rosa');
    expect(nearestPost(-18.3185, -70.3165)).toBe('chacalluta');
    expect(nearestPost(-18.0, -70.0)).toBeNull();
  });

  it('keeps the report and the closure in the history', () => {
    expect(view.incidents.find((i) => i.incidentId === 'done')?.history.map((h) => h.step)).toEqual(['reported', 'closed']);
  });
});

describe('the actions offered', () => {
  it('validates or returns a report, works a validated one, and nothing on a closed one', () => {
    expect(actionsFor('reported')).toEqual(['validate', 'return', 'close']);
    expect(actionsFor('validated')).toContain('assign');
    expect(actionsFor('closed')).toEqual([]);
  });
});
