/**
 * Who may take which workflow step, and when: `decideStep(picture, actor, step)`. Pure, so every
 * transition and every refusal is unit-tested without a server. The server asks before it appends
 * (POST /api/actions) and answers a refusal with its status: 403 (not yours to take), 404 (no such
 * incident, tasking or alert in what you may see), 409 (the incident's state does not allow it).
 *
 * The rules (issue 14):
 * - Before validation, coordinators of the originator's country act on an incident; after it, the
 *   owning agency's coordinators. Admins always (and trainers, who only act on exercises).
 * - Units assigned: the owner's own, any of the same country, or the other country's only when the
 *   incident is binational.
 * - No step on a closed incident.
 * - Tasking answers: the tasked unit's officers (officers of its agency) or the incident's coordinators.
 */
import { countryOf, type Agency } from '../contract/agencies.ts';
import type { ActionStep } from '../contract/actions.ts';
import { BORDER_POSTS } from '../geo/borderPosts.ts';
import { unitKey, type IncidentState, type Picture } from './picture.ts';

export interface RuleActor {
  accountId: string;
  role: 'coordinator' | 'officer' | 'trainer' | 'admin';
  agency: Agency;
}

export type Decision = { ok: true } | { ok: false; status: 403 | 404 | 409; code: string; message: string };

const OK: Decision = { ok: true };
const forbidden = (code: string, message: string): Decision => ({ ok: false, status: 403, code, message });
const notFound = (code: string, message: string): Decision => ({ ok: false, status: 404, code, message });
const conflict = (code: string, message: string): Decision => ({ ok: false, status: 409, code, message });

const COUNTRY_NAME = { CL: 'Chile', PE: 'Peru' } as const;
const isAdmin = (actor: RuleActor) => actor.role === 'admin' || actor.role === 'trainer';

/** Whether the actor may move this incident forward (validate, assign, transfer, close…). */
function mayDirect(incident: IncidentState, actor: RuleActor): Decision {
  if (isAdmin(actor)) return OK;
  if (actor.role !== 'coordinator')
    return forbidden('not-coordinator', `only coordinators and admins may direct incident ${incident.incidentId}`);
  if (incident.owner) {
    if (actor.agency === incident.owner) return OK;
    return forbidden(
      'not-owner',
      `incident ${incident.incidentId} is owned by ${incident.owner}; only its coordinators or an admin may do this`,
    );
  }
  const country = countryOf(incident.originator);
  if (country !== null && countryOf(actor.agency) === country) return OK;
  const where = country ? `coordinators of ${COUNTRY_NAME[country]} (where it was reported)` : `${incident.originator}`;
  return forbidden('not-originator-country', `incident ${incident.incidentId} is not validated yet; only ${where} may act on it`);
}

function openIncident(picture: Picture, incidentId: string): IncidentState | Decision {
  const incident = picture.incidents[incidentId];
  if (!incident) return notFound('unknown-incident', `no incident ${incidentId}`);
  if (incident.closedAt || incident.status === 'closed') {
    return conflict('incident-closed', `incident ${incidentId} is closed; no step can follow its closure`);
  }
  return incident;
}

const isDecision = (value: IncidentState | Decision): value is Decision => 'ok' in value;

