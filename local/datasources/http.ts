/**
 * An HTTP data source whose endpoint is an AWS service API signed with IAM. The twin has no such
 * endpoint: it reads the APPSYNC_JS HTTP request object ({ method, resourcePath, params: {
 * headers, query, body } }) as AppSync would send it and hands it to a local implementation of
 * the service, whose answer becomes ctx.result ({ statusCode, headers, body }) as on AWS.
 */
import { RequestError, isRecord, optionalRecord, requireRecord, requireString } from './request-error';
import type { DataSourceResult } from './result';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  resourcePath: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  body: string;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** A local implementation of one AWS service's HTTP API. */
export type LocalServiceHandler = (request: HttpRequest) => Promise<HttpResponse>;

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

export function readHttpRequest(request: unknown): HttpRequest {
  const root = requireRecord(request, '$');
  const method = requireString(root.method, '$[method]');
  if (!METHODS.has(method)) throw new RequestError(`Unsupported HTTP method '${method}'.`);
  const resourcePath = requireString(root.resourcePath, '$[resourcePath]');
  if (!resourcePath.startsWith('/')) throw new RequestError("resourcePath must start with '/'.");
  const params = optionalRecord(root.params, '$[params]') ?? {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(optionalRecord(params.headers, '$[params][headers]') ?? {})) {
    if (typeof value !== 'string') throw new RequestError(`Expected string for field '$[params][headers][${name}]'.`);
    headers[name.toLowerCase()] = value;
  }
  // AppSync sends an object body as its JSON text.
  const body = params.body === undefined || params.body === null ? '' : typeof params.body === 'string' ? params.body : JSON.stringify(params.body);
  const query = isRecord(params.query) ? params.query : {};
  return { method: method as HttpRequest['method'], resourcePath, headers, query, body };
}

export function createHttpDataSource(service: LocalServiceHandler | undefined, serviceName: string): (request: unknown) => Promise<DataSourceResult> {
  return async (request) => {
    let parsed: HttpRequest;
    try {
      parsed = readHttpRequest(request);
    } catch (error) {
      if (error instanceof RequestError) return { error: { type: error.type, message: error.message } };
      throw error;
    }
    if (!service) return { error: { type: 'HTTP:ServiceUnavailable', message: `The twin runs no local '${serviceName}' service.` } };
    const response = await service(parsed);
    return { result: response };
  };
}
