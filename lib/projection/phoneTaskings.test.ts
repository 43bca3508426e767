import { describe, expect, it } from 'vitest';
import { phoneTaskingsReplySchema } from '../contract/http.ts';
import { FINISHED_KEPT_MS, phoneTaskings } from './phoneTaskings.ts';
import { project } from './picture.ts';
import * as make from '../testing/eventFactory.ts';

const t = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 12, 0) + minutes * 60_000).toISOString();
const at = (minutes: number) => Date.parse(t(minutes));
const PNP_3 = { agency: 'pnp', unitId: 'PNP-3' } as const;

const tasked = [
  make.incident({ occurredAt: t(0), severity: 'high', people: 23, minors: 4, text: 'Grupo varado en el complejo' }),
  make.incidentValidated({ occurredAt: t(1), response: 'Patrulla en camino con agua' }),
  make.taskingAssigned({ occurredAt: t(2), text: 'Llevar agua' }),
];

describe('the phone’s taskings', () => {
  it('lists the unit’s tasking with its incident summary (counts, never names) and the unit as assigned', () => {
    const reply = phoneTaskings(project(make.stored(tasked)), PNP_3, at(3));
    expect(phoneTaskingsReplySchema.safeParse({ channel: 'live', ...reply }).success).toBe(true);
    expect(reply.unit).toEqual({ ...PNP_3, availability: 'assigned', since: t(2) });
    expect(reply.taskings).toHaveLength(1);
    expect(reply.taskings[0]).toMatchObject({
      taskingId: 'T-1',
      incidentId: 'I-1',
      state: 'assigned',
      since: t(2),
      text: 'Llevar agua',
      incident: { kind: 'crossing', severity: 'high', status: 'assigned', people: 23, minors: 4, response: 'Patrulla en camino con agua' },
    });
    expect(reply.taskings[0].finishedAt).toBeUndefined();
  });

  it('follows the unit’s answers: accepted (en route), on scene, done — and keeps the finished one a while', () => {
    const accepted = project(make.stored([...tasked, make.taskingAnswer({ occurredAt: t(3), answer: 'accept' })]));
    expect(phoneTaskings(accepted, PNP_3, at(4)).taskings[0]).toMatchObject({ state: 'accepted', since: t(3) });
    expect(phoneTaskings(accepted, PNP_3, at(4)).unit?.availability).toBe('en-route');

    const done = project(
      make.stored([
        ...tasked,
        make.taskingAnswer({ occurredAt: t(3), answer: 'accept' }),
        make.taskingAnswer({ occurredAt: t(9), answer: 'on-scene' }),
        make.taskingAnswer({ occurredAt: t(20), answer: 'done' }),
      ]),
    );
    const soon = phoneTaskings(done, PNP_3, at(21));
    expect(soon.taskings[0]).toMatchObject({ state: 'done', finishedAt: t(20) });
    expect(soon.unit?.availability).toBe('available');
    expect(phoneTaskings(done, PNP_3, at(20) + FINISHED_KEPT_MS + 1).taskings).toEqual([]);
  });

  it('marks a tasking finished when its incident is closed under it', () => {
    const closed = project(make.stored([...tasked, make.incidentClosed({ occurredAt: t(5), outcome: 'unfounded' })]));
    const reply = phoneTaskings(closed, PNP_3, at(6));
    expect(reply.taskings[0]).toMatchObject({ state: 'assigned', finishedAt: t(5), incident: { status: 'closed' } });
  });

  it('shows open taskings first, newest first, and nothing of other units', () => {
    const picture = project(
      make.stored([
        ...tasked,
        make.incident({ incidentId: 'I-2', occurredAt: t(10) }),
        make.incidentValidated({ incidentId: 'I-2', occurredAt: t(11) }),
        make.taskingAssigned({ taskingId: 'T-2', incidentId: 'I-2', occurredAt: t(12) }),
        make.incident({ incidentId: 'I-3', occurredAt: t(13) }),
        make.incidentValidated({ incidentId: 'I-3', occurredAt: t(14) }),
        make.taskingAssigned({ taskingId: 'T-3', incidentId: 'I-3', occurredAt: t(15), units: [{ agency: 'pnp', unitId: 'PNP-9' }] }),
        make.taskingAnswer({ taskingId: 'T-2', occurredAt: t(16), answer: 'decline', reason: 'Sin combustible' }),
      ]),
    );
    const reply = phoneTaskings(picture, PNP_3, at(17));
    expect(reply.taskings.map((x) => [x.taskingId, x.state])).toEqual([
      ['T-1', 'assigned'],
      ['T-2', 'declined'],
    ]);
  });

  it('has nothing for an account without a unit', () => {
    expect(phoneTaskings(project(make.stored(tasked)), null, at(3))).toEqual({ seq: 3, unit: null, taskings: [] });
  });
});
