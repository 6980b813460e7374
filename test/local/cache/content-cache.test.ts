// The content cache never serves a stale or damaged entry: a changed input is a new key, a
// corrupt file is a miss that rebuilds the right answer.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleStats, cachedBundle } from '../../../local/cache/bundle-cache';
import { CACHE_DIR_ENV, readEntry, writeEntry } from '../../../local/cache/content-cache';
import { cachedLint, lintStats } from '../../../local/runtime/static/cached-lint';

const OPTIONS = { bundle: true, format: 'esm', platform: 'node', target: 'esnext', logLevel: 'silent' } as const;

let cacheDir: string;
let sourceDir: string;
const saved = process.env[CACHE_DIR_ENV];

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'content-cache-'));
  sourceDir = mkdtempSync(join(tmpdir(), 'content-src-'));
  process.env[CACHE_DIR_ENV] = cacheDir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.APPSYNC_TWIN_CACHE_DIR;
  else process.env[CACHE_DIR_ENV] = saved;
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(sourceDir, { recursive: true, force: true });
});

/** Overwrites every entry under the cache with `text`. */
function damageAll(text: string): number {
  let damaged = 0;
  for (const namespace of readdirSync(cacheDir)) {
    for (const file of readdirSync(join(cacheDir, namespace))) {
      writeFileSync(join(cacheDir, namespace, file), text);
      damaged += 1;
    }
  }
  return damaged;
}

describe('readEntry / writeEntry', () => {
  it('returns what was written, and nothing for another key or with caching off', () => {
    writeEntry('ns', 'k1', 'value one');
    expect(readEntry('ns', 'k1')).toBe('value one');
    expect(readEntry('ns', 'k2')).toBeUndefined();
    process.env[CACHE_DIR_ENV] = 'off';
    expect(readEntry('ns', 'k1')).toBeUndefined();
  });

  it('treats truncated, altered or foreign entries as misses', () => {
    writeEntry('ns', 'k1', 'value one');
    const path = join(cacheDir, 'ns', 'k1.json');
    writeFileSync(path, '{"key":"k1","valueSha');
    expect(readEntry('ns', 'k1')).toBeUndefined();
    // Well-formed, but the value does not match its hash.
    writeFileSync(path, JSON.stringify({ key: 'k1', valueSha256: '0'.repeat(64), value: 'value one' }));
    expect(readEntry('ns', 'k1')).toBeUndefined();
    // Another key's entry under this name.
    writeEntry('ns', 'k2', 'value two');
    writeFileSync(path, readFileSync(join(cacheDir, 'ns', 'k2.json'), 'utf8'));
    expect(readEntry('ns', 'k1')).toBeUndefined();
  });

  it('leaves no temporary files behind', () => {
    writeEntry('ns', 'k1', 'x');
    writeEntry('ns', 'k1', 'y');
    expect(readdirSync(join(cacheDir, 'ns'))).toEqual(['k1.json']);
    expect(readEntry('ns', 'k1')).toBe('y');
  });
});

describe('cachedBundle', () => {
  it('rebuilds when any bundled file changes and reuses the entry for unchanged content', () => {
    const entry = join(sourceDir, 'entry.ts');
    writeFileSync(entry, "import { greeting } from './lib';\nexport function request() { return greeting; }\n");
    writeFileSync(join(sourceDir, 'lib.ts'), "export const greeting = 'first';\n");

    const builds = bundleStats.builds;
    const first = cachedBundle(entry, OPTIONS);
    expect(first).toContain('"first"');
    expect(bundleStats.builds).toBe(builds + 1);
    expect(cachedBundle(entry, OPTIONS)).toBe(first);
    expect(bundleStats.builds).toBe(builds + 1);

    // An imported file, not the entry, changes.
    writeFileSync(join(sourceDir, 'lib.ts'), "export const greeting = 'second';\n");
    const second = cachedBundle(entry, OPTIONS);
    expect(second).toContain('"second"');
    expect(second).not.toContain('"first"');
    expect(bundleStats.builds).toBe(builds + 2);

    // Back to the first content: its entry is still valid.
    writeFileSync(join(sourceDir, 'lib.ts'), "export const greeting = 'first';\n");
    expect(cachedBundle(entry, OPTIONS)).toBe(first);
    expect(bundleStats.builds).toBe(builds + 2);

    // Other options are another key.
    expect(cachedBundle(entry, { ...OPTIONS, minify: true })).not.toBe(first);
    expect(bundleStats.builds).toBe(builds + 3);
  });

  it('rebuilds the right bundle over corrupt entries', () => {
    const entry = join(sourceDir, 'entry.ts');
    writeFileSync(entry, "export const answer: number = 42;\n");
    const good = cachedBundle(entry, OPTIONS);
    expect(damageAll('not json')).toBeGreaterThan(0);
    const builds = bundleStats.builds;
    expect(cachedBundle(entry, OPTIONS)).toBe(good);
    expect(bundleStats.builds).toBe(builds + 1);
  });
});

describe('cachedLint', () => {
  const withRegex = 'export function request(ctx) { return /a+/.test(ctx.args.x); }\nexport function response(ctx) { return ctx.result; }\n';

  it('lints a code string once across cache reads, and a changed string again', () => {
    const runs = lintStats.runs;
    const findings = cachedLint(withRegex);
    expect(findings.map((f) => f.ruleId)).toContain('@aws-appsync/no-regex');
    expect(lintStats.runs).toBe(runs + 1);
    expect(cachedLint(withRegex)).toEqual(findings);
    expect(lintStats.runs).toBe(runs + 1);
    expect(cachedLint(`${withRegex}// changed\n`)).toEqual(findings);
    expect(lintStats.runs).toBe(runs + 2);
  });

  it('re-lints over a corrupt entry or one whose findings are malformed', () => {
    const findings = cachedLint(withRegex);
    damageAll('{');
    const runs = lintStats.runs;
    expect(cachedLint(withRegex)).toEqual(findings);
    expect(lintStats.runs).toBe(runs + 1);
    // A well-formed entry holding something that is not a findings list.
    for (const file of readdirSync(join(cacheDir, 'lint'))) {
      const key = file.replace(/\.json$/, '');
      writeEntry('lint', key, JSON.stringify([{ ruleId: 1 }]));
    }
    expect(cachedLint(withRegex)).toEqual(findings);
    expect(lintStats.runs).toBe(runs + 2);
  });
});
