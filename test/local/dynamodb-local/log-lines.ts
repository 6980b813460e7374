import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type LogLine = Record<string, unknown> & { msg?: string; event?: string; level?: number };

/** A pino logger whose JSON lines a test can read and await, as events, instead of sleeping. */
export class LogLines {
  readonly lines: LogLine[] = [];
  readonly logger: Logger;
  private readonly added = new EventEmitter();

  constructor(level = 'info') {
    let partial = '';
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        partial += chunk.toString('utf8');
        const complete = partial.split('\n');
        partial = complete.pop() ?? '';
        for (const text of complete.filter(Boolean)) {
          const line = JSON.parse(text) as LogLine;
          this.lines.push(line);
          this.added.emit('line', line);
        }
        callback();
      },
    });
    this.logger = pino({ level, name: 'twin' }, sink);
  }

  /** Lines with this `event` field, from index `from` on. */
  withEvent(event: string, from = 0): LogLine[] {
    return this.lines.slice(from).filter((line) => line.event === event);
  }

  /** The first line with this event from index `from` on, as soon as it is written. */
  waitFor(event: string, from = 0): Promise<LogLine> {
    const found = this.withEvent(event, from)[0];
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const onLine = (line: LogLine): void => {
        if (line.event !== event) return;
        this.added.off('line', onLine);
        resolve(line);
      };
      this.added.on('line', onLine);
    });
  }
}
