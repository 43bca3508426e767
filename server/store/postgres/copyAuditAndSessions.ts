/**
 * Moving a SQLite data dir to PostgreSQL, the audit trail and exercise sessions part (the
 * migrate-to-postgres command calls this beside the event log copy). Idempotent: rows already in
 * PostgreSQL (same audit id, same session id) are left as they are, so a copy that stopped halfway
 * can be run again. The target must be migrated (migrate()) first.
 *
 * Audit ids are kept, and the id sequence moved past them, so entries written afterwards follow.
 * Sessions come over paused where they were saved, as after a restart; their seqs continue above
 * the reservation, so a screen holding seqs from before never mistakes new events for old ones.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { SessionRecord } from '../../training/sessionFile.ts';

const PAGE = 1_000;

export interface CopiedAuditAndSessions {
  /** Audit rows inserted (rows already there are not counted). */
  audit: number;
  sessions: number;
}

export async function copyAuditAndSessions(
  db: Database.Database,
  sessions: readonly SessionRecord[],
  pool: pg.Pool,
): Promise<CopiedAuditAndSessions> {
  let audit = 0;
  const select = db.prepare('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?');
  for (let after = 0; ;) {
    const rows = select.all(after, PAGE) as Array<Record<string, string | number | null>>;
    if (rows.length === 0) break;
    const column = (name: string) => rows.map((row) => row[name]);
    const { rowCount } = await pool.query(
      `INSERT INTO audit (id, at, actor, agency, action, target, outcome, detail, address)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (id) DO NOTHING`,
      ['id', 'at', 'actor', 'agency', 'action', 'target', 'outcome', 'detail', 'address'].map(column),
    );
    audit += rowCount ?? 0;
    after = Number(rows[rows.length - 1].id);
  }
  await pool.query(`SELECT setval('audit_id_seq', GREATEST((SELECT max(id) FROM audit), 1))`);

  let copied = 0;
  for (const record of sessions) {
    const { rowCount } = await pool.query(
      `INSERT INTO training_sessions
         (id, scenario_id, created_at, created_by, exercise_time, speed, playing, seq_reserved_through,
          anchor_wall, rev, epoch_base, epoch_at, ended)
       VALUES ($1, $2, $3, $4, $5, $6, false, $7, $8, 0, $7, $5, false)
       ON CONFLICT (id) DO NOTHING`,
      [
        record.id,
        record.scenarioId,
        record.createdAt,
        record.createdBy,
        record.exerciseTime,
        record.speed,
        record.seqReservedThrough,
        Date.now(),
      ],
    );
    copied += rowCount ?? 0;
  }
  return { audit, sessions: copied };
}
