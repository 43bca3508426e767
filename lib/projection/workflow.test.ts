import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '../contract/events.ts';
import { ACTION_IDS_KEPT, actionKey, applyEvents, emptyPicture, project, queueKey } from './picture.ts';
import { isAtQueueLevel, queueAlertLevel } from './queueLevels.ts';
import { openIncidents } from './selectors.ts';
import { alertAbout, openAlerts, overdueTaskings, taskingsForUnit } from './workflowSelectors.ts';
import * as make from '../testing/eventFactory.ts';

const t = (minutes: number) => new Date(Date.UTC(2025, 11, 1, 17, 0) + minutes * 60_000).toISOString();

describe('workflow contract', () => {
  it('accepts every workflow builder as a valid event', () => {
    for (const build of [
      make.incidentValidated,
      make.incidentReturned,
      make.incidentTransfer,
      make.incidentTransferAccepted,
      make.incidentFollowup,
      make.taskingAssigned,
      make.taskingAnswer,
      make.unitAvailability,
      make.postStatus,
      make.queueLevels,
      make.workflowTimers,
      make.alertRaised,
      make.alertAcknowledged,
    ]) {
      const result = eventInputSchema.safeParse(build());
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  it('refuses a decline without a reason and a duplicate without duplicateOf', () => {
    const decline = eventInputSchema.safeParse(make.taskingAnswer({ answer: 'decline' }));
    expect(decline.error?.issues.map((i) => i.message)).toContain('a decline needs a reason');
    const dup = eventInputSchema.safeParse(make.incidentClosed({ outcome: 'duplicate' }));
    expect(dup.error?.issues.map((i) => i.message)).toContain('duplicateOf is required with outcome duplicate, and only with it');
  });

  it('refuses more available windows than open ones', () => {
    const result = eventInputSchema.safeParse(make.queueUpdate({ windows: { vehicles: { open: 2, available: 9 } } }));
    expect(result.error?.issues.map((i) => i.message)).toContain('available windows cannot exceed open windows');
  });
});

describe('workflow projection', () => {
  it('walks an incident from reported to closed, recording who and when at each step', () => {
    const events = make.stored([
      make.incident({ occurredAt: t(0), severity: 'critical' }),
      make.incidentValidated({ occurredAt: t(1) }),
      make.taskingAssigned({ occurredAt: t(2) }),
      make.taskingAnswer({ occurredAt: t(3), answer: 'accept' }),
      make.taskingAnswer({ occurredAt: t(9), answer: 'on-scene' }),
      make.incidentFollowup({ occurredAt: t(10), reportId: 'rep-1', people: 60 }),
      make.taskingAnswer({ occurredAt: t(30), answer: 'done' }),
      make.incidentClosed({ occurredAt: t(31), outcome: 'resolved', actor: { accountId: 'coord-pe', role: 'coordinator' } }),
    ]);
    // Step by step, as the live picture advances: the incident's status after each event.
    let stepped = emptyPicture();
    const statuses = events.map((event) => {
      stepped = applyEvents(stepped, [event]);
      return stepped.incidents['I-1'].status;
    });
    expect(statuses).toEqual([
      'reported',
      'validated',
      'assigned', // tasking.assigned
      'assigned', // accepted: the unit is en route, the incident still assigned
      'on-scene', // the unit's answer 'on-scene'
      'on-scene', // a follow-up does not move it
      'on-scene', // the unit is done; the incident stays on scene until its owner closes it
      'closed',
    ]);
    const picture = project(events);
    expect(stepped.incidents['I-1']).toEqual(picture.incidents['I-1']);
    const incident = picture.incidents['I-1'];
    expect(incident).toMatchObject({ status: 'closed', outcome: 'resolved', originator: 'pnp', owner: 'pnp', impact: 'high', people: 60 });
    expect(incident.history.map((s) => s.type)).toEqual([
      'incident',
      'incident.validated',
      'tasking.assigned',
      'tasking.answer',
      'tasking.answer',
      'incident.followup',
      'tasking.answer',
      'incident.closed',
    ]);
    expect(incident.history[1]).toMatchObject({
      at: t(1),
      actor: { accountId: 'coord-pe', role: 'coordinator' },
      note: 'Patrulla en camino',
    });
    expect(incident.history[5].reportId).toBe('rep-1');
    expect(picture.taskings['T-1'].units[0]).toMatchObject({ state: 'done', acceptedAt: t(3), onSceneAt: t(9), doneAt: t(30) });
    expect(picture.unitStatus['pnp/PNP-3']).toMatchObject({ availability: 'available', since: t(30) });
    expect(openIncidents(picture)).toEqual([]);
    expect(picture.feed.map((e) => e.type)).toEqual(['incident.closed', 'incident']);
  });

  it('derives impact from severity until validation rates it', () => {
    const picture = project(make.stored([make.incident({ severity: 'critical' })]));
    expect(picture.incidents['I-1']).toMatchObject({ status: 'reported', impact: 'very-high', originator: 'pnp' });
    expect(picture.incidents['I-1'].owner).toBeUndefined();
  });

  it('a returned incident keeps its reason until validated', () => {
    const returned = project(make.stored([make.incident({ occurredAt: t(0) }), make.incidentReturned({ occurredAt: t(1) })]));
    expect(returned.incidents['I-1']).toMatchObject({ status: 'returned', returnedReason: 'Falta la ubicación exacta' });
    const validated = project(
      make.stored([
        make.incident({ occurredAt: t(0) }),
        make.incidentReturned({ occurredAt: t(1) }),
        make.incidentValidated({ occurredAt: t(2) }),
      ]),
    );
    expect(validated.incidents['I-1'].status).toBe('validated');
    expect(validated.incidents['I-1'].returnedReason).toBeUndefined();
  });

  it('changes owner only when the transfer is accepted', () => {
    const offered = make.stored([
      make.incident({ occurredAt: t(0) }),
      make.incidentValidated({ occurredAt: t(1) }),
      make.incidentTransfer({ occurredAt: t(2) }),
    ]);
    expect(project(offered).incidents['I-1']).toMatchObject({ owner: 'pnp', pendingTransfer: { to: 'carabineros' } });
    const accepted = project([...offered, ...make.stored([make.incidentTransferAccepted({ occurredAt: t(3) })], 'live', 4)]);
    expect(accepted.incidents['I-1'].owner).toBe('carabineros');
    expect(accepted.incidents['I-1'].pendingTransfer).toBeUndefined();
  });

  it('an update of an open incident keeps its workflow state', () => {
    const picture = project(
      make.stored([
        make.incident({ occurredAt: t(0) }),
        make.incidentValidated({ occurredAt: t(1) }),
        make.incident({ occurredAt: t(2), people: 80 }),
      ]),
    );
    expect(picture.incidents['I-1']).toMatchObject({ status: 'validated', owner: 'pnp', people: 80 });
  });

  it('closing an incident ends its taskings and frees their units', () => {
    const picture = project(
      make.stored([
        make.incident({ occurredAt: t(0) }),
        make.taskingAssigned({ occurredAt: t(1) }),
        make.taskingAnswer({ occurredAt: t(2), answer: 'accept' }),
        make.incidentClosed({ occurredAt: t(3), outcome: 'unfounded' }),
      ]),
    );
    expect(picture.taskings['T-1'].closedAt).toBe(t(3));
    expect(picture.unitStatus['pnp/PNP-3'].availability).toBe('available');
    expect(taskingsForUnit(picture, 'pnp', 'PNP-3')).toEqual([]);
  });

  it('a declined tasking frees the unit and records the reason', () => {
    const picture = project(
      make.stored([
        make.incident({ occurredAt: t(0) }),
        make.taskingAssigned({ occurredAt: t(1) }),
        make.taskingAnswer({ occurredAt: t(2), answer: 'decline', reason: 'Sin combustible' }),
      ]),
    );
    expect(picture.taskings['T-1']).toMatchObject({ closedAt: t(2), units: [{ state: 'declined', declineReason: 'Sin combustible' }] });
    expect(picture.unitStatus['pnp/PNP-3'].availability).toBe('available');
  });

  it('marks a tasking overdue when not accepted in time, or on scene too long, by the configured timers', () => {
    const base = make.stored([make.incident({ occurredAt: t(0) }), make.taskingAssigned({ occurredAt: t(0) })]);
    expect(overdueTaskings(project(base), Date.parse(t(9)))).toEqual([]);
    expect(overdueTaskings(project(base), Date.parse(t(10)))).toMatchObject([{ reason: 'not-accepted', since: t(10) }]);
    const faster = project([
      ...make.stored([make.workflowTimers({ acceptTimeoutMinutes: 5 })]),
      ...make
        .stored(
          base.map((e) => e),
          'live',
          2,
        )
        .map((e) => e),
    ]);
    expect(faster.timers.acceptTimeoutMinutes).toBe(5);
    const onScene = project([
      ...base,
      ...make.stored(
        [make.taskingAnswer({ occurredAt: t(1), answer: 'accept' }), make.taskingAnswer({ occurredAt: t(2), answer: 'on-scene' })],
        'live',
        3,
      ),
    ]);
    expect(overdueTaskings(onScene, Date.parse(t(100)))).toEqual([]);
    expect(overdueTaskings(onScene, Date.parse(t(122)))).toMatchObject([{ reason: 'on-scene-too-long' }]);
  });

  it('tracks unit availability with time in status, post status and queue windows', () => {
    const picture = project(
      make.stored([
        make.unitAvailability({ occurredAt: t(0) }),
        make.postStatus({ occurredAt: t(1) }),
        make.queueUpdate({ occurredAt: t(2), windows: { vehicles: { open: 9, available: 2 } } }),
        make.queueUpdate({ occurredAt: t(3) }),
      ]),
    );
    expect(picture.unitStatus['pnp/PNP-3']).toMatchObject({ availability: 'out-of-service', since: t(0) });
    expect(picture.posts.chacalluta).toMatchObject({ status: 'restricted', notice: 'Solo peatones', since: t(1) });
    expect(picture.queues[queueKey('santa-rosa', 'to-peru')].windows).toEqual({ vehicles: { open: 9, available: 2 } });
  });

  it('uses configured queue levels, falling back to the defaults', () => {
    const configured = project(make.stored([make.queueLevels()]));
    expect(queueAlertLevel(configured, 'santa-rosa', 'to-peru')).toEqual({ waiting: 150, waitMinutes: undefined });
    expect(queueAlertLevel(configured, 'chacalluta', 'to-chile')).toEqual({ waiting: 300 });
    expect(isAtQueueLevel({ waiting: 150 }, { waiting: 150 })).toBe(true);
    expect(isAtQueueLevel({ waitMinutes: 60 }, { waiting: 1, waitMinutes: 59 })).toBe(false);
  });

  it('stores an alert once however often it is raised, and acknowledges it once', () => {
    const picture = project(
      make.stored([
        make.alertRaised({ occurredAt: t(0) }),
        make.alertRaised({ occurredAt: t(1) }),
        make.alertRaised({ occurredAt: t(1), alertId: 'alert:incident:I-1', kind: 'incident-severity', subject: { incidentId: 'I-1' } }),
        make.alertAcknowledged({ occurredAt: t(2) }),
        make.alertAcknowledged({ occurredAt: t(3), actor: { accountId: 'other', role: 'coordinator' } }),
      ]),
    );
    expect(picture.alerts['alert:queue:santa-rosa:to-peru:1']).toMatchObject({
      raisedAt: t(0),
      acknowledged: { by: { accountId: 'coord-cl', role: 'coordinator' }, at: t(2) },
    });
    expect(openAlerts(picture).map((a) => a.alertId)).toEqual(['alert:incident:I-1']);
  });

  it('names what an alert is about from the picture: the queue, the incident kind, the unit by callsign', () => {
    const picture = project(
      make.stored([
        make.unitPosition({ occurredAt: t(0) }),
        make.incident({ occurredAt: t(0) }),
        make.alertRaised({ occurredAt: t(1) }),
        make.alertRaised({ occurredAt: t(1), alertId: 'alert:incident:I-1', kind: 'incident-severity', subject: { incidentId: 'I-1' } }),
        make.alertRaised({
          occurredAt: t(1),
          alertId: 'alert:silent:M-1',
          kind: 'unit-silent',
          subject: { unit: { agency: 'carabineros', unitId: 'M-1' }, incidentId: 'I-gone' },
        }),
      ]),
    );
    const about = (id: string) => alertAbout(picture, picture.alerts[id]);
    expect(about('alert:queue:santa-rosa:to-peru:1')).toEqual({ post: 'santa-rosa', direction: 'to-peru' });
    expect(about('alert:incident:I-1')).toEqual({ incidentKind: 'crossing' });
    // An incident the picture does not hold is left out rather than guessed.
    expect(about('alert:silent:M-1')).toEqual({ unit: 'Móvil 1' });
  });

  it('ignores steps on a closed or unknown incident', () => {
    const picture = project(
      make.stored([
        make.incident({ occurredAt: t(0) }),
        make.incidentClosed({ occurredAt: t(1), outcome: 'resolved' }),
        make.incidentValidated({ occurredAt: t(2) }),
        make.taskingAssigned({ occurredAt: t(3) }),
        make.incidentValidated({ occurredAt: t(2), incidentId: 'nope' }),
      ]),
    );
    expect(picture.incidents['I-1'].status).toBe('closed');
    expect(picture.taskings).toEqual({});
    expect(picture.incidents.nope).toBeUndefined();
  });
});

describe('action ids in the picture', () => {
  it("remembers each agency's steps by id with their seq (not the raiser's alerts), the newest ACTION_IDS_KEPT", () => {
    const events = make.stored([
      make.incident({ agency: 'pnp', incidentId: 'I-1', occurredAt: t(0) }),
      make.incidentValidated({ id: 'a-1', incidentId: 'I-1', occurredAt: t(1) }),
      make.alertRaised({ id: 'alert:x', alertId: 'alert:x', occurredAt: t(2) }),
      make.unitAvailability({ id: 'a-1', agency: 'carabineros', unitId: 'M-1', availability: 'out-of-service', occurredAt: t(3) }),
    ]);
    const picture = project(events);
    expect(picture.actionIds).toEqual({ [actionKey('pnp', 'a-1')]: 2, [actionKey('carabineros', 'a-1')]: 4 });

    const many = make.stored(
      Array.from({ length: ACTION_IDS_KEPT + 3 }, (_, i) =>
        make.unitAvailability({ id: `u-${i}`, agency: 'pnp', unitId: 'PNP-1', availability: 'available', occurredAt: t(i) }),
      ),
    );
    const bounded = project(many);
    expect(Object.keys(bounded.actionIds)).toHaveLength(ACTION_IDS_KEPT);
    expect(bounded.actionIds[actionKey('pnp', 'u-0')]).toBeUndefined();
    expect(bounded.actionIds[actionKey('pnp', `u-${ACTION_IDS_KEPT + 2}`)]).toBe(ACTION_IDS_KEPT + 3);
  });
});
