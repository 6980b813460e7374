import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Resolves a command the way a shell would (a path is checked as is); undefined if absent. */
export function findExecutable(command: string, searchPath = process.env.PATH ?? ''): string | undefined {
  const candidates = command.includes('/')
    ? [command]
    : searchPath.split(delimiter).filter(Boolean).map((dir) => join(dir, command));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
