/**
 * The outbox on the phone: reports the officer has sent that the server has not yet confirmed,
 * in IndexedDB so they survive a reload, a closed tab and a dead battery. Every change is one
 * IndexedDB transaction, so two tabs never see half a change and never lease the same report.
 *
 * A report keeps the id it got when the officer tapped send through every retry; the server
 * stores an id once per agency and channel, so a retry after a lost acknowledgement is answered as
 * a duplicate instead of being stored twice.
 *
 * Every report also keeps the channel it was written on (live, or one exercise's
 * `training:<id>`) and is only ever posted there: a report queued in an exercise can never reach
 * live operations, whichever page later drains the outbox. Records written before reports carried
 * a channel were all written on live, and are read back as live.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { channelSchema } from '@/lib/contract/channels.ts';
import { LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';
import type { ActionStep } from '@/lib/contract/actions.ts';
import type { Agency } from '@/lib/contract/agencies.ts';
import type { EventInput } from '@/lib/contract/events.ts';
import type { Rejection } from '@/components/report/delivery.ts';

export const OUTBOX_DB_NAME = 'concordia-report';
const DB_VERSION = 1;
/** How many delivered reports the phone remembers, so the officer can see what went. */
export const SENT_KEPT = 20;

/**
 * A workflow step the officer took on the phone (an answer to a tasking), sent to POST
 * /api/actions with its id, so a retry after a lost reply is answered as a duplicate.
 */
export interface OutboxAction {
  id: string;
  /** The officer's agency (the server stamps it too; kept to explain a refusal). */
  agency: Agency;
  step: ActionStep;
}

/** What an item carries: a report (an event for POST /api/events) or a step for POST /api/actions. */
export type OutboxPayload = { kind: 'report'; event: EventInput } | { kind: 'action'; action: OutboxAction };

interface OutboxItemFields {
  /** The event (or action) id: the key here and on the server. */
  id: string;
  /** Where it goes, and only there: `live` or the exercise's `training:<id>`. */
  channel: string;
  /** When the officer tapped send (epoch ms); the outbox sends oldest first. */
  createdAt: number;
  /** Pending: will be sent. Rejected: the server refused it; waits for the officer. */
  state: 'pending' | 'rejected';
  /** Attempts that got no usable answer. */
  attempts: number;
  /** Not before this (epoch ms). */
  nextAttemptAt: number;
  /** A sender holds this report until then (epoch ms); 0 when free. */
  leaseUntil: number;
  /** Why the last attempt did not get through ("network", "HTTP 503"…), for the officer. */
  lastError: string | null;
  rejection: Rejection | null;
  /** Sent by position sharing rather than by hand. */
  auto: boolean;
}
export type OutboxItem = OutboxItemFields & OutboxPayload;

interface SentItemFields {
  id: string;
  channel: string;
  sentAt: number;
  /** The server already had it: an earlier attempt arrived but its answer was lost. */
  duplicate: boolean;
}
export type SentItem = SentItemFields & OutboxPayload;

/** As stored: records from before reports carried a channel (or a kind) have neither: they were live reports. */
type Stored<T extends { channel: string }> = T extends unknown
  ? Omit<T, 'channel' | 'kind'> & { channel?: string; kind?: 'report' | 'action' }
  : never;

interface OutboxDb extends DBSchema {
  // As stored: records from before reports carried a channel have none (they were all live).
  outbox: { key: string; value: Stored<OutboxItem>; indexes: { byCreatedAt: number } };
  sent: { key: string; value: Stored<SentItem>; indexes: { bySentAt: number } };
}

