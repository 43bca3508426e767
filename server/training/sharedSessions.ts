/**
 * Exercise sessions on PostgreSQL, for several nodes: each row is a session record plus the shared
 * clock every node follows. The clock is an anchor — exercise time `exerciseTime` at wall time
 * `anchorWall`, running at `speed` while `playing` — so any node tells the time now without asking
 * anyone; `rev` counts control changes (play, pause, speed, seek, end of scenario) and the epoch
 * (`epochBase`, `epochAt`) is where the channel's numbering last restarted, which fixes the seq of
 * every event since on every node.
 *
 * Control changes may come from any node (last one wins, each bumps rev). Progress — the anchor
 * moved to now while playing, so a node taking over never extrapolates far — comes only from the
 * clock's owner: the write names the lease and the rev it read, so a former owner (thawed after
 * SIGSTOP) or a write racing a control change changes nothing.
 */
import type { ClusterBus } from '../cluster/clusterBus.ts';
import { heldClause, type LeaseFactory, type LeasePool } from '../cluster/lease.ts';
import { postgresFault } from '../store/storeFault.ts';
import type { SessionRecord } from './sessionFile.ts';

export interface SharedRecord extends SessionRecord {
  anchorWall: number;
  rev: number;
  epochBase: number;
  epochAt: number;
  ended: boolean;
}

export interface SharedSessions {
  table: SharedSessionTable;
  leases: LeaseFactory;
  /** This node's lease owner id. */
  owner: string;
  /** Tells other nodes a session changed (they would notice on their next poll anyway). */
  bus?: ClusterBus;
}

export const leaseName = (sessionId: string) => `training:${sessionId}`;

interface Row {
  id: string;
  scenario_id: string;
  created_at: string;
  created_by: string;
  exercise_time: number;
  speed: number;
  playing: boolean;
  seq_reserved_through: string;
  anchor_wall: string;
  rev: string;
  epoch_base: string;
  epoch_at: number | null;
  ended: boolean;
}

const fromRow = (row: Row): SharedRecord => ({
  id: row.id,
  scenarioId: row.scenario_id,
  createdAt: row.created_at,
  createdBy: row.created_by,
  exerciseTime: row.exercise_time,
  speed: row.speed,
  playing: row.playing,
  seqReservedThrough: Number(row.seq_reserved_through),
  anchorWall: Number(row.anchor_wall),
  rev: Number(row.rev),
  epochBase: Number(row.epoch_base),
  epochAt: row.epoch_at ?? row.exercise_time,
  ended: row.ended,
});

/** Store faults answer 503 like the event log's. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw postgresFault(error) ?? error;
  }
}

export class SharedSessionTable {
  constructor(private readonly pool: LeasePool) {}

  list(): Promise<SharedRecord[]> {
    return guarded(async () => {
      const { rows } = await this.pool.query('SELECT * FROM training_sessions ORDER BY created_at, id');
      return (rows as Row[]).map(fromRow);
    });
  }

  insert(record: SharedRecord): Promise<void> {
    return guarded(async () => {
      await this.pool.query(
        `INSERT INTO training_sessions
           (id, scenario_id, created_at, created_by, exercise_time, speed, playing, seq_reserved_through,
            anchor_wall, rev, epoch_base, epoch_at, ended)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          record.id,
          record.scenarioId,
          record.createdAt,
          record.createdBy,
          record.exerciseTime,
          record.speed,
          record.playing,
          record.seqReservedThrough,
          record.anchorWall,
          record.rev,
          record.epochBase,
          record.epochAt,
          record.ended,
        ],
      );
    });
  }

  /** A control change from any node: the whole clock, rev bumped. Returns the new rev (null: no such session). */
  control(id: string, clock: Omit<SharedRecord, 'id' | 'scenarioId' | 'createdAt' | 'createdBy' | 'rev'>): Promise<number | null> {
    return guarded(async () => {
      const { rows } = await this.pool.query(
        `UPDATE training_sessions SET exercise_time = $2, speed = $3, playing = $4, seq_reserved_through = $5,
           anchor_wall = $6, epoch_base = $7, epoch_at = $8, ended = $9, rev = rev + 1
         WHERE id = $1 RETURNING rev`,
        [
          id,
          clock.exerciseTime,
          clock.speed,
          clock.playing,
          clock.seqReservedThrough,
          clock.anchorWall,
          clock.epochBase,
          clock.epochAt,
          clock.ended,
        ],
      );
      return rows.length ? Number((rows[0] as { rev: string }).rev) : null;
    });
  }

  /** The owner's progress: only while `owner` holds the session's lease and nobody changed the clock since `rev`. */
  progress(
    id: string,
    rev: number,
    owner: string,
    at: { exerciseTime: number; anchorWall: number; seqReservedThrough: number },
  ): Promise<boolean> {
    return guarded(async () => {
      const { rowCount } = await this.pool.query(
        `UPDATE training_sessions SET exercise_time = $3, anchor_wall = $4, seq_reserved_through = GREATEST(seq_reserved_through, $5)
         WHERE id = $1 AND rev = $2 AND ${heldClause('$6', '$7')}`,
        [id, rev, at.exerciseTime, at.anchorWall, at.seqReservedThrough, leaseName(id), owner],
      );
      return rowCount === 1;
    });
  }

  delete(id: string): Promise<void> {
    return guarded(async () => {
      await this.pool.query('DELETE FROM training_sessions WHERE id = $1', [id]);
      await this.pool.query('DELETE FROM leases WHERE name = $1', [leaseName(id)]);
    });
  }
}
