/**
 * Turns a resolver or pipeline function written in TypeScript into the one ESM file AppSync
 * accepts (APPSYNC_JS 1.0.0). The CDK stack uploads exactly this text and the local twin runs
 * it, so both see the same code. Bundles are cached per process and on disk by content
 * (local/cache/bundle-cache.ts), so a start with unchanged sources does not load esbuild.
 */
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { cachedBundle } from '../local/cache/bundle-cache';

/** AppSync's limit on the code string of a resolver or function. */
export const MAX_CODE_LENGTH = 32_768;

const resolversDir = __dirname;
const cache = new Map<string, string>();

const BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'esnext',
  // The runtime provides these modules; bundling them would break the resolver.
  external: ['@aws-appsync/*'],
  sourcemap: false,
  logLevel: 'silent',
};

/** Absolute path of the source file of a resolver (Type.field.ts). */
export function resolverSourcePath(typeName: string, fieldName: string): string {
  return join(resolversDir, `${typeName}.${fieldName}.ts`);
}

/** Absolute path of the source file of a pipeline function (functions/<name>.ts). */
export function functionSourcePath(name: string): string {
  return join(resolversDir, 'functions', `${name}.ts`);
}

function bundleFile(entryPoint: string): string {
  const cached = cache.get(entryPoint);
  if (cached !== undefined) return cached;
  // The size limit (MAX_CODE_LENGTH) is enforced by test/resolvers/bundles.test.ts and build.ts.
  const code = cachedBundle(entryPoint, BUILD_OPTIONS);
  cache.set(entryPoint, code);
  return code;
}

/** The bundled code of the pipeline resolver for typeName.fieldName. */
export function bundleResolver(typeName: string, fieldName: string): string {
  return bundleFile(resolverSourcePath(typeName, fieldName));
}

/** The bundled code of the pipeline function resolvers/functions/<name>.ts. */
export function bundleFunction(name: string): string {
  return bundleFile(functionSourcePath(name));
}
