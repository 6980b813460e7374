/**
 * Runs a root field the way AppSync does in this API: through the pipeline resolver the wiring
 * table names, with the same bundled JavaScript CDK uploads, on the wiring's data sources.
 */
import { bundleFunction, bundleResolver } from '../../resolvers/bundle';
import { pipelineFunctions, resolvers } from '../../resolvers/wiring';
import type { DataSourceInvoker } from '../datasources';
import { runPipeline } from '../runtime/pipeline';
import { checkCode } from '../runtime/static-check';
import type { ResolverOutcome, RunResolver } from './api';

/** "Type.field" for every wired resolver. */
export function resolverFieldKeys(): Set<string> {
  return new Set(resolvers.map((r) => `${r.typeName}.${r.fieldName}`));
}

export function createPipelineRunner(invokeDataSource: DataSourceInvoker): RunResolver {
  const byField = new Map(resolvers.map((r) => [`${r.typeName}.${r.fieldName}`, r]));
  const dataSourceOf = new Map(pipelineFunctions.map((f) => [f.name, f.dataSource]));
  return async (typeName, fieldName, context): Promise<ResolverOutcome> => {
    const wiring = byField.get(`${typeName}.${fieldName}`);
    if (!wiring) throw new Error(`No resolver is wired for ${typeName}.${fieldName}`);
    const result = await runPipeline({
      code: bundleResolver(typeName, fieldName),
      functions: wiring.functions.map((name) => ({ name, code: bundleFunction(name), dataSourceName: dataSourceOf.get(name) ?? '' })),
      context,
      invokeDataSource,
    });
    return {
      data: result.data ?? null,
      errors: result.errors.map((e) => ({ message: e.message, errorType: e.errorType ?? null, data: e.data ?? null, errorInfo: e.errorInfo ?? null })),
      invalidations: result.extensions.invalidations ?? [],
      subscriptionFilter: result.extensions.subscriptionFilter ?? null,
      subscriptionInvalidationFilter: result.extensions.subscriptionInvalidationFilter ?? null,
      responseHeaders: result.responseHeaders,
    };
  };
}

/** Lets pending I/O callbacks run (the twin's other start-up steps) between warm-up steps. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Bundles and statically checks every wired resolver and function once, so that no client
 * request pays for it. Both come from the content cache when the sources are unchanged (then
 * neither esbuild nor the linter loads); otherwise the first miss loads them, a second or two.
 * Each step is synchronous, so the twin runs them one macrotask at a time while DynamoDB Local's
 * JVM starts.
 */
export async function warmUpResolvers(): Promise<void> {
  await yieldToEventLoop();
  const codes = [...resolvers.map((r) => () => bundleResolver(r.typeName, r.fieldName)), ...pipelineFunctions.map((f) => () => bundleFunction(f.name))];
  for (const bundle of codes) {
    await yieldToEventLoop();
    const code = bundle();
    for (const handler of ['request', 'response'] as const) checkCode(code, { requireHandlers: [handler] });
  }
}
