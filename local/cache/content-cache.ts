/**
 * A content-addressed cache on disk for work that belongs at build time (bundling resolvers,
 * linting their code): the key is a hash of everything the result depends on, so an entry is
 * either right or never looked up. Entries are written to a temporary name and renamed into
 * place, so readers see a whole entry or none; one that cannot be read or does not verify is a
 * miss, never an error.
 *
 * Where: node_modules/.cache/appsync-twin/ (the convention build tools share). The entries derive
 * from the source and the installed packages, not from the twin's state, so they sit beside the
 * packages: a fresh clone gets them after its first start, `--data-dir` and `--in-memory` share
 * them, and reinstalling the packages drops them. APPSYNC_TWIN_CACHE_DIR names another folder,
 * or `off`. Under jest the cache is off unless that variable is set, so tests see the real work.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CACHE_DIR_ENV = 'APPSYNC_TWIN_CACHE_DIR';

/** Counters, for tests and for the start-up log. */
export const cacheStats = { hits: 0, misses: 0, writes: 0 };

let projectRoot: string | undefined;

/** The nearest folder above this file that has node_modules (the project, from source or a build). */
export function findProjectRoot(): string {
  if (projectRoot === undefined) {
    let dir = __dirname;
    while (!existsSync(join(dir, 'node_modules')) && dirname(dir) !== dir) dir = dirname(dir);
    projectRoot = dir;
  }
  return projectRoot;
}

/** The cache folder, or null when caching is off. Read on every call so tests can switch it. */
export function cacheDir(): string | null {
  const configured = process.env[CACHE_DIR_ENV];
  if (configured === 'off') return null;
  if (configured) return configured;
  if (process.env.JEST_WORKER_ID !== undefined) return null;
  return join(findProjectRoot(), 'node_modules', '.cache', 'appsync-twin');
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One key from several parts; JSON keeps ["ab", "c"] and ["a", "bc"] apart. */
export function contentKey(parts: readonly string[]): string {
  return sha256(JSON.stringify(parts));
}

interface Entry {
  key: string;
  valueSha256: string;
  value: string;
}

function entryPath(dir: string, namespace: string, key: string): string {
  return join(dir, namespace, `${key}.json`);
}

/** The value stored under `key`, or undefined (absent, unreadable, corrupt, or caching off). */
export function readEntry(namespace: string, key: string): string | undefined {
  const dir = cacheDir();
  if (dir === null) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryPath(dir, namespace, key), 'utf8')) as Partial<Entry>;
    if (entry.key === key && typeof entry.value === 'string' && entry.valueSha256 === sha256(entry.value)) {
      cacheStats.hits += 1;
      return entry.value;
    }
  } catch {
    // Absent or unreadable: a miss.
  }
  cacheStats.misses += 1;
  return undefined;
}

/** Stores `value` under `key`; a cache that cannot be written only costs the next start the work. */
export function writeEntry(namespace: string, key: string, value: string): void {
  const dir = cacheDir();
  if (dir === null) return;
  const path = entryPath(dir, namespace, key);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const entry: Entry = { key, valueSha256: sha256(value), value };
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, path);
    cacheStats.writes += 1;
  } catch {
    rmSync(temporary, { force: true });
  }
}

const packageDirs = new Map<string, string | null>();

/** The folder of an installed package as `from` would resolve it, without loading the package. */
export function packageDir(name: string, from: string = findProjectRoot()): string | null {
  const id = `${from}\0${name}`;
  if (!packageDirs.has(id)) {
    let found: string | null = null;
    try {
      // The package's entry point, then up to its package.json (not every package exports that file).
      let dir = dirname(require.resolve(name, { paths: [from] }));
      for (; dirname(dir) !== dir; dir = dirname(dir)) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) {
          found = dir;
          break;
        }
      }
    } catch {
      found = null;
    }
    packageDirs.set(id, found);
  }
  return packageDirs.get(id) ?? null;
}

/**
 * "name@version" of an installed package. An unknown one gets a key nobody else produces, so
 * nothing cached under it is reused.
 */
export function installedVersion(name: string, from?: string): string {
  const dir = packageDir(name, from);
  try {
    if (dir !== null) return `${name}@${(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version}`;
  } catch {
    // Fall through to unknown.
  }
  return `${name}@unknown-${randomBytes(8).toString('hex')}`;
}
