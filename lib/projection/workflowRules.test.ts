import { describe, expect, it } from 'vitest';
import type { ActionStep } from '../contract/actions.ts';
import type { EventInput } from '../contract/events.ts';
import { project } from './picture.ts';
import { decideStep, type RuleActor } from './workflowRules.ts';
import * as make from '../testing/eventFactory.ts';

const t = (minutes: number) => new Date(Date.UTC(2025, 11, 1, 17, 0) + minutes * 60_000).toISOString();
const picture = (...events: EventInput[]) => project(make.stored(events.map((e, i) => ({ ...e, occurredAt: t(i) }))));

const coordPnp: RuleActor = { accountId: 'c-pnp', role: 'coordinator', agency: 'pnp' };
const coordMigPe: RuleActor = { accountId: 'c-mig', role: 'coordinator', agency: 'migraciones-pe' };
const coordCarab: RuleActor = { accountId: 'c-car', role: 'coordinator', agency: 'carabineros' };
const adminPdi: RuleActor = { accountId: 'a-pdi', role: 'admin', agency: 'pdi' };
const officerPnp: RuleActor = { accountId: 'o-pnp', role: 'officer', agency: 'pnp' };
const officerCarab: RuleActor = { accountId: 'o-car', role: 'officer', agency: 'carabineros' };

const validate: ActionStep = {
  type: 'incident.validated',
  incidentId: 'I-1',
  owner: 'pnp',
  impact: 'high',
  confidence: { credibility: 'probable', reliability: 'reliable', validated: true },
  response: 'Patrulla en camino',
};
const assign = (agency: RuleActor['agency'], unitId: string): ActionStep => ({
  type: 'tasking.assigned',
  taskingId: 'T-2',
  incidentId: 'I-1',
  units: [{ agency, unitId }],
});
const answer = (a: 'accept' | 'decline' | 'on-scene' | 'done', reason?: string): ActionStep => ({
  type: 'tasking.answer',
  taskingId: 'T-1',
  unit: { agency: 'pnp', unitId: 'PNP-3' },
  answer: a,
  ...(reason ? { reason } : {}),
});
const close: ActionStep = { type: 'incident.closed', incidentId: 'I-1', outcome: 'resolved' };

const reported = picture(make.incident());
const validated = picture(make.incident(), make.incidentValidated());
const nationalValidated = picture(make.incident({ releasability: 'national' }), make.incidentValidated({ releasability: 'national' }));
const tasked = picture(make.incident(), make.incidentValidated(), make.taskingAssigned());
const accepted = picture(make.incident(), make.incidentValidated(), make.taskingAssigned(), make.taskingAnswer());
const onScene = picture(
  make.incident(),
  make.incidentValidated(),
  make.taskingAssigned(),
  make.taskingAnswer(),
  make.taskingAnswer({ answer: 'on-scene' }),
);
const closed = picture(make.incident(), make.incidentClosed({ outcome: 'resolved' }));

const refusal = (p: typeof reported, actor: RuleActor, step: ActionStep) => {
  const decision = decideStep(p, actor, step);
  return decision.ok ? 'ok' : { status: decision.status, code: decision.code, message: decision.message };
};

