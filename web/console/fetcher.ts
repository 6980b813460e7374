/// <reference lib="dom" />
/**
 * GraphiQL's fetcher: queries and mutations as one POST to the GraphQL endpoint, subscriptions
 * over the realtime protocol, both with the auth panel's current mode. A refused call shows
 * AppSync's own answer (status and body), not a wrapped error.
 */
import { getOperationAST, parse } from 'graphql';
import type { GraphiQLProps } from 'graphiql';
import { httpAuthHeaders, realtimeConnectHeader, realtimeStartAuthorization, type ConsoleAuth } from './auth';
import { subscribeOverRealtime } from './realtime-subscription';

type Fetcher = GraphiQLProps['fetcher'];

export interface FetcherContext {
  endpoint: string;
  region: string;
  /** Read on every call, so a change in the auth panel applies to the next request. */
  auth(): ConsoleAuth;
}

function isSubscription(query: string, operationName: string | null | undefined): boolean {
  try {
    return getOperationAST(parse(query), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false; // the API answers a document it cannot parse with its own error
  }
}

async function post(context: FetcherContext, body: string, extraHeaders: Record<string, string>): Promise<unknown> {
  let response: Response;
  try {
    const headers = { ...extraHeaders, ...(await httpAuthHeaders(context.auth(), context.endpoint, context.region, body)) };
    response = await fetch(context.endpoint, { method: 'POST', headers, body });
  } catch (error) {
    return { errors: [{ message: `The API cannot be reached at ${context.endpoint}: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
  }
}

/** Header-editor values as strings (GraphiQL hands over parsed JSON). */
function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

export function consoleFetcher(context: FetcherContext): Fetcher {
  return (params, options) => {
    const variables = (params.variables ?? {}) as Record<string, unknown>;
    if (isSubscription(params.query, params.operationName)) {
      const auth = context.auth();
      return subscribeOverRealtime({
        endpoint: context.endpoint,
        query: params.query,
        variables,
        operationName: params.operationName ?? undefined,
        connectHeader: () => realtimeConnectHeader(auth, context.endpoint, context.region),
        startAuthorization: (data) => realtimeStartAuthorization(auth, context.endpoint, context.region, data),
      }) as unknown as ReturnType<Fetcher>; // AppSync's errors are plain objects, not GraphQLErrors
    }
    const body = JSON.stringify({ query: params.query, variables, ...(params.operationName ? { operationName: params.operationName } : {}) });
    return post(context, body, stringHeaders(options?.headers)) as ReturnType<Fetcher>;
  };
}
