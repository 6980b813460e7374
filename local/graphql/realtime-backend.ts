/**
 * The twin's side of the realtime seam (local/realtime/backend.ts): authenticates sockets with
 * the local user pool or the twin's IAM key (SigV4), and prepares a `start` the way AppSync does:
 * authorize it afresh, parse and validate it, check the auth directives, run the subscription
 * field's pipeline (membership check, enhanced and invalidation filters), and hand back what the
 * hub needs to match and project.
 *
 * Auth on the socket (reference appsync-realtime-and-amplify.md §2.1, §2.2, §3.2):
 * - user pool: the header object's Authorization is a JWT;
 * - IAM: the header object holds SigV4 headers signed over POST <graphql endpoint>/connect with
 *   body "{}"; a start's own authorization is signed over POST <graphql endpoint> with the
 *   start's payload.data as body. An IAM caller is then refused by the field's auth directives
 *   (Unauthorized), not at the connection.
 * Each start is judged by the authorization it carries, else by the connection's, verified again
 * at that moment: a token that has expired or was signed out (GlobalSignOut) since the handshake
 * no longer starts anything. Subscriptions already live are not ended when a token expires: AWS
 * does not document it (reference §2.3, §10 UNCONFIRMED) and Amplify reconnects with fresh tokens.
 */
import { Kind, getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildCognitoIdentity } from '../auth/identity';
import { verifySigV4Request, type AppSyncIamIdentity, type SigV4Verification } from '../auth/sigv4';
import type { UserPool } from '../auth/user-pool';
import { verifyUserPoolToken } from '../auth/verify-token';
import type { GraphQLErrorShape, RealtimeBackend, StartSubscriptionInput, StartSubscriptionResult } from '../realtime/backend';
import type { SubscriptionFilter } from '../realtime/filter-types';
import type { GraphQLApi } from './api';
import type { Caller } from './auth-directives';
import { toProjectedSelection } from './projected-selection';
import { subscriptionsByMutation } from './schema';
import type { Fragments } from './selection';

/** The twin serves GraphQL here; IAM signatures name this path (plus /connect for the handshake). */
export const DEFAULT_GRAPHQL_PATH = '/graphql';

