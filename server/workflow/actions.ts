/**
 * POST /api/actions: the coordinators' workflow steps (issue 14). A signed-in user names a step;
 * the server checks it against the rules on the picture that user may see (decideStep), stamps the
 * actor, agency, releasability and time, appends it to the channel's log and publishes it, exactly
 * as any other event. Exercises take the same steps on their training channel.
 *
 * Replies: 201 stored, 200 a retry of an id already stored, 400 bad body (or one carrying a field
 * only the server sets), 401/403 who may not, 404 unknown channel/incident/tasking/alert, 409 the
 * step does not fit the incident's state (the message says why).
 */
import { createEventSchemas, type ConcordiaEvent, type ValidationPolicy } from '../../lib/contract/events.ts';
import { actionRequestSchema, STAMPED_FIELDS, type ActionReply, type ActionStep } from '../../lib/contract/actions.ts';
import { isTrainingChannel, LIVE_CHANNEL } from '../../lib/contract/channelNames.ts';
import { problemsFromZod } from '../../lib/contract/validation.ts';
import { countryOf } from '../../lib/contract/agencies.ts';
import { actionKey, applyEvents, type Picture } from '../../lib/projection/picture.ts';
import { audiencesVisibleTo, type ReaderScope } from '../../lib/contract/releasability.ts';
import { decideStep, type RuleActor } from '../../lib/projection/workflowRules.ts';
import type { Principal } from '../auth/roles.ts';
import { actorOf, type AuditLog } from '../audit/auditLog.ts';
import type { ChannelHub } from '../realtime/channelHub.ts';
import type { EventStore } from '../store/eventStore.ts';
import type { RequestAuth } from '../http/requestAuth.ts';
import { readJsonBody } from '../http/body.ts';
import { HttpError, sendJson } from '../http/respond.ts';
import type { RouteTable } from '../http/router.ts';
import { channelNow, type Exercises } from './exerciseTime.ts';

export interface WorkflowActionDeps {
  auth: RequestAuth;
  audit: AuditLog;
  hub: ChannelHub;
  store: EventStore;
  settings: { maxBodyBytes: number; policy: ValidationPolicy };
  /** Exercises: a step on a training channel takes the exercise clock's time, not the server's. */
  training?: Exercises;
  now?: () => number;
}

export function workflowRoutes(deps: WorkflowActionDeps): RouteTable {
  const actions = new WorkflowActions(deps);
  return {
    '/api/actions': {
      POST: async ({ req, res }) => {
        const principal = deps.auth.requirePrincipal(req);
        const body = await readJsonBody(req, deps.settings.maxBodyBytes);
        const address = req.socket.remoteAddress ?? 'unknown';
        try {
          const { status, reply } = await actions.submit(principal, body);
          deps.audit.record({
            ...actorOf(principal),
            action: 'workflow.action',
            target: reply.channel,
            outcome: 'ok',
            detail: `${reply.type} ${reply.id}`,
            address,
          });
          sendJson(res, status, reply);
        } catch (error) {
          if (error instanceof HttpError) {
            const outcome = error.status === 403 || error.status === 401 ? 'denied' : 'failed';
            deps.audit.record({
              ...actorOf(principal),
              action: 'workflow.action',
              outcome,
              detail: `${error.code}: ${error.message}`.slice(0, 2000),
              address,
            });
          }
          throw error;
        }
      },
    },
  };
}

export class WorkflowActions {
  private readonly schema;

  constructor(private readonly deps: WorkflowActionDeps) {
    this.schema = createEventSchemas(deps.settings.policy).eventInput;
  }

  async submit(principal: Principal, body: unknown): Promise<{ status: 200 | 201; reply: ActionReply }> {
    if (principal.kind !== 'user') {
      throw new HttpError(403, 'forbidden', 'agency keys do not take workflow steps; a signed-in coordinator, officer or admin does');
    }
    refuseStampedFields(body);
    const parsed = actionRequestSchema.safeParse(body);
    if (!parsed.success)
      throw new HttpError(400, 'invalid_action', 'the action is not valid; nothing was stored', problemsFromZod(parsed.error));
    const { id, step } = parsed.data;
    const channel = parsed.data.channel ?? LIVE_CHANNEL;
    if (!this.deps.hub.has(channel)) throw new HttpError(404, 'unknown_channel', `unknown channel ${channel}`);
    if (principal.role === 'trainer' && !isTrainingChannel(channel)) {
      throw new HttpError(403, 'forbidden', 'trainers take workflow steps in exercises only');
    }

    const picture = await this.currentPicture(channel, principal.scope);
    // A retry (its reply was lost), here or on another node: the log already holds this agency's
    // step with this id, so it is answered as stored before the rules see the step a second time.
    const storedAt = picture.actionIds?.[actionKey(principal.agency, id)];
    if (storedAt !== undefined) return { status: 200, reply: { id, channel, seq: storedAt, type: step.type, duplicate: true } };
    const actor: RuleActor = { accountId: principal.username, role: principal.role, agency: principal.agency };
    const decision = decideStep(picture, actor, step);
    if (!decision.ok) throw new HttpError(decision.status, decision.code, decision.message);

    const event = this.buildEvent(id, step, principal, picture, channelNow(channel, this.deps.training, this.deps.now));
    const checked = this.schema.safeParse(event);
    if (!checked.success)
      throw new HttpError(
        400,
        'invalid_action',
        'the step does not make a valid event; nothing was stored',
        problemsFromZod(checked.error),
      );
    const { stored } = await this.deps.store.append(channel, [checked.data]);
    this.deps.hub.publish(channel, stored);
    const duplicate = stored.length === 0;
    const reply: ActionReply = {
      id,
      channel,
      seq: this.seqOnScreens(channel, principal, id, picture) ?? stored[0]?.seq ?? picture.seq,
      type: step.type,
      duplicate,
    };
    return { status: duplicate ? 200 : 201, reply };
  }

