/**
 * The SQLite event writer's thread (sqliteWriter.ts starts it): its own connection to the
 * database file, the group commits and the probe's write. better-sqlite3 waits for each commit's
 * fsync on the thread that runs it; here that is this thread, not the server's event loop.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { GroupCommitter, asWriteError } from './groupCommit.ts';
import type { WriterReply, WriterRequest, WriterThreadData } from './sqliteWriter.ts';

const { file, synchronous, busyTimeoutMs } = workerData as WriterThreadData;
const db = new Database(file);
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
// WAL and the sync level are the file's and the connection's: the same as the server's own.
db.pragma(`synchronous = ${synchronous}`);
const committer = new GroupCommitter(db);
const port = parentPort!;

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: WriterReply;
  if (request.type === 'commit') {
    reply = { id: request.id, result: committer.commit(request.requests) };
  } else {
    try {
      committer.probe(request.at);
      reply = { id: request.id, result: { ok: true } };
    } catch (error) {
      reply = { id: request.id, result: { ok: false, error: asWriteError(error) } };
    }
  }
  port.postMessage(reply);
});
