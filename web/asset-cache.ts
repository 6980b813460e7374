/**
 * The web build's assets from the content cache (local/cache/content-cache.ts): bundling React,
 * GraphiQL and Monaco takes seconds, and every twin that serves a page did it again. The key is
 * the esbuild version, the build options and the bytes of every file the builds read (their
 * metafiles' inputs, kept in an index entry), as for the resolver bundles; a miss builds.
 */
import { isAbsolute, relative } from 'node:path';
import { contentKey, findProjectRoot, installedVersion, readEntry, writeEntry } from '../local/cache/content-cache';
import { inputsKey } from '../local/cache/bundle-cache';

/** Bump when the layout of the entries below changes. */
const FORMAT = 'web/1';

/** Asset bytes by URL path (`/assets/...`). */
export type Assets = Map<string, Uint8Array>;

/** What a build returns: its assets and the files it read (paths relative to the project root). */
export interface BuiltAssets {
  assets: Assets;
  inputs: string[];
}

function decode(value: string): Assets | undefined {
  try {
    const entries = JSON.parse(value) as Array<[string, string]>;
    return new Map(entries.map(([path, base64]) => [path, new Uint8Array(Buffer.from(base64, 'base64'))]));
  } catch {
    return undefined;
  }
}

function encode(assets: Assets): string {
  return JSON.stringify([...assets].map(([path, bytes]) => [path, Buffer.from(bytes).toString('base64')]));
}

/** The assets for `options` from the cache, else from `build` (whose result is then stored). */
export async function cachedAssets(options: unknown, build: () => Promise<BuiltAssets>): Promise<Assets> {
  const root = findProjectRoot();
  const indexKey = contentKey([FORMAT, installedVersion('esbuild'), JSON.stringify(options)]);
  const index = readEntry('web-inputs', indexKey);
  if (index !== undefined) {
    const inputs = JSON.parse(index) as unknown;
    const key = Array.isArray(inputs) && inputs.every((p) => typeof p === 'string') ? inputsKey(indexKey, root, inputs as string[]) : undefined;
    const stored = key === undefined ? undefined : readEntry('web', key);
    const assets = stored === undefined ? undefined : decode(stored);
    if (assets !== undefined) return assets;
  }
  const built = await build();
  const inputs = built.inputs.map((path) => (isAbsolute(path) ? relative(root, path) : path));
  // An input outside plain files (a plugin's namespace) cannot be hashed: then nothing is stored.
  if (inputs.every((path) => !path.includes(':') && !path.startsWith('..'))) {
    const key = inputsKey(indexKey, root, inputs);
    if (key !== undefined) {
      writeEntry('web', key, encode(built.assets));
      writeEntry('web-inputs', indexKey, JSON.stringify(inputs));
    }
  }
  return built.assets;
}
