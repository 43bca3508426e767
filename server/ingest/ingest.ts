/**
 * The one way events enter Concordia: parse → authorise → append (durable) → publish. HTTP, the
 * socket and the tools all come through here, so every event meets the same checks.
 */
import { createEventSchemas, type ConcordiaEvent, type ValidationPolicy } from '../../lib/contract/events.ts';
import type { IngestReceipt, Problem } from '../../lib/contract/http.ts';
import { parseEventBatch } from '../../lib/contract/validation.ts';
import { AGENCY_SENT_WORKFLOW_TYPES, WORKFLOW_EVENT_TYPES } from '../../lib/contract/vocabulary.ts';
import { postingRights } from '../auth/permissions.ts';
import type { Principal } from '../auth/roles.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import { channelKind, type Metrics } from '../metrics.ts';

/** Clocks drift and phones lie; beyond this an event "from the future" is refused as a mistake. */
export const MAX_FUTURE_SKEW_MS = 10 * 60_000;

/**
 * Workflow steps (issue 14) need a signed-in actor checked against the rules, so they come only
 * through POST /api/actions (and alerts only from the server's raiser). Agency systems may still
 * send post.status (a post's own system knows when it closes) and incident.closed (the owner's
 * system closing its incident, as before).
 */
const agencySent: ReadonlySet<string> = new Set(AGENCY_SENT_WORKFLOW_TYPES);
export const ACTIONS_ONLY: ReadonlySet<string> = new Set(WORKFLOW_EVENT_TYPES.filter((type) => !agencySent.has(type)));

export type IngestFailure =
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'forbidden'; message: string; problems?: Problem[] }
  | { kind: 'unknown-channel'; message: string };

export type IngestResult = { ok: true; receipt: IngestReceipt } | { ok: false; failure: IngestFailure };

export class Ingest {
  private readonly schema;

  constructor(
    private readonly deps: { store: EventStore; hub: ChannelHub; policy: ValidationPolicy; now?: () => number; metrics?: Metrics },
  ) {
    this.schema = createEventSchemas(deps.policy).eventInput;
  }

  async submit(principal: Principal, channel: string, body: unknown): Promise<IngestResult> {
    const result = await this.attempt(principal, channel, body);
    const metrics = this.deps.metrics;
    if (metrics) {
      if (result.ok) {
        metrics.eventsAccepted.inc({ channel: channelKind(channel) }, result.receipt.accepted.length);
        metrics.eventsDuplicate.inc(result.receipt.duplicates.length);
      } else {
        metrics.requestsRejected.inc({ reason: result.failure.kind });
      }
    }
    return result;
  }

  private async attempt(principal: Principal, channel: string, body: unknown): Promise<IngestResult> {
    const { store, hub } = this.deps;
    if (!hub.has(channel)) return fail({ kind: 'unknown-channel', message: `unknown channel ${channel}` });

    const rights = postingRights(principal, channel);
    if (!rights.allowed) {
      return fail({ kind: 'forbidden', message: `${describe(principal)} may not post to ${channel}` });
    }

    const parsed = parseEventBatch(body, this.schema);
    if (!parsed.ok) return fail({ kind: 'invalid', problems: parsed.problems });
    const events = parsed.value;
    const single = parsed.single === true;

    const stepProblems = events.flatMap((event, index) =>
      ACTIONS_ONLY.has(event.type)
        ? [{ ...(single ? {} : { index }), field: 'type', message: `${event.type} is a workflow step: send it to POST /api/actions` }]
        : [],
    );
    if (stepProblems.length) {
      return fail({ kind: 'forbidden', message: 'workflow steps are taken through POST /api/actions', problems: stepProblems });
    }
    // Who took a step is the server's to say, from a signed-in session (POST /api/actions): an
    // agency system closing its incident here must not name a coordinator who did not.
    const actorProblems = events.flatMap((event, index) =>
      'actor' in event && event.actor !== undefined
        ? [{ ...(single ? {} : { index }), field: 'actor', message: 'actor is set by the server from the session; leave it out' }]
        : [],
    );
    if (actorProblems.length) return fail({ kind: 'invalid', problems: actorProblems });

    const futureProblems = this.eventsFromTheFuture(events, single);
    if (futureProblems.length) return fail({ kind: 'invalid', problems: futureProblems });

    if (!rights.anyAgency) {
      const foreign = events.flatMap((event, index) =>
        event.agency === principal.agency
          ? []
          : [
              {
                ...(single ? {} : { index }),
                field: 'agency',
                message: `this credential posts for ${principal.agency}, not ${event.agency}`,
              },
            ],
      );
      if (foreign.length) {
        return fail({ kind: 'forbidden', message: `${describe(principal)} may only post as ${principal.agency}`, problems: foreign });
      }
    }

    const stopTimer = this.deps.metrics?.storeAppendSeconds.startTimer();
    const { stored, duplicates } = await store.append(channel, events);
    stopTimer?.();
    hub.publish(channel, stored);
    return { ok: true, receipt: { accepted: stored.map((e) => ({ id: e.id, seq: e.seq })), duplicates } };
  }

  private eventsFromTheFuture(events: ConcordiaEvent[], single: boolean): Problem[] {
    const limit = (this.deps.now?.() ?? Date.now()) + MAX_FUTURE_SKEW_MS;
    return events.flatMap((event, index) =>
      Date.parse(event.occurredAt) > limit
        ? [{ ...(single ? {} : { index }), field: 'occurredAt', message: 'is more than 10 minutes in the future' }]
        : [],
    );
  }
}

function fail(failure: IngestFailure): IngestResult {
  return { ok: false, failure };
}

function describe(principal: Principal): string {
  return principal.kind === 'key' ? `the ${principal.agency} ingest key` : `a ${principal.role} of ${principal.agency}`;
}