describe('validating and returning', () => {
  it('lets coordinators of the originator country validate, and an admin', () => {
    expect(decideStep(reported, coordPnp, validate)).toEqual({ ok: true });
    expect(decideStep(reported, coordMigPe, validate)).toEqual({ ok: true });
    expect(decideStep(reported, adminPdi, validate)).toEqual({ ok: true });
  });

  it('refuses validation by the other country, by officers, twice, and with an owner of the other country', () => {
    expect(refusal(reported, coordCarab, validate)).toEqual({
      status: 403,
      code: 'not-originator-country',
      message: 'incident I-1 is not validated yet; only coordinators of Peru (where it was reported) may act on it',
    });
    expect(refusal(reported, officerPnp, validate)).toEqual({
      status: 403,
      code: 'not-coordinator',
      message: "officers may answer taskings, report follow-ups and set their unit's availability, not incident.validated",
    });
    expect(refusal(validated, coordPnp, validate)).toEqual({
      status: 409,
      code: 'already-validated',
      message: 'incident I-1 is already validated; it is validated once',
    });
    expect(refusal(reported, coordPnp, { ...validate, owner: 'carabineros' })).toEqual({
      status: 403,
      code: 'owner-other-country',
      message: 'carabineros is of the other country; validate with an owner of yours and transfer it',
    });
    expect(refusal(reported, coordPnp, { ...validate, incidentId: 'I-9' })).toEqual({
      status: 404,
      code: 'unknown-incident',
      message: 'no incident I-9',
    });
  });

  it('returns a reported incident, and a returned one can still be validated', () => {
    const ret: ActionStep = { type: 'incident.returned', incidentId: 'I-1', reason: 'Sin ubicación' };
    expect(decideStep(reported, coordPnp, ret)).toEqual({ ok: true });
    expect(refusal(validated, coordPnp, ret)).toEqual({
      status: 409,
      code: 'not-reported',
      message: 'incident I-1 is validated; only a reported incident is returned',
    });
    expect(decideStep(picture(make.incident(), make.incidentReturned()), coordPnp, validate)).toEqual({ ok: true });
  });
});

describe('after validation only the owner directs', () => {
  it('refuses closing an incident you do not own', () => {
    expect(refusal(validated, coordMigPe, close)).toEqual({
      status: 403,
      code: 'not-owner',
      message: 'incident I-1 is owned by pnp; only its coordinators or an admin may do this',
    });
    expect(decideStep(validated, coordPnp, close)).toEqual({ ok: true });
    expect(decideStep(validated, adminPdi, close)).toEqual({ ok: true });
  });

  it('closes as duplicate only of another known incident', () => {
    expect(refusal(validated, coordPnp, { ...close, outcome: 'duplicate' })).toEqual({
      status: 409,
      code: 'duplicate-of',
      message: 'duplicateOf is required with outcome duplicate, and only with it',
    });
    expect(refusal(validated, coordPnp, { ...close, outcome: 'duplicate', duplicateOf: 'I-1' })).toEqual({
      status: 409,
      code: 'duplicate-of',
      message: 'incident I-1 cannot duplicate itself',
    });
    expect(refusal(validated, coordPnp, { ...close, outcome: 'duplicate', duplicateOf: 'I-7' })).toEqual({
      status: 404,
      code: 'unknown-incident',
      message: 'no incident I-7 to be a duplicate of',
    });
  });

  it('refuses any step on a closed incident', () => {
    const message = 'incident I-1 is closed; no step can follow its closure';
    for (const step of [
      validate,
      close,
      assign('pnp', 'PNP-3'),
      { type: 'incident.followup', incidentId: 'I-1', people: 3 } as ActionStep,
      { type: 'incident.returned', incidentId: 'I-1', reason: 'Sin ubicación' } as ActionStep,
      { type: 'incident.transfer', incidentId: 'I-1', to: 'carabineros' } as ActionStep,
    ]) {
      expect(refusal(closed, adminPdi, step)).toEqual({ status: 409, code: 'incident-closed', message });
    }
    // A tasking answer names the incident through its tasking: the closure is what refuses it.
    const closedWhileTasked = picture(make.incident(), make.incidentValidated(), make.taskingAssigned(), make.incidentClosed());
    expect(refusal(closedWhileTasked, officerPnp, answer('accept'))).toEqual({ status: 409, code: 'incident-closed', message });
    expect(refusal(closedWhileTasked, adminPdi, answer('accept'))).toEqual({ status: 409, code: 'incident-closed', message });
  });

  it('transfers to another agency, which alone accepts', () => {
    const transfer: ActionStep = { type: 'incident.transfer', incidentId: 'I-1', to: 'carabineros' };
    expect(refusal(reported, coordPnp, transfer)).toEqual({
      status: 409,
      code: 'not-validated',
      message: 'validate incident I-1 before transferring it',
    });
    expect(decideStep(validated, coordPnp, transfer)).toEqual({ ok: true });
    expect(refusal(validated, coordPnp, { ...transfer, to: 'pnp' })).toEqual({
      status: 409,
      code: 'same-owner',
      message: 'incident I-1 is already owned by pnp',
    });
    expect(refusal(nationalValidated, coordPnp, transfer)).toEqual({
      status: 409,
      code: 'national-only',
      message: 'incident I-1 is national-only; it cannot go to carabineros of the other country',
    });
    const offered = picture(make.incident(), make.incidentValidated(), make.incidentTransfer());
    const acceptStep: ActionStep = { type: 'incident.transfer.accepted', incidentId: 'I-1' };
    expect(decideStep(offered, coordCarab, acceptStep)).toEqual({ ok: true });
    expect(refusal(offered, coordPnp, acceptStep)).toEqual({
      status: 403,
      code: 'not-transferee',
      message: 'the transfer of incident I-1 is offered to carabineros; only its coordinators may accept it',
    });
    expect(refusal(validated, coordCarab, acceptStep)).toEqual({
      status: 409,
      code: 'no-transfer',
      message: 'incident I-1 has no transfer to accept',
    });
  });

  it('takes follow-ups from officers and coordinators on an open incident', () => {
    const followup: ActionStep = { type: 'incident.followup', incidentId: 'I-1', people: 60, reportId: 'rep-1' };
    expect(decideStep(validated, officerPnp, followup)).toEqual({ ok: true });
    expect(decideStep(reported, coordCarab, followup)).toEqual({ ok: true });
  });
});

