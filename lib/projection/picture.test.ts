import { describe, expect, it } from 'vitest';
import { applyEvents, emptyPicture, FEED_SIZE, project, queueKey, unitKey } from './picture.ts';
import { isUnitFaded, openIncidents, queueTrend } from './selectors.ts';
import * as make from '../testing/eventFactory.ts';

const t = (minutes: number) => new Date(Date.UTC(2025, 11, 1, 17, 0) + minutes * 60_000).toISOString();

describe('projection', () => {
  it('places each unit at its last reported position', () => {
    const picture = project(
      make.stored([
        make.unitPosition({ unitId: 'M-1', occurredAt: t(0), position: { lat: -18.33, lon: -70.33 } }),
        make.unitPosition({ unitId: 'M-1', occurredAt: t(1), position: { lat: -18.32, lon: -70.32 } }),
        make.unitPosition({ unitId: 'M-2', occurredAt: t(1), position: { lat: -18.4, lon: -70.3 } }),
      ]),
    );
    expect(Object.keys(picture.units)).toHaveLength(2);
    expect(picture.units[unitKey('carabineros', 'M-1')].position).toEqual({ lat: -18.32, lon: -70.32 });
    expect(picture.seq).toBe(3);
  });

  it('keeps units of different agencies with the same id apart', () => {
    const picture = project(make.stored([make.unitPosition({ unitId: 'U1' }), make.unitPosition({ unitId: 'U1', agency: 'pnp' })]));
    expect(Object.keys(picture.units).sort()).toEqual(['carabineros/U1', 'pnp/U1']);
  });

  it('does not move a unit back when a late report arrives after a newer one', () => {
    const picture = project(
      make.stored([
        make.unitPosition({ occurredAt: t(10), position: { lat: -18.3, lon: -70.3 } }),
        make.unitPosition({ occurredAt: t(5), position: { lat: -18.5, lon: -70.3 } }),
      ]),
    );
    expect(picture.units['carabineros/M-1'].position.lat).toBe(-18.3);
    expect(picture.units['carabineros/M-1'].lastSeenAt).toBe(t(10));
  });

  it('keeps callsign and status across fixes that omit them', () => {
    const picture = project(
      make.stored([
        make.unitPosition({ occurredAt: t(0), callsign: 'Z-1', status: 'patrolling' }),
        make.unitPosition({ occurredAt: t(1), callsign: undefined }),
      ]),
    );
    expect(picture.units['carabineros/M-1']).toMatchObject({ callsign: 'Z-1', status: 'patrolling' });
  });

  it('a patrol report moves the unit and records its text', () => {
    const picture = project(make.stored([make.patrolReport({ text: 'Grupo de 12 en Hito 4', people: 12 })]));
    expect(picture.units['pnp/PNP-3'].lastReport).toMatchObject({ text: 'Grupo de 12 en Hito 4', people: 12 });
    expect(picture.feed).toHaveLength(1);
  });

  it('tracks queue value, history and trend per post and direction', () => {
    const picture = project(
      make.stored([
        make.queueUpdate({ occurredAt: t(0), waiting: 100 }),
        make.queueUpdate({ occurredAt: t(30), waiting: 180 }),
        make.queueUpdate({ occurredAt: t(60), waiting: 260 }),
        make.queueUpdate({ occurredAt: t(60), waiting: 40, post: 'chacalluta', direction: 'to-chile' }),
      ]),
    );
    const santaRosa = picture.queues[queueKey('santa-rosa', 'to-peru')];
    expect(santaRosa.waiting).toBe(260);
    expect(santaRosa.history.map((p) => p.waiting)).toEqual([100, 180, 260]);
    expect(queueTrend(santaRosa)).toBe('rising');
    expect(picture.queues[queueKey('chacalluta', 'to-chile')].waiting).toBe(40);
  });

  it('a late queue count joins the history in time order without replacing the current value', () => {
    const picture = project(
      make.stored([make.queueUpdate({ occurredAt: t(60), waiting: 50 }), make.queueUpdate({ occurredAt: t(0), waiting: 300 })]),
    );
    const q = picture.queues['santa-rosa/to-peru'];
    expect(q.waiting).toBe(50);
    expect(q.history.map((p) => p.waiting)).toEqual([300, 50]);
    expect(queueTrend(q)).toBe('falling');
  });

  it('drops queue history older than the window', () => {
    const events = Array.from({ length: 30 }, (_, h) => make.queueUpdate({ occurredAt: t(h * 60), waiting: h }));
    const q = project(make.stored(events)).queues['santa-rosa/to-peru'];
    expect(Date.parse(q.history[0].at)).toBeGreaterThanOrEqual(Date.parse(t(29 * 60)) - 12 * 3_600_000);
  });

  it('keeps one queue point per minute, the latest count in it, however many arrive and in what order', () => {
    const base = Date.parse(t(0));
    const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
    const events = [
      make.queueUpdate({ occurredAt: at(10), waiting: 1 }),
      make.queueUpdate({ occurredAt: at(50), waiting: 2 }),
      make.queueUpdate({ occurredAt: at(70), waiting: 3 }),
      make.queueUpdate({ occurredAt: at(30), waiting: 99 }), // late, and older than the 50 s count of its minute
      make.queueUpdate({ occurredAt: at(130), waiting: 4 }),
      make.queueUpdate({ occurredAt: at(65), waiting: 98 }), // late, and older than the 70 s count of its minute
      make.queueUpdate({ occurredAt: at(75), waiting: 5 }), // newest of its minute: replaces the 70 s count
    ];
    const q = project(make.stored(events)).queues['santa-rosa/to-peru'];
    expect(q.history.map((p) => p.waiting)).toEqual([2, 5, 4]);
    expect(q.waiting).toBe(4);
  });

  it('opens, updates and closes incidents; a late update cannot reopen a closed one', () => {
    const picture = project(
      make.stored([
        make.incident({ occurredAt: t(0), people: 38 }),
        make.incident({ occurredAt: t(5), people: 47, severity: 'critical' }),
        make.incidentClosed({ occurredAt: t(120) }),
        make.incident({ occurredAt: t(10), people: 50 }),
      ]),
    );
    expect(openIncidents(picture)).toHaveLength(0);
    expect(picture.incidents['I-1']).toMatchObject({ people: 47, closedAt: t(120) });
  });

  it('lists open incidents most severe first', () => {
    const picture = project(
      make.stored([
        make.incident({ incidentId: 'a', severity: 'low' }),
        make.incident({ incidentId: 'b', severity: 'critical' }),
        make.incident({ incidentId: 'c', severity: 'medium' }),
      ]),
    );
    expect(openIncidents(picture).map((i) => i.incidentId)).toEqual(['b', 'c', 'a']);
  });

  it('keeps the feed newest first, bounded, and free of routine position fixes and queue counts', () => {
    const events = make.stored([
      make.unitPosition(),
      make.queueUpdate(),
      ...Array.from({ length: FEED_SIZE + 5 }, (_, i) => make.bulletin({ title: `B${i}` })),
    ]);
    const picture = project(events);
    expect(picture.feed).toHaveLength(FEED_SIZE);
    expect(picture.feed[0].seq).toBe(events[events.length - 1].seq);
    expect(picture.feed.some((e) => e.type === 'unit.position' || e.type === 'queue.update')).toBe(false);
  });

  it('a flood of queue counts leaves a patrol report in the feed', () => {
    const events = make.stored([
      make.patrolReport({ text: 'Grupo de 8 en Hito 3' }),
      ...Array.from({ length: FEED_SIZE * 3 }, (_, i) => make.queueUpdate({ waiting: i })),
    ]);
    expect(project(events).feed.map((e) => e.type)).toEqual(['patrol.report']);
  });

  it('gives the same picture whether events come one by one or all at once', () => {
    const events = make.stored([
      make.unitPosition({ occurredAt: t(0) }),
      make.queueUpdate({ occurredAt: t(1) }),
      make.incident({ occurredAt: t(2) }),
      make.deployment({ occurredAt: t(3) }),
      make.incidentClosed({ occurredAt: t(4) }),
      make.bulletin({ occurredAt: t(5) }),
    ]);
    const stepwise = events.reduce((p, e) => applyEvents(p, [e]), emptyPicture());
    expect(stepwise).toEqual(project(events));
  });

  it('ignores events it already reflects and does not modify its input', () => {
    const events = make.stored([make.unitPosition(), make.queueUpdate()]);
    const once = project(events);
    const frozen = JSON.stringify(once);
    const again = applyEvents(once, events);
    expect(again).toBe(once);
    applyEvents(once, make.stored([make.unitPosition({ unitId: 'X' })], 'live', 3));
    expect(JSON.stringify(once)).toBe(frozen);
  });

  it('fades units that have not reported for the configured minutes', () => {
    const picture = project(make.stored([make.unitPosition({ occurredAt: t(0) })]));
    const unit = picture.units['carabineros/M-1'];
    expect(isUnitFaded(unit, Date.parse(t(10)), 15)).toBe(false);
    expect(isUnitFaded(unit, Date.parse(t(16)), 15)).toBe(true);
  });
});
