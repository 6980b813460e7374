import type { DataSourceResult } from './result';

/** A NONE data source: nothing is called; the request's `payload` becomes ctx.result. */
export function invokeNoneDataSource(request: unknown): Promise<DataSourceResult> {
  const payload = typeof request === 'object' && request !== null && 'payload' in request ? request.payload : undefined;
  return Promise.resolve({ result: payload ?? null });
}
