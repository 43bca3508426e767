import { describe, expect, it } from 'vitest';
import { handoverReplySchema } from '../contract/http.ts';
import * as make from '../testing/eventFactory.ts';
import { buildHandover, HANDOVER_SERIES_POINTS } from './handover.ts';

/** Minutes after 06:00 UTC on 1 Dec 2025 (03:00 in Arica, 01:00 in Tacna). */
const t = (minutes: number) => new Date(Date.UTC(2025, 11, 1, 6, 0) + minutes * 60_000).toISOString();
const FROM = t(0);
const TO = t(12 * 60);

/** A shift with a little of everything, from both countries, with one national item of each. */
const shift = make.stored([
  // Before the shift: an incident still open, one closed in the shift, one closed before it.
  make.incident({ agency: 'pnp', incidentId: 'PE-OLD', severity: 'medium', occurredAt: t(-120), text: 'Grupo en Hito 3' }),
  make.incident({ agency: 'carabineros', incidentId: 'CL-GONE', occurredAt: t(-200) }),
  make.incidentClosed({ agency: 'carabineros', incidentId: 'CL-GONE', occurredAt: t(-100) }),
  make.incident({ agency: 'pdi', incidentId: 'CL-CLOSED', severity: 'low', occurredAt: t(-60) }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 90, occurredAt: t(-30) }),
  // Within the shift.
  make.incident({ agency: 'carabineros', incidentId: 'CL-NAT', severity: 'critical', occurredAt: t(30), releasability: 'national' }),
  make.incident({ agency: 'pnp', incidentId: 'PE-NAT', severity: 'high', occurredAt: t(40), releasability: 'national' }),
  make.incident({ agency: 'pnp', incidentId: 'PE-BIN', severity: 'high', occurredAt: t(50), text: 'Bloqueo en la Panamericana' }),
  make.incidentClosed({ agency: 'pdi', incidentId: 'CL-CLOSED', occurredAt: t(90), text: 'Grupo trasladado a Chacalluta' }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 140, waitMinutes: 35, occurredAt: t(60) }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 410, waitMinutes: 95, occurredAt: t(300) }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 220, waitMinutes: 50, occurredAt: t(600) }),
  make.queueUpdate({ agency: 'pnp', post: 'chacalluta', direction: 'to-chile', waiting: 60, occurredAt: t(120) }),
  make.unitPosition({ agency: 'carabineros', unitId: 'CB-1', status: 'patrolling', occurredAt: t(100) }),
  make.unitPosition({ agency: 'carabineros', unitId: 'CB-2', status: 'responding', occurredAt: t(110) }),
  make.unitPosition({ agency: 'carabineros', unitId: 'CB-3', status: 'patrolling', occurredAt: t(120) }),
  make.unitPosition({ agency: 'carabineros', unitId: 'CB-NAT', status: 'stationary', occurredAt: t(120), releasability: 'national' }),
  make.unitPosition({ agency: 'pnp', unitId: 'PNP-1', occurredAt: t(130) }),
  make.unitPosition({ agency: 'pnp', unitId: 'PNP-OLD', status: 'patrolling', occurredAt: t(-300) }),
  // After the shift: not part of its brief.
  make.incidentClosed({ agency: 'pnp', incidentId: 'PE-BIN', occurredAt: t(12 * 60 + 5) }),
  make.queueUpdate({ agency: 'pdi', post: 'santa-rosa', direction: 'to-peru', waiting: 999, occurredAt: t(12 * 60 + 1) }),
]);

const briefFor = (scope: 'CL' | 'PE' | 'binational-only', events = shift) =>
  buildHandover(events, { from: FROM, to: TO, viewer: { scope } });
const ids = (list: { incidentId: string }[]) => list.map((i) => i.incidentId);

