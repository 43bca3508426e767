/** Structured JSON logs on stdout, one line per record. */
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'concordia' }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
