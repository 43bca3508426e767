import { describe, expect, it } from 'vitest';
import { applyEvents, emptyPicture } from '@/lib/projection/picture.ts';
import type { StoredEvent } from '@/lib/contract/events.ts';
import * as make from '@/lib/testing/eventFactory.ts';
import { actionsFor, DEFAULT_FILTER, deskView, filterIncidents, nearestPost, stepLabel } from '@/components/desk/deskView.ts';

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
  const view = deskView(picture, Date.parse('2026-12-07T12:00:00.000Z'));

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
    const history = view.incidents.find((i) => i.incidentId === 'done')!.history;
    expect(history.map((h, i) => stepLabel(h, i))).toEqual(['desk.step.reported', 'desk.step.closed']);
  });
});

describe('the desk view of the workflow', () => {
  const t0 = Date.parse('2026-12-07T10:00:00.000Z');
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const unit = (unitId: string, callsign: string, minutes = 0) =>
    make.unitPosition({ agency: 'pnp', unitId, callsign, occurredAt: at(minutes), position: { lat: -18.05, lon: -70.25 } });
  const picture = applyEvents(
    emptyPicture(),
    make.stored([
      unit('PNP-3', 'PNP Santa Rosa 3'),
      unit('PNP-4', 'PNP Santa Rosa 4', 30),
      unit('PNP-5', 'PNP Santa Rosa 5 — motorizada de la frontera', 30),
      make.incident({ agency: 'pnp', incidentId: 'I-1', occurredAt: at(1), text: 'Grupo en el hito' }),
      make.incidentValidated({ incidentId: 'I-1', occurredAt: at(2), response: 'Patrulla en camino' }),
      make.taskingAssigned({ taskingId: 'T-1', incidentId: 'I-1', occurredAt: at(3), units: [{ agency: 'pnp', unitId: 'PNP-3' }] }),
      make.taskingAnswer({ taskingId: 'T-1', unit: { agency: 'pnp', unitId: 'PNP-3' }, answer: 'accept', occurredAt: at(4) }),
      make.taskingAssigned({ taskingId: 'T-2', incidentId: 'I-1', occurredAt: at(5), units: [{ agency: 'pnp', unitId: 'PNP-4' }] }),
    ]),
  );

  it("shows the projection's history: each step with who took it, the unit's answer, the response", () => {
    const view = deskView(picture, t0 + 6 * 60_000);
    const history = view.incidents[0].history;
    expect(history.map((h, i) => stepLabel(h, i))).toEqual([
      'desk.step.reported',
      'desk.step.validated',
      'desk.step.assigned',
      'desk.step.answer.accept',
      'desk.step.assigned',
    ]);
    expect(history[1]).toMatchObject({ note: 'Patrulla en camino', actor: { accountId: 'coord-pe', role: 'coordinator' } });
    expect(history[3]).toMatchObject({ answer: 'accept', unit: { agency: 'pnp', unitId: 'PNP-3' } });
    expect(view.incidents[0].units).toEqual(['PNP Santa Rosa 3', 'PNP Santa Rosa 4']);
  });

  it('puts each unit in its workflow status since the step that put it there; untouched units are available with no time', () => {
    const units = deskView(picture, t0 + 6 * 60_000).units;
    const byId = Object.fromEntries(units.map((u) => [u.unitId, u]));
    expect(byId['PNP-3']).toMatchObject({ status: 'en-route', since: at(4), incidentId: 'I-1' });
    expect(byId['PNP-4']).toMatchObject({ status: 'assigned', since: at(5) });
    expect(byId['PNP-5']).toMatchObject({ status: 'available', callsign: 'PNP Santa Rosa 5 — motorizada de la frontera' });
    expect(byId['PNP-5'].since).toBeUndefined();
    expect(units.some((u) => u.overdue)).toBe(false);
  });

  it('marks a tasking not accepted within the timeout, and a tasked unit gone silent', () => {
    // 16 min after the second assignment: past the 10 min accept timeout; PNP-3 (last seen at 0) past the 15 min fade.
    const units = deskView(picture, t0 + 21 * 60_000, 15).units;
    const byId = Object.fromEntries(units.map((u) => [u.unitId, u]));
    expect(byId['PNP-4'].overdue).toBe('not-accepted');
    expect(byId['PNP-3'].overdue).toBe('silent');
    expect(byId['PNP-5'].overdue).toBeUndefined();
    expect(units.map((u) => u.unitId)).toEqual(['PNP-3', 'PNP-4', 'PNP-5']); // marked ones first, then by callsign
  });

  it('orders units by agency and callsign in natural order, marked ones first', () => {
    const board = applyEvents(
      emptyPicture(),
      make.stored(
        ['CB-10', 'CB-2', 'CB-1'].map((unitId) =>
          make.unitPosition({ agency: 'carabineros', unitId, callsign: `Z ${unitId.slice(3)}`, occurredAt: at(0) }),
        ),
      ),
    );
    expect(deskView(board, t0).units.map((u) => u.callsign)).toEqual(['Z 1', 'Z 2', 'Z 10']);
  });
});

describe('the actions offered', () => {
  it('validates or returns a report, works a validated one, and nothing on a closed one', () => {
    expect(actionsFor('reported')).toEqual(['validate', 'return', 'close']);
    expect(actionsFor('validated')).toContain('assign');
    expect(actionsFor('closed')).toEqual([]);
  });
});