describe('buildHandover', () => {
  it('lists open incidents at the end of the period, most severe first, and never the other country’s national ones', () => {
    expect(ids(briefFor('PE').openIncidents)).toEqual(['PE-NAT', 'PE-BIN', 'PE-OLD']);
    expect(ids(briefFor('CL').openIncidents)).toEqual(['CL-NAT', 'PE-BIN', 'PE-OLD']);
    expect(ids(briefFor('binational-only').openIncidents)).toEqual(['PE-BIN', 'PE-OLD']);
    expect(briefFor('CL').openIncidents[0]).toMatchObject({ agency: 'carabineros', severity: 'critical', releasability: 'national' });
  });

  it('lists incidents closed within the period with their closing note, not those closed before or after it', () => {
    const brief = briefFor('PE');
    expect(brief.closedIncidents).toEqual([
      expect.objectContaining({ incidentId: 'CL-CLOSED', agency: 'pdi', closedAt: t(90), closingNote: 'Grupo trasladado a Chacalluta' }),
    ]);
    // Closed after the period: still open in this brief.
    expect(ids(brief.openIncidents)).toContain('PE-BIN');
    expect(brief.openedInPeriod).toBe(2); // PE-NAT and PE-BIN; CL-NAT is not Peru's to see
    expect(briefFor('CL').openedInPeriod).toBe(2);
  });

  it('gives each queue its peak, longest wait and latest count within the period, and the count it started from', () => {
    const [santaRosa, chacalluta] = briefFor('CL').queues;
    expect(santaRosa).toMatchObject({
      post: 'santa-rosa',
      direction: 'to-peru',
      peak: { waiting: 410, at: t(300) },
      peakWaitMinutes: 95,
      current: { waiting: 220, waitMinutes: 50, at: t(600) },
      atStart: { waiting: 90, at: t(-30) },
      level: 300,
      reports: 3,
    });
    expect(santaRosa.series.map((p) => p.waiting)).toEqual([140, 410, 220]);
    expect(chacalluta).toMatchObject({
      post: 'chacalluta',
      direction: 'to-chile',
      peak: { waiting: 60 },
      peakWaitMinutes: null,
      atStart: null,
    });
  });

  it('keeps a long series to a few hundred points without losing the peak', () => {
    const everyMinute = make.stored(
      Array.from({ length: 12 * 60 }, (_, i) => make.queueUpdate({ waiting: i === 437 ? 5000 : 100 + (i % 7), occurredAt: t(i) })),
    );
    const [queue] = buildHandover(everyMinute, { from: FROM, to: TO, viewer: { scope: 'PE' } }).queues;
    expect(queue.series.length).toBeLessThanOrEqual(HANDOVER_SERIES_POINTS);
    expect(queue.bucketMinutes).toBe(3);
    expect(Math.max(...queue.series.map((p) => p.waiting))).toBe(5000);
    expect(queue.peak).toEqual({ waiting: 5000, at: t(437) });
    expect(queue.reports).toBe(720);
  });

  it('counts units that reported within the period by agency and last status', () => {
    expect(briefFor('CL').units).toEqual([
      { agency: 'carabineros', total: 4, byStatus: { patrolling: 2, responding: 1, stationary: 1 } },
      { agency: 'pnp', total: 1, byStatus: { unknown: 1 } },
    ]);
    // The Chilean national unit is not Peru's to count.
    expect(briefFor('PE').units[0]).toEqual({ agency: 'carabineros', total: 3, byStatus: { patrolling: 2, responding: 1 } });
  });

  it('shows the state as it was at the end of the period, whatever came after', () => {
    const brief = briefFor('PE');
    expect(brief.queues[0].current?.waiting).toBe(220);
    expect(brief.period).toEqual({ from: FROM, to: TO });
  });

  it('gives each incident its status and owner, each closure its outcome, and the alerts of the period with their acknowledgement', () => {
    const workflow = make.stored([
      make.incident({ agency: 'pnp', incidentId: 'W-1', occurredAt: t(10) }),
      make.incidentValidated({ agency: 'pnp', incidentId: 'W-1', owner: 'pnp', impact: 'very-high', occurredAt: t(20) }),
      make.incident({ agency: 'pnp', incidentId: 'W-2', occurredAt: t(30) }),
      make.incidentValidated({ agency: 'pnp', incidentId: 'W-2', owner: 'pnp', occurredAt: t(35) }),
      make.incidentClosed({ agency: 'pnp', incidentId: 'W-2', outcome: 'resolved', occurredAt: t(60) }),
      make.alertRaised({ alertId: 'A-1', occurredAt: t(40) }),
      make.alertAcknowledged({ alertId: 'A-1', occurredAt: t(45) }),
      make.alertRaised({ alertId: 'A-2', kind: 'incident-severity', subject: { incidentId: 'W-1' }, agency: 'pnp', occurredAt: t(50) }),
      make.alertRaised({ alertId: 'A-OLD', occurredAt: t(-50) }),
      make.alertAcknowledged({ alertId: 'A-2', occurredAt: t(12 * 60 + 1) }), // after the period
    ]);
    const brief = buildHandover(workflow, { from: FROM, to: TO, viewer: { scope: 'CL' } });
    expect(brief.openIncidents[0]).toMatchObject({ incidentId: 'W-1', status: 'validated', owner: 'pnp', impact: 'very-high' });
    expect(brief.closedIncidents[0]).toMatchObject({ incidentId: 'W-2', status: 'closed', outcome: 'resolved', owner: 'pnp' });
    expect(brief.alerts.map((a) => [a.alertId, a.acknowledged?.role ?? null])).toEqual([
      ['A-2', null],
      ['A-1', 'coordinator'],
    ]);
    expect(brief.alerts[0]).toMatchObject({ kind: 'incident-severity', incidentId: 'W-1' });
    expect(brief.alerts[1]).toMatchObject({ kind: 'queue-level', post: 'santa-rosa', direction: 'to-peru' });
  });

  it('leaves the other country’s national-only alert out of the brief, and gives it to its own country with its acknowledgement', () => {
    const alerts = make.stored([
      make.incident({ agency: 'carabineros', incidentId: 'CL-N1', severity: 'critical', releasability: 'national', occurredAt: t(10) }),
      // The alert about a national-only Carabineros incident is national too, and so is its acknowledgement.
      make.alertRaised({
        alertId: 'alert:incident:CL-N1',
        kind: 'incident-severity',
        subject: { incidentId: 'CL-N1' },
        agency: 'carabineros',
        releasability: 'national',
        occurredAt: t(11),
      }),
      make.alertAcknowledged({ alertId: 'alert:incident:CL-N1', agency: 'carabineros', releasability: 'national', occurredAt: t(12) }),
      make.alertRaised({ alertId: 'alert:queue:santa-rosa:to-peru:1', occurredAt: t(20) }),
    ]);
    const brief = (scope: 'CL' | 'PE') => buildHandover(alerts, { from: FROM, to: TO, viewer: { scope } });
    expect(brief('PE').alerts.map((a) => a.alertId)).toEqual(['alert:queue:santa-rosa:to-peru:1']);
    expect(JSON.stringify(brief('PE'))).not.toContain('CL-N1');
    expect(brief('CL').alerts.map((a) => a.alertId)).toEqual(['alert:queue:santa-rosa:to-peru:1', 'alert:incident:CL-N1']);
    expect(brief('CL').alerts[1]).toEqual({
      alertId: 'alert:incident:CL-N1',
      kind: 'incident-severity',
      agency: 'carabineros',
      raisedAt: t(11),
      incidentId: 'CL-N1',
      acknowledged: { at: t(12), role: 'coordinator' },
    });
  });

  it('counts units by their availability when the workflow gave one', () => {
    const units = make.stored([
      make.unitPosition({ agency: 'pnp', unitId: 'PNP-1', status: 'patrolling', occurredAt: t(10) }),
      make.unitAvailability({ agency: 'pnp', unitId: 'PNP-1', availability: 'en-route', occurredAt: t(20) }),
      make.unitPosition({ agency: 'pnp', unitId: 'PNP-2', status: 'patrolling', occurredAt: t(10) }),
    ]);
    expect(buildHandover(units, { from: FROM, to: TO, viewer: { scope: 'PE' } }).units).toEqual([
      { agency: 'pnp', total: 2, byStatus: { 'en-route': 1, patrolling: 1 } },
    ]);
  });

  it('replies in the shape the contract describes', () => {
    expect(handoverReplySchema.safeParse(briefFor('PE')).success).toBe(true);
    expect(handoverReplySchema.safeParse(briefFor('CL', [])).success).toBe(true);
  });

  it('refuses a period that does not start before it ends', () => {
    expect(() => buildHandover(shift, { from: TO, to: FROM, viewer: { scope: 'CL' } })).toThrow(/start before it ends/);
  });
});
