/** Counts requests being served, so shutdown can wait for their writes and answers. */
import type { ServerResponse } from 'node:http';

export class InFlightRequests {
  private count = 0;
  private waiters: Array<() => void> = [];

  /** Marks a request as started; call the returned function when it is answered. */
  begin(res: ServerResponse): () => void {
    this.count++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.count--;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
    // Next answers asynchronously after its handler returns: count until the response is done.
    res.once('close', end);
    return () => {
      if (res.writableEnded) end();
    };
  }

  /** Resolves when nothing is in flight, or after `timeoutMs` at most. */
  drained(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
