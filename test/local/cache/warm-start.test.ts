// A start on a warm content cache loads none of the build-time tools (issue 11 §3): the twin's
// warm-up finds every bundle and lint result on disk. A cold start fills the cache.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipelineFunctions, resolvers } from '../../../resolvers/wiring';

const CHILD = join(__dirname, 'support', 'warm-up-child.ts');

interface ChildReport {
  modules: string[];
  /** Files that required esbuild (tsx loads it for itself, so its presence says nothing). */
  esbuildRequirers: string[];
  bundleStats: { builds: number };
  lintStats: { runs: number };
  cacheStats: { hits: number; misses: number; writes: number };
}

function runChild(mode: 'twin' | 'build-steps', cacheDir: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode], {
      env: { ...process.env, NODE_OPTIONS: '', APPSYNC_TWIN_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`child exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() as string) as ChildReport);
    });
  });
}

/** Loaded modules of the named packages, e.g. ".../node_modules/typescript/lib/typescript.js". */
function loadedFrom(report: ChildReport, packages: readonly string[]): string[] {
  return report.modules.filter((path) => packages.some((name) => path.includes(`/node_modules/${name}/`)));
}

const LINT_PACKAGES = ['typescript', 'eslint', '@typescript-eslint', '@aws-appsync/eslint-plugin'];
const wiredCount = resolvers.length + pipelineFunctions.length;

describe('start-up on the content cache', () => {
  let cacheDir: string;
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'twin-cache-'));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('a cold start bundles and lints every wired resolver and fills the cache', async () => {
    const cold = await runChild('twin', cacheDir);
    expect(cold.bundleStats.builds).toBe(wiredCount);
    expect(cold.lintStats.runs).toBeGreaterThan(0);
    // The probes see the tools when they are loaded.
    expect(loadedFrom(cold, ['typescript'])).not.toEqual([]);
    expect(cold.esbuildRequirers.some((file) => file.endsWith(join('local', 'cache', 'bundle-cache.ts')))).toBe(true);
    expect(readdirSync(join(cacheDir, 'bundles'))).toHaveLength(wiredCount);
    expect(readdirSync(join(cacheDir, 'lint')).length).toBeGreaterThan(0);
  }, 120_000);

  it('the twin started again on the warm cache loads neither TypeScript nor ESLint and builds nothing', async () => {
    const warm = await runChild('twin', cacheDir);
    expect(warm.bundleStats.builds).toBe(0);
    expect(warm.lintStats.runs).toBe(0);
    expect(warm.cacheStats.misses).toBe(0);
    expect(loadedFrom(warm, LINT_PACKAGES)).toEqual([]);
    // Nothing in the twin's module graph requires esbuild at load (the realm bundle and the web
    // build take theirs from the cache and load esbuild only on a miss).
    expect(warm.esbuildRequirers).toEqual([]);
  }, 60_000);

  it('bundling and checking every resolver on the warm cache does not require esbuild either', async () => {
    const warm = await runChild('build-steps', cacheDir);
    expect(warm.bundleStats.builds).toBe(0);
    expect(warm.esbuildRequirers).toEqual([]);
    expect(loadedFrom(warm, LINT_PACKAGES)).toEqual([]);
  }, 60_000);
});
