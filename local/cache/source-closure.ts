/**
 * The project files a module imports, directly or not, found by reading their import specifiers
 * (no module is loaded), and the packages they name. Over-inclusive on purpose (type-only imports
 * count): it feeds cache keys, where an extra file only costs a miss.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '/index.ts', '/index.js'];

export interface SourceClosure {
  /** Absolute paths, sorted, the entry included. */
  files: string[];
  /** Package names (`aws-cdk-lib`, `@scope/name`), sorted. */
  packages: string[];
}

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  // TypeScript sources may import './x.js' for './x.ts'.
  const candidates = [...EXTENSIONS.map((ext) => base + ext), base.replace(/\.js$/, '.ts')];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  if (found === undefined) throw new Error(`cannot resolve ${specifier} from ${from}`);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Throws when a relative import cannot be resolved (the caller then does not cache). */
export function sourceClosure(entry: string): SourceClosure {
  const files = new Set<string>([entry]);
  const packages = new Set<string>();
  const pending = [entry];
  const builtins = new Set(builtinModules);
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (file.endsWith('.json')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (!files.has(target)) {
          files.add(target);
          pending.push(target);
        }
      } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
        packages.add(packageName(specifier));
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}
