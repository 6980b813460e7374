// Small helpers to keep state as JSON files under the caller's data directory.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';

export function readJsonFile<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const serialize = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Unique per write, so two writers of one file never rename each other's temporary file. */
const temporaryFor = (path: string): string => `${path}.${process.pid}.${randomUUID()}.tmp`;

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryFor(path);
  writeFileSync(temporary, serialize(value), { mode: 0o600 });
  renameSync(temporary, path);
}

/**
 * Writes a JSON file off the request path: `schedule()` marks the state changed and returns at
 * once; one write runs at a time, taking the state as it is when it starts, so any number of
 * changes in between cost one write. `flush()` resolves once everything scheduled is on disk.
 */
export class CoalescedJsonWriter {
  private dirty = false;
  private running: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => unknown,
  ) {}

  schedule(): void {
    this.dirty = true;
    this.running ??= this.drain();
  }

  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  private async drain(): Promise<void> {
    // Let the current request finish its changes first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.dirty) {
        this.dirty = false;
        const temporary = temporaryFor(this.path);
        await mkdir(dirname(this.path), { recursive: true });
        await writeFile(temporary, serialize(this.snapshot()), { mode: 0o600 });
        await rename(temporary, this.path);
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.running = undefined;
    }
  }
}
