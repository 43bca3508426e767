/**
 * Where exercise sessions survive a restart: one JSON file in the data directory, replaced
 * atomically (write, fsync, rename) so a crash leaves the old or the new file, never half of one.
 * Injected events are not here: they are in the event store like every other event. Read back
 * through a schema, since the file is input like any other.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { speedSchema } from '../../lib/scenario/clock.ts';
import { slugSchema } from '../../lib/scenario/scenarioFile.ts';

export const SESSIONS_FILE = 'training-sessions.json';

export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a session id is 1–64 of A–Z a–z 0–9 _ -');

export const sessionRecordSchema = z.strictObject({
  id: sessionIdSchema,
  scenarioId: slugSchema,
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().min(1).max(100),
  /** Exercise time (epoch ms) when the record was written. */
  exerciseTime: z.number(),
  speed: speedSchema,
  playing: z.boolean(),
  /**
   * Seqs up to here may have been sent. A restored session starts above it, so a screen that
   * reconnects with a seq from before the restart never mistakes new events for ones it holds.
   */
  seqReservedThrough: z.int().min(0),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

const fileSchema = z.strictObject({ version: z.literal(1), sessions: z.array(sessionRecordSchema) });

export interface SessionPersistence {
  /** True when sessions outlive the process. */
  readonly durable: boolean;
  load(): { records: SessionRecord[]; problem?: string };
  save(records: readonly SessionRecord[]): void;
}

/** For tests and deployments without a data directory: sessions end with the process. */
export const NO_PERSISTENCE: SessionPersistence = {
  durable: false,
  load: () => ({ records: [] }),
  save: () => {},
};

export function sessionFile(dataDir: string): SessionPersistence {
  const file = path.join(dataDir, SESSIONS_FILE);
  return {
    durable: true,
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [] };
        return { records: [], problem: `cannot read ${file}: ${(error as Error).message}` };
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return { records: [], problem: `${file} is not JSON` };
      }
      const parsed = fileSchema.safeParse(raw);
      if (!parsed.success) return { records: [], problem: `${file} is not a sessions file: ${parsed.error.issues[0].message}` };
      return { records: parsed.data.sessions };
    },
    save(records) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const temp = `${file}.tmp`;
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify({ version: 1, sessions: records }, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
    },
  };
}
