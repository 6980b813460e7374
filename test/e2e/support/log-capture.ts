/**
 * A pino logger for a twin under test that keeps every entry it writes (and still prints them
 * to stderr): a property can then assert that no input made the twin log an error, which is
 * where an exception the twin caught (a request or frame it failed to handle) shows up.
 */
import pino, { type Logger } from 'pino';

export interface LogEntry {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** pino's numeric level for error; fatal is above it. */
export const ERROR_LEVEL = 50;

export function capturingLogger(level: string): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const stream = {
    write(line: string): void {
      try {
        entries.push(JSON.parse(line) as LogEntry);
      } catch {
        entries.push({ level: ERROR_LEVEL, msg: `unparsable log line: ${line}` });
      }
      process.stderr.write(line);
    },
  };
  return { logger: pino({ level, name: 'twin' }, stream), entries };
}

/** The error (and fatal) entries from index `since` on. */
export function errorsSince(entries: readonly LogEntry[], since: number): LogEntry[] {
  return entries.slice(since).filter((entry) => entry.level >= ERROR_LEVEL);
}