  /**
   * An exercise's channel is numbered by its session, not the store: the seq screens know the step
   * by (the session sent it on `publish`). Undefined on the live channel, where the store's seq is it.
   */
  private seqOnScreens(channel: string, principal: Extract<Principal, { kind: 'user' }>, id: string, picture: Picture): number | undefined {
    const owner = this.deps.hub.ownerOf(channel);
    if (!owner) return undefined;
    const sent = owner.replay(picture.seq, Number.MAX_SAFE_INTEGER, principal.scope) ?? [];
    return sent.find((event) => event.id === id && event.agency === principal.agency)?.seq;
  }

  /**
   * What the actor may see of the channel, through everything committed: the hub's picture (which
   * lags by its batch window) plus what the store holds beyond it, so a step just taken, here or
   * on another node, counts at once.
   */
  private async currentPicture(channel: string, scope: ReaderScope): Promise<Picture> {
    const snapshot = this.deps.hub.snapshot(channel, scope);
    // An exercise's session numbers its own channel and has sent (to the next batch) every step
    // committed so far: those are what lies beyond the snapshot.
    const owner = this.deps.hub.ownerOf(channel);
    if (owner) return applyEvents(snapshot.picture, owner.replay(snapshot.seq, Number.MAX_SAFE_INTEGER, scope) ?? []);
    const newer = await this.deps.store.read(channel, { afterSeq: snapshot.seq, limit: 5_000, audiences: audiencesVisibleTo(scope) });
    return applyEvents(snapshot.picture, newer);
  }

  /** The event the step becomes: the actor's agency, the releasability of what it is about, now. */
  private buildEvent(
    id: string,
    step: ActionStep,
    principal: Extract<Principal, { kind: 'user' }>,
    picture: Picture,
    now: number,
  ): ConcordiaEvent {
    const occurredAt = new Date(now).toISOString();
    const releasability = releasabilityOf(step, picture);
    // A national step needs an agency of that country; the actor sees a national subject only if
    // they are of its country, so their own agency qualifies (admins of the committee see none).
    if (releasability === 'national' && countryOf(principal.agency) === null) {
      throw new HttpError(403, 'forbidden', `${principal.agency} cannot act on a national-only item`);
    }
    return {
      ...step,
      id,
      agency: principal.agency,
      occurredAt,
      releasability,
      actor: { accountId: principal.username, role: principal.role },
    } as ConcordiaEvent;
  }
}

/** A step is as releasable as its incident (or tasking's incident, or alert); configuration is binational. */
export function releasabilityOf(step: ActionStep, picture: Picture): 'binational' | 'national' {
  if ('incidentId' in step) return picture.incidents[step.incidentId]?.releasability ?? 'binational';
  if (step.type === 'tasking.answer') {
    const tasking = picture.taskings[step.taskingId];
    return (tasking && picture.incidents[tasking.incidentId]?.releasability) || 'binational';
  }
  if (step.type === 'alert.acknowledged') return picture.alerts[step.alertId]?.releasability ?? 'binational';
  return 'binational';
}

function refuseStampedFields(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const top = body as Record<string, unknown>;
  const step = typeof top.step === 'object' && top.step !== null ? (top.step as Record<string, unknown>) : {};
  const carried = STAMPED_FIELDS.filter((field) => field in top || field in step);
  if (carried.length) {
    throw new HttpError(
      400,
      'stamped_field',
      `${carried.join(', ')} ${carried.length === 1 ? 'is' : 'are'} set by the server from your session; leave ${carried.length === 1 ? 'it' : 'them'} out`,
    );
  }
}