// What is read back is checked again: another version of the page may have written it.
const eventShape = z.looseObject({ id: z.string(), type: z.string(), agency: z.string(), occurredAt: z.string() });
const rejectionShape = z.object({
  status: z.number(),
  code: z.string(),
  message: z.string(),
  problems: z.array(z.object({ index: z.number().optional(), field: z.string(), message: z.string() })),
});
const actionShape = z.looseObject({ id: z.string(), agency: z.string(), step: z.looseObject({ type: z.string() }) });
/** A report (with or without its kind, which older versions did not write) or an action. */
const payloadShape = z.union([
  z.object({ kind: z.literal('report').optional(), event: eventShape }),
  z.object({ kind: z.literal('action'), action: actionShape }),
]);
const outboxItemShape = payloadShape.and(
  z.object({
    id: z.string(),
    channel: channelSchema.optional(),
    createdAt: z.number(),
    state: z.enum(['pending', 'rejected']),
    attempts: z.number(),
    nextAttemptAt: z.number(),
    leaseUntil: z.number(),
    lastError: z.string().nullable(),
    rejection: rejectionShape.nullable(),
    auto: z.boolean(),
  }),
);
const sentItemShape = payloadShape.and(
  z.object({
    id: z.string(),
    channel: channelSchema.optional(),
    sentAt: z.number(),
    duplicate: z.boolean(),
  }),
);

/** A record as this version reads it: with its channel (live when it predates channels) and its kind. */
function withChannel<T extends { channel: string }>(stored: Stored<T>): T {
  return { ...stored, kind: stored.kind ?? 'report', channel: stored.channel ?? LIVE_CHANNEL } as unknown as T;
}

/** Just the payload of an item, to carry over to the sent list. */
function payloadOf(item: OutboxPayload): OutboxPayload {
  return item.kind === 'action' ? { kind: 'action', action: item.action } : { kind: 'report', event: item.event };
}

export class OutboxStore {
  private constructor(private readonly db: IDBPDatabase<OutboxDb>) {}