describe('assigning units', () => {
  it('assigns the owner’s own units and those of the same country', () => {
    expect(decideStep(validated, coordPnp, assign('pnp', 'PNP-3'))).toEqual({ ok: true });
    expect(decideStep(nationalValidated, coordPnp, assign('ejercito-pe', 'EP-1'))).toEqual({ ok: true });
  });

  it('assigns the other country’s units only to a binational incident', () => {
    expect(decideStep(validated, coordPnp, assign('carabineros', 'M-1'))).toEqual({ ok: true });
    expect(refusal(nationalValidated, coordPnp, assign('carabineros', 'M-1'))).toEqual({
      status: 403,
      code: 'unit-other-country',
      message: 'unit M-1 of carabineros is of the other country and incident I-1 is national-only',
    });
  });

  it('refuses assigning before validation, by another agency, a reused tasking id, and an out-of-service unit', () => {
    expect(refusal(reported, coordPnp, assign('pnp', 'PNP-3'))).toEqual({
      status: 409,
      code: 'not-validated',
      message: 'validate incident I-1 before assigning units',
    });
    expect(refusal(validated, coordCarab, assign('carabineros', 'M-1'))).toEqual({
      status: 403,
      code: 'not-owner',
      message: 'incident I-1 is owned by pnp; only its coordinators or an admin may do this',
    });
    expect(refusal(tasked, coordPnp, { ...assign('pnp', 'PNP-3'), taskingId: 'T-1' } as ActionStep)).toEqual({
      status: 409,
      code: 'tasking-exists',
      message: 'tasking T-1 already exists',
    });
    const out = picture(make.incident(), make.incidentValidated(), make.unitAvailability({ unitId: 'PNP-9' }));
    expect(refusal(out, coordPnp, assign('pnp', 'PNP-9'))).toEqual({
      status: 409,
      code: 'unit-out-of-service',
      message: 'unit PNP-9 of pnp is out of service',
    });
  });
});

