/**
 * The twin's side of the realtime seam (local/realtime/backend.ts): authenticates sockets with
 * the local user pool, and prepares a `start` the way AppSync does: parse and validate it, check
 * the auth directives, run the subscription field's pipeline (membership check, enhanced and
 * invalidation filters), and hand back what the hub needs to match and project.
 */
import { Kind, getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildCognitoIdentity } from '../auth/identity';
import type { UserPool } from '../auth/user-pool';
import { verifyUserPoolToken, type CognitoClaims } from '../auth/verify-token';
import type { RealtimeBackend, StartSubscriptionResult } from '../realtime/backend';
import type { SubscriptionFilter } from '../realtime/filter-types';
import type { GraphQLApi } from './api';
import { toProjectedSelection } from './projected-selection';
import { subscriptionsByMutation } from './schema';
import type { Fragments } from './selection';

const connectionRefused = { ok: false as const, errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 };

function authorizationOf(header: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(header)) {
    if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return undefined;
}

export function createRealtimeBackend(options: { schema: GraphQLSchema; api: GraphQLApi; pool: UserPool }): RealtimeBackend {
  const { schema, api, pool } = options;
  const triggers = new Map<string, string[]>();
  for (const [mutation, fields] of subscriptionsByMutation(schema)) {
    for (const field of fields) triggers.set(field, [...(triggers.get(field) ?? []), mutation]);
  }

  async function claimsOf(token: string | undefined): Promise<CognitoClaims | null> {
    const verified = await verifyUserPoolToken(pool, token);
    return verified.ok ? verified.claims : null;
  }

  return {
    async authenticateConnection(header) {
      const claims = await claimsOf(authorizationOf(header));
      return claims ? { ok: true, principal: claims } : connectionRefused;
    },

    async startSubscription(input): Promise<StartSubscriptionResult> {
      // Each start carries its own authorization (Amplify fetches a fresh token for every one).
      const startToken = authorizationOf(input.authorization);
      const claims = startToken !== undefined ? await claimsOf(startToken) : (input.connectionPrincipal as CognitoClaims | null);
      if (!claims) {
        return { ok: false, errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] };
      }
      const identity = buildCognitoIdentity(claims, [input.sourceIp], 'ALLOW');
      const prepared = await api.prepareSubscription({
        query: input.query,
        variables: input.variables ?? {},
        operationName: input.operationName,
        caller: { mode: 'userPool', groups: identity.groups },
        identity,
        headers: Object.fromEntries(Object.entries(input.authorization).filter((e): e is [string, string] => typeof e[1] === 'string')),
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
          userKey: identity.sub,
        },
      };
    },
  };
}
