/**
 * esbuild bundles from the content cache. The key covers the esbuild version, the options, the
 * entry and the bytes of every file esbuild read for it (its metafile's inputs, kept in a small
 * index entry), so editing any of them is a miss. esbuild is required only on a miss.
 */
import type { BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { contentKey, findProjectRoot, installedVersion, readEntry, sha256, writeEntry } from './content-cache';

/** Bump when the layout of the entries below changes. */
const FORMAT = 'bundle/1';

/** esbuild runs, for tests: 0 after a start on a warm cache. */
export const bundleStats = { builds: 0 };

type CacheableOptions = Omit<BuildOptions, 'entryPoints' | 'write' | 'metafile' | 'absWorkingDir' | 'outfile' | 'outdir'>;

/** The content key of the inputs as they are now; undefined if one cannot be read. */
export function inputsKey(indexKey: string, root: string, inputs: readonly string[]): string | undefined {
  try {
    return contentKey([FORMAT, indexKey, ...inputs.map((path) => `${path}\0${sha256(readFileSync(join(root, path)))}`)]);
  } catch {
    return undefined;
  }
}

/** The bundled text of `entryPoint` (one output file) built with `options`. */
export function cachedBundle(entryPoint: string, options: CacheableOptions): string {
  const root = findProjectRoot();
  const indexKey = contentKey([FORMAT, installedVersion('esbuild'), JSON.stringify(options), relative(root, entryPoint)]);
  const index = readEntry('bundle-inputs', indexKey);
  if (index !== undefined) {
    let inputs: unknown;
    try {
      inputs = JSON.parse(index);
    } catch {
      inputs = undefined;
    }
    const key = Array.isArray(inputs) && inputs.every((p) => typeof p === 'string') ? inputsKey(indexKey, root, inputs as string[]) : undefined;
    const code = key === undefined ? undefined : readEntry('bundles', key);
    if (code !== undefined) return code;
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a bundle must be built
  const esbuild = require('esbuild') as typeof import('esbuild');
  bundleStats.builds += 1;
  const result = esbuild.buildSync({ ...options, entryPoints: [entryPoint], absWorkingDir: root, write: false, metafile: true });
  const code = result.outputFiles[0].text;
  // Inputs outside plain files (a plugin's namespace) cannot be hashed: such a bundle is not cached.
  const inputs = Object.keys(result.metafile.inputs);
  if (inputs.every((path) => !isAbsolute(path) && !path.includes(':'))) {
    const key = inputsKey(indexKey, root, inputs);
    if (key !== undefined) {
      writeEntry('bundles', key, code);
      writeEntry('bundle-inputs', indexKey, JSON.stringify(inputs));
    }
  }
  return code;
}
