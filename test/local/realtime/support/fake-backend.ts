/**
 * A small stand-in for the twin's GraphQL layer (a separate module): enough to turn a start
 * frame into a PreparedSubscription. Tokens: Authorization "allow-<user>" or x-api-key "key".
 */
import { Kind, parse, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type {
  ConnectionAuthResult,
  PreparedSubscription,
  ProjectedSelection,
  RealtimeBackend,
  StartSubscriptionInput,
  StartSubscriptionResult,
} from '../../../../local/realtime/backend';

const TRIGGERS: Record<string, string[]> = {
  onNewMessage: ['sendMessage'],
  onMessageChanged: ['editMessage', 'deleteMessage'],
};

function principalOf(header: Record<string, unknown>): string | null {
  if (header['x-api-key'] === 'key') return 'api-key';
  const token = header.Authorization;
  return typeof token === 'string' && token.startsWith('allow-') ? token.slice('allow-'.length) : null;
}

function selectionOf(set: SelectionSetNode | undefined, typeName: string): ProjectedSelection {
  const fields = (set?.selections ?? [])
    .filter((node): node is FieldNode => node.kind === Kind.FIELD)
    .map((node) => ({
      responseKey: node.alias?.value ?? node.name.value,
      fieldName: node.name.value,
      ...(node.selectionSet ? { selection: selectionOf(node.selectionSet, 'Nested') } : {}),
    }));
  return { typeName, fields };
}

export type FiltersFor = (
  field: string,
  args: Record<string, unknown>,
  user: string,
) => Pick<PreparedSubscription, 'enhancedFilter' | 'invalidationFilter'> | null;

export class FakeBackend implements RealtimeBackend {
  readonly connectionHeaders: Array<Record<string, unknown>> = [];
  readonly starts: StartSubscriptionInput[] = [];
  /** Per-test hook for the subscription resolver's filters. */
  filtersFor: FiltersFor = () => null;
  /** When set, startSubscription waits for this promise (to test stops during a start). */
  startGate: Promise<void> | null = null;

  async authenticateConnection(header: Record<string, unknown>): Promise<ConnectionAuthResult> {
    this.connectionHeaders.push(header);
    const user = principalOf(header);
    if (user === null) {
      return { ok: false, errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 };
    }
    return { ok: true, principal: { user } };
  }

  async startSubscription(input: StartSubscriptionInput): Promise<StartSubscriptionResult> {
    this.starts.push(input);
    if (this.startGate) await this.startGate;
    const user = principalOf(input.authorization);
    const operation = parse(input.query).definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    const field = operation?.selectionSet.selections.find((node): node is FieldNode => node.kind === Kind.FIELD);
    if (!field) return { ok: false, errors: [{ message: 'no field' }] };
    const fieldName = field.name.value;
    if (user === null || !TRIGGERS[fieldName]) {
      return {
        ok: false,
        errors: [{ errorType: 'Unauthorized', message: `Not Authorized to access ${fieldName} on type Subscription` }],
      };
    }
    const argumentFilter: Record<string, unknown> = {};
    for (const argument of field.arguments ?? []) {
      const node = argument.value;
      // A variable the client did not supply means the argument was omitted.
      if (node.kind === Kind.VARIABLE && !(input.variables && Object.hasOwn(input.variables, node.name.value))) continue;
      argumentFilter[argument.name.value] = valueFromASTUntyped(node, input.variables ?? undefined);
    }
    const filters = this.filtersFor(fieldName, argumentFilter, user);
    return {
      ok: true,
      subscription: {
        fieldName,
        responseKey: field.alias?.value ?? fieldName,
        triggerMutations: TRIGGERS[fieldName],
        argumentFilter,
        enhancedFilter: filters?.enhancedFilter ?? null,
        invalidationFilter: filters?.invalidationFilter ?? null,
        selection: selectionOf(field.selectionSet, 'Message'),
        userKey: user,
      },
    };
  }
}

/** A start frame as Amplify builds it. */
export function startFrame(
  id: string,
  query: string,
  variables: Record<string, unknown> = {},
  authorization: Record<string, unknown> = { Authorization: 'allow-ann', host: '127.0.0.1' },
): string {
  return JSON.stringify({
    id,
    type: 'start',
    payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } },
  });
}

export const ON_NEW_MESSAGE = 'subscription S($roomId: ID!) { onNewMessage(roomId: $roomId) { roomId id content sender } }';
