/**
 * Child process for warm-start.test.ts: `node --import tsx warm-up-child.ts <twin | build-steps>`.
 * `twin` loads the twin's module graph and runs its start-up warm-up; `build-steps` only bundles
 * and checks every wired resolver. Prints one JSON line: what ran and which modules loaded.
 */
import Module from 'node:module';
import { bundleStats } from '../../../../local/cache/bundle-cache';
import { cacheStats } from '../../../../local/cache/content-cache';
import { lintStats } from '../../../../local/runtime/static/cached-lint';

/**
 * Which files require esbuild. Its module is in require.cache whatever the project does: tsx
 * itself transpiles with it.
 */
const esbuildRequirers: string[] = [];
const originalRequire = Module.prototype.require;
Module.prototype.require = function (this: NodeJS.Module, id: string) {
  if (id === 'esbuild') esbuildRequirers.push(this.filename);
  return originalRequire.call(this, id);
} as typeof Module.prototype.require;

async function main(mode: string): Promise<void> {
  if (mode === 'twin') {
    await import('../../../../local/twin');
    const { warmUpResolvers } = await import('../../../../local/graphql/pipeline-runner');
    await warmUpResolvers();
  } else {
    const { bundleFunction, bundleResolver } = await import('../../../../resolvers/bundle');
    const { checkCode } = await import('../../../../local/runtime/static-check');
    const { pipelineFunctions, resolvers } = await import('../../../../resolvers/wiring');
    const codes = [...resolvers.map((r) => bundleResolver(r.typeName, r.fieldName)), ...pipelineFunctions.map((f) => bundleFunction(f.name))];
    for (const code of codes) checkCode(code);
  }
  process.stdout.write(`${JSON.stringify({ modules: Object.keys(require.cache), esbuildRequirers, bundleStats, lintStats, cacheStats })}\n`);
}

void main(process.argv[2] ?? 'twin');