export function decideStep(picture: Picture, actor: RuleActor, step: ActionStep): Decision {
  const officerSteps: ReadonlySet<ActionStep['type']> = new Set(['tasking.answer', 'unit.availability', 'incident.followup']);
  if (actor.role === 'officer' && !officerSteps.has(step.type)) {
    return forbidden(
      'not-coordinator',
      `officers may answer taskings, report follow-ups and set their unit's availability, not ${step.type}`,
    );
  }
  switch (step.type) {
    case 'incident.validated': {
      const incident = openIncident(picture, step.incidentId);
      if (isDecision(incident)) return incident;
      const may = mayDirect(incident, actor);
      if (!may.ok) return may;
      if (incident.status !== 'reported' && incident.status !== 'returned') {
        return conflict('already-validated', `incident ${incident.incidentId} is already ${incident.status}; it is validated once`);
      }
      const ownerCountry = countryOf(step.owner);
      if (!isAdmin(actor) && ownerCountry !== countryOf(actor.agency)) {
        return forbidden('owner-other-country', `${step.owner} is of the other country; validate with an owner of yours and transfer it`);
      }
      return OK;
    }
    case 'incident.returned': {
      const incident = openIncident(picture, step.incidentId);
      if (isDecision(incident)) return incident;
      const may = mayDirect(incident, actor);
      if (!may.ok) return may;
      if (incident.status !== 'reported') {
        return conflict('not-reported', `incident ${incident.incidentId} is ${incident.status}; only a reported incident is returned`);
      }
      return OK;
    }
    case 'incident.transfer': {
      const incident = openIncident(picture, step.incidentId);
      if (isDecision(incident)) return incident;
      const may = mayDirect(incident, actor);
      if (!may.ok) return may;
      if (!incident.owner) return conflict('not-validated', `validate incident ${incident.incidentId} before transferring it`);
      if (step.to === incident.owner) return conflict('same-owner', `incident ${incident.incidentId} is already owned by ${step.to}`);
      if (incident.releasability === 'national' && countryOf(step.to) !== countryOf(incident.owner)) {
        return conflict(
          'national-only',
          `incident ${incident.incidentId} is national-only; it cannot go to ${step.to} of the other country`,
        );
      }
      return OK;
    }
    case 'incident.transfer.accepted': {
      const incident = openIncident(picture, step.incidentId);
      if (isDecision(incident)) return incident;
      const pending = incident.pendingTransfer;
      if (!pending) return conflict('no-transfer', `incident ${incident.incidentId} has no transfer to accept`);
      if (!isAdmin(actor) && actor.agency !== pending.to) {
        return forbidden(
          'not-transferee',
          `the transfer of incident ${incident.incidentId} is offered to ${pending.to}; only its coordinators may accept it`,
        );
      }
      return OK;
    }
    case 'incident.followup': {
      const incident = openIncident(picture, step.incidentId);
      if (isDecision(incident)) return incident;
      return OK; // anyone who can see an open incident may add to it (the server only shows it to those)
    }
    case 'incident.closed': {
      const incident = openIncident(picture, step.incidentId);
      if (isDecision(incident)) return incident;
      const may = mayDirect(incident, actor);
      if (!may.ok) return may;
      if ((step.outcome === 'duplicate') !== (step.duplicateOf !== undefined)) {
        return conflict('duplicate-of', 'duplicateOf is required with outcome duplicate, and only with it');
      }
      if (step.duplicateOf !== undefined) {
        if (step.duplicateOf === step.incidentId) return conflict('duplicate-of', `incident ${step.incidentId} cannot duplicate itself`);
        if (!picture.incidents[step.duplicateOf])
          return notFound('unknown-incident', `no incident ${step.duplicateOf} to be a duplicate of`);
      }
      return OK;
    }
    case 'tasking.assigned': {
      const incident = openIncident(picture, step.incidentId);
      if (isDecision(incident)) return incident;
      const may = mayDirect(incident, actor);
      if (!may.ok) return may;
      if (!incident.owner) return conflict('not-validated', `validate incident ${incident.incidentId} before assigning units`);
      if (picture.taskings?.[step.taskingId]) return conflict('tasking-exists', `tasking ${step.taskingId} already exists`);
      const ownerCountry = countryOf(incident.owner);
      for (const unit of step.units) {
        const sameCountry = countryOf(unit.agency) !== null && countryOf(unit.agency) === ownerCountry;
        if (unit.agency !== incident.owner && !sameCountry && incident.releasability !== 'binational') {
          return forbidden(
            'unit-other-country',
            `unit ${unit.unitId} of ${unit.agency} is of the other country and incident ${incident.incidentId} is national-only`,
          );
        }
        const status = picture.unitStatus?.[unitKey(unit.agency, unit.unitId)];
        if (status?.availability === 'out-of-service') {
          return conflict('unit-out-of-service', `unit ${unit.unitId} of ${unit.agency} is out of service`);
        }
      }
      return OK;
    }
    case 'tasking.answer': {
      const tasking = picture.taskings?.[step.taskingId];
      if (!tasking) return notFound('unknown-tasking', `no tasking ${step.taskingId}`);
      const incident = openIncident(picture, tasking.incidentId);
      if (isDecision(incident)) return incident;
      if (tasking.closedAt) return conflict('tasking-closed', `tasking ${step.taskingId} is over`);
      const unit = tasking.units.find((u) => u.agency === step.unit.agency && u.unitId === step.unit.unitId);
      if (!unit) return notFound('unit-not-tasked', `unit ${step.unit.unitId} of ${step.unit.agency} is not on tasking ${step.taskingId}`);
      if (actor.role === 'officer') {
        if (actor.agency !== unit.agency) {
          return forbidden('not-tasked-unit', `only officers of ${unit.agency} answer for unit ${unit.unitId}`);
        }
      } else {
        const may = mayDirect(incident, actor);
        if (!may.ok) return may;
      }
      const allowed: Record<typeof step.answer, readonly string[]> = {
        accept: ['assigned'],
        decline: ['assigned', 'accepted'],
        'on-scene': ['assigned', 'accepted'],
        done: ['accepted', 'on-scene'],
      };
      if (!allowed[step.answer].includes(unit.state)) {
        return conflict('bad-answer', `unit ${unit.unitId} cannot answer ${step.answer}: it is ${unit.state}`);
      }
      if (step.answer === 'decline' && step.reason === undefined) return conflict('reason-required', 'a decline needs a reason');
      return OK;
    }
    case 'unit.availability':
      return OK; // the unit is the actor's own agency's (the server stamps the agency)
    case 'post.status': {
      if (isAdmin(actor)) return OK;
      const country = BORDER_POSTS[step.post].country;
      if (countryOf(actor.agency) !== country) {
        return forbidden(
          'post-other-country',
          `${step.post} is a post of ${COUNTRY_NAME[country]}; only its coordinators report its status`,
        );
      }
      return OK;
    }
    case 'queue.levels':
    case 'workflow.timers':
      return isAdmin(actor)
        ? OK
        : forbidden('not-admin', `only admins configure ${step.type === 'queue.levels' ? 'queue alert levels' : 'workflow timers'}`);
    case 'alert.acknowledged': {
      const alert = picture.alerts?.[step.alertId];
      if (!alert) return notFound('unknown-alert', `no alert ${step.alertId}`);
      if (alert.acknowledged) return conflict('already-acknowledged', `alert ${step.alertId} was already acknowledged`);
      return OK;
    }
  }
}
