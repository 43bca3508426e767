/**
 * Keeps the latest value and writes it at most once per interval: the first push is written at
 * once, later ones when the interval since the last write has passed (only the newest of them).
 * `flush` writes what is waiting now (page hidden, screen closed); `cancel` drops it.
 */
export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled<T> {
  push(value: T): void;
  flush(): void;
  cancel(): void;
}

export function throttle<T>(write: (value: T) => void, intervalMs: number, timers: Timers = realTimers): Throttled<T> {
  let waiting: { value: T } | null = null;
  let lastWriteAt = -Infinity;
  let timer: unknown = null;

  const writeWaiting = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (!waiting) return;
    const { value } = waiting;
    waiting = null;
    lastWriteAt = timers.now();
    write(value);
  };

  return {
    push(value) {
      waiting = { value };
      if (timer !== null) return;
      const wait = lastWriteAt + intervalMs - timers.now();
      if (wait <= 0) writeWaiting();
      else timer = timers.setTimeout(writeWaiting, wait);
    },
    flush: writeWaiting,
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  };
}