  static async open(name: string = OUTBOX_DB_NAME): Promise<OutboxStore> {
    const db = await openDB<OutboxDb>(name, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byCreatedAt', 'createdAt');
        database.createObjectStore('sent', { keyPath: 'id' }).createIndex('bySentAt', 'sentAt');
      },
      // Another tab opened a newer version of the page: let it upgrade; this tab reloads its data later.
      blocking() {
        db.close();
      },
    });
    return new OutboxStore(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Queues a report. A shared position replaces a shared position that never left the phone:
   * after an hour without signal the wall needs where the unit is, not 120 old fixes.
   */
  async add(event: EventInput, options: { channel: string; now: number; auto?: boolean }): Promise<OutboxItem> {
    const { channel, now, auto = false } = options;
    if (!channelSchema.safeParse(channel).success) throw new Error(`not a channel: ${channel}`);
    const item: OutboxItem = {
      kind: 'report',
      id: event.id,
      event,
      channel,
      createdAt: now,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: 0,
      lastError: null,
      rejection: null,
      auto,
    };
    const tx = this.db.transaction('outbox', 'readwrite');
    if (auto) {
      for (const old of (await tx.store.getAll()).map((stored) => withChannel<OutboxItem>(stored))) {
        const untouched = old.auto && old.channel === channel && old.state === 'pending' && old.attempts === 0 && old.leaseUntil <= now;
        if (untouched) await tx.store.delete(old.id);
      }
    }
    await tx.store.add(item);
    await tx.done;
    return item;
  }

  /**
   * Queues a workflow step (an answer to a tasking) for POST /api/actions on `channel`. Kept and
   * retried like a report, under the id it got when the officer tapped.
   */
  async addAction(action: OutboxAction, options: { channel: string; now: number }): Promise<OutboxItem> {
    const { channel, now } = options;
    if (!channelSchema.safeParse(channel).success) throw new Error(`not a channel: ${channel}`);
    const item: OutboxItem = {
      kind: 'action',
      id: action.id,
      action,
      channel,
      createdAt: now,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: 0,
      lastError: null,
      rejection: null,
      auto: false,
    };
    await this.db.add('outbox', item);
    return item;
  }

  /** Everything waiting, oldest first. */
  async list(): Promise<OutboxItem[]> {
    const items = await this.db.getAllFromIndex('outbox', 'byCreatedAt');
    return items.filter((item) => readable(outboxItemShape, item)).map((item) => withChannel<OutboxItem>(item));
  }

  /** The most recently delivered reports, newest first. */
  async recentlySent(): Promise<SentItem[]> {
    const items = await this.db.getAllFromIndex('sent', 'bySentAt');
    return items
      .filter((item) => readable(sentItemShape, item))
      .map((item) => withChannel<SentItem>(item))
      .reverse();
  }

  /**
   * Takes the oldest waiting report if it is due and not held by another sender (else nothing:
   * later ones wait behind it), and holds it until `now + leaseMs`. The read and the write are one
   * transaction: two tabs cannot both get it.
   */
  async leaseNextDue(now: number, leaseMs: number): Promise<OutboxItem | null> {
    const tx = this.db.transaction('outbox', 'readwrite');
    let leased: OutboxItem | null = null;
    for (let cursor = await tx.store.index('byCreatedAt').openCursor(); cursor; cursor = await cursor.continue()) {
      const item = cursor.value;
      if (item.state !== 'pending' || !readable(outboxItemShape, item)) continue;
      // Oldest first, and never past the oldest still waiting (its backoff, or another tab's
      // lease): reports reach the server in the order they were made, a queue count before the
      // incident reported after it, however the retries of a weak link fell.
      if (item.nextAttemptAt <= now && item.leaseUntil <= now) {
        leased = withChannel<OutboxItem>({ ...item, leaseUntil: now + leaseMs });
        await cursor.update(leased);
      }
      break;
    }
    await tx.done;
    return leased;
  }

  /** The server has it: move it to the sent list (keeping the last SENT_KEPT). */
  async markDelivered(id: string, options: { now: number; duplicate: boolean }): Promise<void> {
    const tx = this.db.transaction(['outbox', 'sent'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    const sent = tx.objectStore('sent');
    const item = await outbox.get(id);
    if (item) {
      await outbox.delete(id);
      await sent.put({
        ...payloadOf(withChannel<OutboxItem>(item)),
        id,
        channel: item.channel ?? LIVE_CHANNEL,
        sentAt: options.now,
        duplicate: options.duplicate,
      });
      const keys = await sent.index('bySentAt').getAllKeys();
      for (const old of keys.slice(0, Math.max(0, keys.length - SENT_KEPT))) await sent.delete(old);
    }
    await tx.done;
  }

  async markRejected(id: string, rejection: Rejection): Promise<void> {
    await this.update(id, (item) => ({ ...item, state: 'rejected', leaseUntil: 0, rejection }));
  }

  /** No usable answer: try again after `delayMs`. */
  async markRetry(id: string, options: { now: number; delayMs: number; reason: string }): Promise<void> {
    await this.update(id, (item) => ({
      ...item,
      attempts: item.attempts + 1,
      nextAttemptAt: options.now + options.delayMs,
      leaseUntil: 0,
      lastError: options.reason,
    }));
  }

  /** Gives a report back untried (the session ended before it could be sent). */
  async release(id: string): Promise<void> {
    await this.update(id, (item) => ({ ...item, leaseUntil: 0 }));
  }

  /** The connection is back (or the officer asked): every pending report is due now. */
  async makeAllDue(now: number): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.state === 'pending' && cursor.value.nextAttemptAt > now) {
        await cursor.update({ ...cursor.value, nextAttemptAt: now });
      }
    }
    await tx.done;
  }

  /** When the next pending report falls due (epoch ms), or null when none is pending. */
  async nextDueAt(): Promise<number | null> {
    const pending = (await this.list()).filter((item) => item.state === 'pending');
    return pending.length ? Math.min(...pending.map((item) => Math.max(item.nextAttemptAt, item.leaseUntil))) : null;
  }

  /**
   * Removes a report the officer gave up on (or takes it back to edit). A report being sent right
   * now is not removed: the server may already have it.
   */
  async remove(id: string, now: number): Promise<OutboxItem | null> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const item = await tx.store.get(id);
    const free = item && item.leaseUntil <= now;
    if (free) await tx.store.delete(id);
    await tx.done;
    return free ? withChannel<OutboxItem>(item) : null;
  }

  private async update(id: string, change: (item: OutboxItem) => OutboxItem): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const item = await tx.store.get(id);
    if (item) await tx.store.put(change(withChannel<OutboxItem>(item)));
    await tx.done;
  }
}

function readable(shape: z.ZodType, value: unknown): boolean {
  const ok = shape.safeParse(value).success;
  if (!ok) console.warn('Outbox: skipping a record this version cannot read', value);
  return ok;
}
