/**
 * The frames of AppSync's `graphql-ws` realtime protocol, and the single place where an
 * incoming text frame is parsed and validated.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { GraphQLErrorShape } from './backend';
import { protocolErrors, type ConnectionError, type ProtocolError } from './errors';

export type ClientFrame =
  | { type: 'connection_init' }
  | {
      type: 'start';
      id: string;
      /** payload.data exactly as received: an IAM start's signature covers it. */
      data: string;
      query: string;
      variables: Record<string, unknown> | null;
      operationName: string | null;
      authorization: Record<string, unknown>;
    }
  | { type: 'stop'; id: string };

export type ServerFrame =
  | { type: 'connection_ack'; payload: { connectionTimeoutMs: number } }
  | { type: 'connection_error'; payload: { errors: ConnectionError[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: { data: Record<string, unknown> } }
  | { type: 'complete'; id: string }
  // AppSync sends `errors` as an object (not an array) for MaxSubscriptionsReachedError.
  | { type: 'error'; id?: string; payload: { errors: GraphQLErrorShape[] | GraphQLErrorShape } };

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; id?: string; error: ProtocolError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** The operation a start would run, or its kind's name when it is not a single subscription. */
function operationKind(query: string, operationName: string | null): OperationDefinitionNode['operation'] | 'unknown' {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return 'unknown';
  }
  const chosen = operationName
    ? operations.filter((operation) => operation.name?.value === operationName)
    : operations;
  return chosen.length === 1 ? chosen[0].operation : 'unknown';
}

function parseStart(message: Record<string, unknown>): ParsedFrame {
  const id = nonEmptyString(message.id) ? message.id : undefined;
  const malformed: ParsedFrame = { ok: false, id: id ?? '', error: protocolErrors.unsupportedOperation('unknown') };
  if (id === undefined || !isRecord(message.payload) || typeof message.payload.data !== 'string') return malformed;
  let data: unknown;
  try {
    data = JSON.parse(message.payload.data);
  } catch {
    return malformed;
  }
  if (!isRecord(data) || typeof data.query !== 'string') return malformed;
  const variables = data.variables ?? null;
  if (variables !== null && !isRecord(variables)) return malformed;
  const operationName = data.operationName ?? null;
  if (operationName !== null && typeof operationName !== 'string') return malformed;
  const kind = operationKind(data.query, operationName);
  if (kind !== 'subscription') return { ok: false, id, error: protocolErrors.unsupportedOperation(kind) };
  const extensions = message.payload.extensions;
  const authorization = isRecord(extensions) && isRecord(extensions.authorization) ? extensions.authorization : {};
  return { ok: true, frame: { type: 'start', id, data: message.payload.data, query: data.query, variables, operationName, authorization } };
}

/** Parses one text frame from a client. Never throws. */
export function parseClientFrame(text: string): ParsedFrame {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { ok: false, error: protocolErrors.notJson() };
  }
  if (!isRecord(message) || typeof message.type !== 'string') return { ok: false, error: protocolErrors.notAMessage() };
  switch (message.type) {
    case 'connection_init':
      return { ok: true, frame: { type: 'connection_init' } };
    case 'start':
      return parseStart(message);
    case 'stop':
      return nonEmptyString(message.id)
        ? { ok: true, frame: { type: 'stop', id: message.id } }
        : { ok: false, error: protocolErrors.stopWithoutId() };
    default:
      return {
        ok: false,
        ...(nonEmptyString(message.id) ? { id: message.id } : {}),
        error: protocolErrors.unsupportedOperation(message.type),
      };
  }
}