const connectionRefused = { ok: false as const, errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 };
/** A start whose user-pool token does not verify (any more). */
const startUnauthorized: GraphQLErrorShape = { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' };
/** A start whose SigV4 signature does not verify: as AWS answered one (reference §2.2, amplify-js#6982). */
const startPermissionDenied: GraphQLErrorShape = { errorType: 'UnauthorizedException', message: 'Permission denied' };

const SIGV4_AUTHORIZATION = /^AWS4-HMAC-SHA256\s/;

/** What a socket authenticated as at its handshake (the connection principal). */
type ConnectionPrincipal = { mode: 'userPool'; token: string } | { mode: 'iam'; identity: AppSyncIamIdentity };

type StartCaller = { ok: true; caller: Caller; identity: unknown; userKey: string | null } | { ok: false; error: GraphQLErrorShape };

function authorizationOf(header: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(header)) {
    if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return undefined;
}

function stringHeaders(header: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(header).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function iamCaller(identity: AppSyncIamIdentity): StartCaller {
  return { ok: true, caller: { mode: 'iam' }, identity, userKey: identity.userArn };
}

export function createRealtimeBackend(options: { schema: GraphQLSchema; api: GraphQLApi; pool: UserPool; graphqlPath?: string }): RealtimeBackend {
  const { schema, api, pool } = options;
  const graphqlPath = options.graphqlPath ?? DEFAULT_GRAPHQL_PATH;
  const triggers = new Map<string, string[]>();
  for (const [mutation, fields] of subscriptionsByMutation(schema)) {
    for (const field of fields) triggers.set(field, [...(triggers.get(field) ?? []), mutation]);
  }

  function verifyIam(header: Record<string, unknown>, path: string, body: string, sourceIp: string): Promise<SigV4Verification> {
    return verifySigV4Request({ method: 'POST', url: path, headers: stringHeaders(header), body }, pool.credentials, {
      service: 'appsync',
      region: pool.region,
      sourceIp: [sourceIp],
      now: pool.now,
    });
  }

  /** Who runs this start: its own authorization if it has one, else the connection's, checked now. */
  async function callerOf(input: StartSubscriptionInput): Promise<StartCaller> {
    const own = authorizationOf(input.authorization);
    if (own !== undefined && SIGV4_AUTHORIZATION.test(own)) {
      const verified = await verifyIam(input.authorization, graphqlPath, input.data, input.sourceIp);
      return verified.ok ? iamCaller(verified.identity) : { ok: false, error: startPermissionDenied };
    }
    const principal = input.connectionPrincipal as ConnectionPrincipal;
    // A SigV4 signature is bound to its date and body: the connection's is not checked again.
    if (own === undefined && principal.mode === 'iam') return iamCaller(principal.identity);
    const verified = await verifyUserPoolToken(pool, own ?? (principal.mode === 'userPool' ? principal.token : undefined));
    if (!verified.ok) return { ok: false, error: startUnauthorized };
    const identity = buildCognitoIdentity(verified.claims, [input.sourceIp], 'ALLOW');
    return { ok: true, caller: { mode: 'userPool', groups: identity.groups }, identity, userKey: identity.sub };
  }

  return {
    async authenticateConnection(header, meta) {
      const authorization = authorizationOf(header);
      if (authorization !== undefined && SIGV4_AUTHORIZATION.test(authorization)) {
        const verified = await verifyIam(header, `${graphqlPath}/connect`, '{}', meta.sourceIp);
        // The reference documents one connect-time auth failure (§2.2, "Bad token at connect");
        // AWS's answer to a bad signature on the socket is not recorded, so the twin sends that
        // one (UNVERIFIED) rather than its HTTP endpoint's InvalidSignatureException.
        if (!verified.ok) return connectionRefused;
        const principal: ConnectionPrincipal = { mode: 'iam', identity: verified.identity };
        return { ok: true, principal };
      }
      const verified = await verifyUserPoolToken(pool, authorization);
      if (!verified.ok || authorization === undefined) return connectionRefused;
      const principal: ConnectionPrincipal = { mode: 'userPool', token: authorization };
      return { ok: true, principal };
    },

    async startSubscription(input): Promise<StartSubscriptionResult> {
      const who = await callerOf(input);
      if (!who.ok) return { ok: false, errors: [who.error] };
      const prepared = await api.prepareSubscription({
        query: input.query,
        variables: input.variables ?? {},
        operationName: input.operationName,
        caller: who.caller,
        identity: who.identity,
        headers: stringHeaders(input.authorization),
      });
      if (!prepared.ok) {
        return { ok: false, errors: prepared.errors.map(({ errorType, message }) => (errorType ? { errorType, message } : { message })) };
      }
      const objectType = getNamedType(schema.getSubscriptionType()?.getFields()[prepared.fieldName]?.type);
      if (!isObjectType(objectType)) {
        return { ok: false, errors: [{ errorType: 'UnsupportedOperation', message: `Subscription ${prepared.fieldName} does not return an object type` }] };
      }
      const fragments: Fragments = {};
      for (const d of prepared.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      return {
        ok: true,
        subscription: {
          fieldName: prepared.fieldName,
          responseKey: prepared.field.alias?.value ?? prepared.fieldName,
          triggerMutations: triggers.get(prepared.fieldName) ?? [],
          argumentFilter: prepared.arguments,
          enhancedFilter: (prepared.subscriptionFilter ?? null) as SubscriptionFilter | null,
          invalidationFilter: (prepared.subscriptionInvalidationFilter ?? null) as SubscriptionFilter | null,
          selection: toProjectedSelection(objectType, prepared.field.selectionSet, fragments),
          userKey: who.userKey,
        },
      };
    },
  };
}