describe('tasking answers', () => {
  it('the tasked unit’s officer accepts, goes on scene and finishes, in order', () => {
    expect(decideStep(tasked, officerPnp, answer('accept'))).toEqual({ ok: true });
    expect(decideStep(accepted, officerPnp, answer('on-scene'))).toEqual({ ok: true });
    expect(decideStep(onScene, officerPnp, answer('done'))).toEqual({ ok: true });
    expect(decideStep(tasked, officerPnp, answer('decline', 'Sin combustible'))).toEqual({ ok: true });
    expect(decideStep(tasked, coordPnp, answer('accept'))).toEqual({ ok: true });
  });

  it('refuses answers out of order, without a reason, from another agency’s officer, and for an unknown tasking', () => {
    expect(refusal(tasked, officerPnp, answer('done'))).toEqual({
      status: 409,
      code: 'bad-answer',
      message: 'unit PNP-3 cannot answer done: it is assigned',
    });
    expect(refusal(accepted, officerPnp, answer('accept'))).toEqual({
      status: 409,
      code: 'bad-answer',
      message: 'unit PNP-3 cannot answer accept: it is accepted',
    });
    expect(refusal(tasked, officerPnp, answer('decline'))).toEqual({
      status: 409,
      code: 'reason-required',
      message: 'a decline needs a reason',
    });
    expect(refusal(tasked, officerCarab, answer('accept'))).toEqual({
      status: 403,
      code: 'not-tasked-unit',
      message: 'only officers of pnp answer for unit PNP-3',
    });
    expect(refusal(tasked, coordCarab, answer('accept'))).toEqual({
      status: 403,
      code: 'not-owner',
      message: 'incident I-1 is owned by pnp; only its coordinators or an admin may do this',
    });
    expect(refusal(validated, officerPnp, answer('accept'))).toEqual({ status: 404, code: 'unknown-tasking', message: 'no tasking T-1' });
    expect(refusal(tasked, officerPnp, { ...answer('accept'), unit: { agency: 'pnp', unitId: 'PNP-4' } } as ActionStep)).toEqual({
      status: 404,
      code: 'unit-not-tasked',
      message: 'unit PNP-4 of pnp is not on tasking T-1',
    });
    const done = picture(
      make.incident(),
      make.incidentValidated(),
      make.taskingAssigned(),
      make.taskingAnswer(),
      make.taskingAnswer({ answer: 'done' }),
    );
    expect(refusal(done, officerPnp, answer('on-scene'))).toEqual({ status: 409, code: 'tasking-closed', message: 'tasking T-1 is over' });
  });
});

describe('units, posts, configuration and alerts', () => {
  it('officers set their unit’s availability but take no coordinator step', () => {
    expect(decideStep(reported, officerPnp, { type: 'unit.availability', unitId: 'PNP-3', availability: 'out-of-service' })).toEqual({
      ok: true,
    });
    expect(refusal(reported, officerPnp, { type: 'alert.acknowledged', alertId: 'a' })).toEqual({
      status: 403,
      code: 'not-coordinator',
      message: "officers may answer taskings, report follow-ups and set their unit's availability, not alert.acknowledged",
    });
  });

  it('post status comes from coordinators of the post’s country', () => {
    expect(decideStep(reported, coordCarab, { type: 'post.status', post: 'chacalluta', status: 'closed' })).toEqual({ ok: true });
    expect(refusal(reported, coordCarab, { type: 'post.status', post: 'santa-rosa', status: 'closed' })).toEqual({
      status: 403,
      code: 'post-other-country',
      message: 'santa-rosa is a post of Peru; only its coordinators report its status',
    });
  });

  it('only admins configure levels and timers', () => {
    const levels: ActionStep = { type: 'queue.levels', levels: [{ post: 'santa-rosa', direction: 'to-peru', waiting: 100 }] };
    expect(decideStep(reported, adminPdi, levels)).toEqual({ ok: true });
    expect(refusal(reported, coordPnp, levels)).toEqual({
      status: 403,
      code: 'not-admin',
      message: 'only admins configure queue alert levels',
    });
    expect(refusal(reported, coordPnp, { type: 'workflow.timers', acceptTimeoutMinutes: 3 })).toEqual({
      status: 403,
      code: 'not-admin',
      message: 'only admins configure workflow timers',
    });
  });

  it('an alert is acknowledged once', () => {
    const raised = picture(make.alertRaised());
    const ack: ActionStep = { type: 'alert.acknowledged', alertId: 'alert:queue:santa-rosa:to-peru:1' };
    expect(decideStep(raised, coordCarab, ack)).toEqual({ ok: true });
    expect(refusal(picture(make.alertRaised(), make.alertAcknowledged()), coordPnp, ack)).toEqual({
      status: 409,
      code: 'already-acknowledged',
      message: 'alert alert:queue:santa-rosa:to-peru:1 was already acknowledged',
    });
    expect(refusal(reported, coordPnp, ack)).toEqual({
      status: 404,
      code: 'unknown-alert',
      message: 'no alert alert:queue:santa-rosa:to-peru:1',
    });
  });
});
