// Where a benchmark writes its table: build/bench/ (git-ignored) by default, so running a
// benchmark never dirties tracked files; bench/results/ (tracked, cited by the README) only with
// --save, when the figures are updated on purpose.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export function resultsPath(fileName: string, argv: readonly string[] = process.argv): string {
  const dir = argv.includes('--save') ? path.join(__dirname, 'results') : path.join(__dirname, '..', 'build', 'bench');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, fileName);
}
