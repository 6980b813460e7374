// Bundles the in-realm code (realm-entry.ts and the AppSync library it imports) once per process
// into a vm.Script whose completion value is the entry's exports. The bundle comes from the
// content cache (local/cache/bundle-cache.ts), so a process whose sources are unchanged runs no esbuild.
import path from 'node:path';
import vm from 'node:vm';
import { cachedBundle } from '../cache/bundle-cache';
import { BUNDLE_GLOBAL_NAME, type RealmApi, type RealmBridge, type RealmOptions } from './realm-protocol';

export interface RealmEntryExports {
  install(bridge: RealmBridge, options: RealmOptions): RealmApi;
}

/** The file name in-realm library frames show in stacks (never `code.js`, which is the resolver). */
export const RUNTIME_FILE_NAME = 'appsync-runtime.js';

let bundleScript: vm.Script | undefined;

export function realmBundleScript(): vm.Script {
  if (bundleScript === undefined) {
    // Keyed by the bytes of realm-entry.ts and every sandbox file it imports (esbuild's metafile).
    const code = cachedBundle(path.join(__dirname, 'realm-entry.ts'), {
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      globalName: BUNDLE_GLOBAL_NAME,
      logLevel: 'silent',
    });
    // Wrapped in a function so the IIFE's `var` stays local instead of becoming a realm global.
    bundleScript = new vm.Script(`(function () {\n${code}\nreturn ${BUNDLE_GLOBAL_NAME};\n})()`, { filename: RUNTIME_FILE_NAME });
  }
  return bundleScript;
}
