/**
 * The lint step (ESLint + a TypeScript program: seconds to load, most of the twin's memory) from
 * the content cache. The key is the code's hash and the checker's version: the packages that
 * decide the findings and the bytes of our own lint sources, so an upgrade or an edited rule is a
 * miss. The rest of the static check (acorn, our module rules) is cheap and always runs.
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { contentKey, installedVersion, packageDir, readEntry, sha256, writeEntry } from '../../cache/content-cache';
import { isLintFinding, type LintFinding } from './lint-finding';

/** Bump when the layout of the entries changes. */
const FORMAT = 'lint/1';

/** The modules of this folder that decide what lint() reports. */
const LINT_SOURCES = ['lint', 'lint-finding', 'virtual-program', 'aws-choices'];

/** Runs of the real linter, for tests: 0 when every code string was in the cache. */
export const lintStats = { runs: 0 };

let checker: string | undefined;

/** Everything other than the code that the findings depend on, as one string. */
export function checkerVersion(): string {
  if (checker === undefined) {
    const plugin = packageDir('@aws-appsync/eslint-plugin') ?? undefined;
    const ext = extname(__filename);
    const sources = LINT_SOURCES.map((name) => {
      try {
        return `${name}\0${sha256(readFileSync(join(__dirname, `${name}${ext}`)))}`;
      } catch {
        // Sources not found (an unusual build layout): a version nothing else has, so no reuse.
        return `${name}\0unreadable-${Math.random()}`;
      }
    });
    checker = contentKey([
      FORMAT,
      installedVersion('eslint'),
      installedVersion('typescript'),
      installedVersion('@aws-appsync/eslint-plugin'),
      // The parser and type-aware rule helpers the plugin brings.
      installedVersion('@typescript-eslint/parser', plugin),
      installedVersion('@typescript-eslint/typescript-estree', plugin),
      installedVersion('@typescript-eslint/utils', plugin),
      ...sources,
    ]);
  }
  return checker;
}

function fromCache(key: string): LintFinding[] | undefined {
  const text = readEntry('lint', key);
  if (text === undefined) return undefined;
  try {
    const findings: unknown = JSON.parse(text);
    if (Array.isArray(findings) && findings.every(isLintFinding)) return findings;
  } catch {
    // Corrupt: a miss.
  }
  return undefined;
}

/** lint(code), from the cache when this checker has seen the code before. */
export function cachedLint(code: string): LintFinding[] {
  const key = contentKey([checkerVersion(), sha256(code)]);
  const cached = fromCache(key);
  if (cached !== undefined) return cached;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ESLint and TypeScript load only on a miss
  const { lint } = require('./lint') as typeof import('./lint');
  lintStats.runs += 1;
  const findings = lint(code);
  writeEntry('lint', key, JSON.stringify(findings));
  return findings;
}
