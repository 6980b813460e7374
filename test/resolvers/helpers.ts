/**
 * Shared pieces of the resolver unit tests: realistic AppSync contexts (identities as AppSync
 * builds them, the TABLE_NAME environment variable) and evaluation through EvaluateCode.
 *
 * EvaluateCode reports a util.error only by its message, and never reports extensions calls
 * (subscription filters, invalidations). So evaluate() also runs the same handler on the local
 * runtime's engine and adds what EvaluateCode leaves out: the errorType and the extensions record.
 */
import { EvaluateCodeCommand } from '@aws-sdk/client-appsync';
import { createEvaluator } from '../../local/runtime/evaluator';
import { runHandler } from '../../local/runtime/engine';
import type { EvaluationRecord } from '../../local/runtime/sandbox/contract';

export const TABLE_NAME = 'ChatApi-ChatTable-TEST';
export const ROOM_ID = '01HZY3M9Q6B8J4K2N7P5R3T1VW';
export const MESSAGE_ID = '01HZY3MB2C4D6E8F0G1H2J3K4M';
export const NOW = '2026-11-22T17:00:00.000Z';
export const EARLIER = '2026-11-22T16:00:00.000Z';

/** ISO-8601 in UTC with milliseconds, as util.time.nowISO8601() makes it. */
export const ISO_8601_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** What util.autoUlid() makes. */
export const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

const POOL_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ch4tP00l';

export interface User {
  sub: string;
  username: string;
  groups: string[] | null;
}

export const alice: User = { sub: '6a1c5e2e-1b7f-4e5b-9d43-0c9a3f1e0001', username: 'alice', groups: ['Members'] };
export const bob: User = { sub: '6a1c5e2e-1b7f-4e5b-9d43-0c9a3f1e0002', username: 'bob', groups: ['Members'] };
export const carolAdmin: User = { sub: '6a1c5e2e-1b7f-4e5b-9d43-0c9a3f1e0003', username: 'carol', groups: ['Admins'] };
/** Signed in, in no group: AppSync sends groups: null. */
export const dave: User = { sub: '6a1c5e2e-1b7f-4e5b-9d43-0c9a3f1e0004', username: 'dave', groups: null };

/** ctx.identity for a user-pool access token (reference: realtime-and-amplify §5.2). */
export function cognitoIdentity(user: User): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: user.sub,
    iss: POOL_ISSUER,
    client_id: '4n1m4lc1i3nt1d0000000000',
    origin_jti: 'f3c1a2b4-0000-4000-8000-00000000aaaa',
    event_id: 'e1d2c3b4-0000-4000-8000-00000000bbbb',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: 1795107600,
    exp: 1795111200,
    iat: 1795107600,
    jti: 'a9b8c7d6-0000-4000-8000-00000000cccc',
    username: user.username,
  };
  if (user.groups) claims['cognito:groups'] = user.groups;
  return {
    sub: user.sub,
    issuer: POOL_ISSUER,
    username: user.username,
    claims,
    sourceIp: ['203.0.113.10'],
    defaultAuthStrategy: 'ALLOW',
    groups: user.groups,
  };
}

/** ctx.identity for a SigV4-signed operator call (an assumed role). */
export const iamIdentity: Record<string, unknown> = {
  accountId: '123456789012',
  cognitoIdentityPoolId: null,
  cognitoIdentityId: null,
  sourceIp: ['198.51.100.20'],
  username: 'AROAEXAMPLEROLEID0001:chat-ops',
  userArn: 'arn:aws:sts::123456789012:assumed-role/ChatOperator/chat-ops',
  cognitoIdentityAuthType: null,
  cognitoIdentityAuthProvider: null,
};

export interface ContextInput {
  typeName: string;
  fieldName: string;
  args: Record<string, unknown>;
  identity: Record<string, unknown>;
  stash?: Record<string, unknown>;
  prev?: Record<string, unknown>;
  result?: unknown;
  error?: { message: string; type: string };
}

/** A ctx as AppSync hands it to a handler, with the environment variables the stack sets. */
export function context(input: ContextInput): Record<string, unknown> {
  const ctx: Record<string, unknown> = {
    arguments: input.args,
    identity: input.identity,
    source: null,
    stash: input.stash ?? {},
    prev: input.prev ?? { result: {} },
    request: { headers: { 'content-type': 'application/json' }, domainName: null },
    info: { parentTypeName: input.typeName, fieldName: input.fieldName, variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    env: { TABLE_NAME },
  };
  if (input.result !== undefined) ctx.result = input.result;
  if (input.error !== undefined) ctx.error = input.error;
  return ctx;
}

export interface Evaluation {
  /** The handler's return value (EvaluateCode evaluationResult), undefined when it failed. */
  result: unknown;
  /** EvaluateCode error.message (util.error's message, or "Unauthorized"). */
  errorMessage: string | undefined;
  /** The stash after the handler (EvaluateCode stash). */
  stash: unknown;
  /** util.error's errorType, seen on the local engine (EvaluateCode does not report it). */
  errorType: string | null | undefined;
  /** extensions calls, seen on the local engine (EvaluateCode does not report them). */
  extensions: Pick<EvaluationRecord, 'subscriptionFilter' | 'subscriptionInvalidationFilter' | 'invalidations'>;
}

const evaluator = createEvaluator();

/** Evaluates one handler of bundled resolver code with the given ctx. */
export async function evaluate(code: string, handler: 'request' | 'response', ctx: Record<string, unknown>): Promise<Evaluation> {
  const contextJson = JSON.stringify(ctx);
  const output = await evaluator.send(
    new EvaluateCodeCommand({ runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }, code, context: contextJson, function: handler }),
  );
  if (output.error?.codeErrors && output.error.codeErrors.length > 0) {
    throw new Error(`code errors: ${JSON.stringify(output.error.codeErrors)}`);
  }
  const local = runHandler({ code, handler, contextJson });
  const outcome = local.outcome;
  let errorType: string | null | undefined;
  if (outcome.kind === 'error') errorType = outcome.error.errorType;
  if (outcome.kind === 'unauthorized') errorType = 'UnauthorizedException';
  return {
    result: output.evaluationResult === undefined ? undefined : JSON.parse(output.evaluationResult),
    errorMessage: output.error?.message,
    stash: output.stash === undefined ? undefined : JSON.parse(output.stash),
    errorType,
    extensions: {
      subscriptionFilter: local.record.subscriptionFilter,
      subscriptionInvalidationFilter: local.record.subscriptionInvalidationFilter,
      invalidations: local.record.invalidations,
    },
  };
}

/** DynamoDB's string attribute value. */
export function S(value: string): { S: string } {
  return { S: value };
}

/** A failed conditional write, as AppSync puts it in ctx.error. */
export const conditionalCheckFailed = {
  type: 'DynamoDB:ConditionalCheckFailedException',
  message:
    'The conditional request failed (Service: DynamoDb, Status Code: 400, Error Code: ConditionalCheckFailedException, Request ID: 7Q2N5S0B3UHG1VJ2F0PC5E4BTVVV4KQNSO5AEMVJF66Q9ASUAAJG)',
};

/** A cancelled transaction, as AppSync puts it in ctx.error. */
export function transactionCanceled(reasons: string): { type: string; message: string } {
  return {
    type: 'DynamoDB:TransactionCanceledException',
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons}] (Service: DynamoDb, Status Code: 400, Request ID: 0JQ7RPRFV5NOB8NR7K7DJ3TPRFVV4KQNSO5AEMVJF66Q9ASUAAJG)`,
  };
}

/** A throttled request, an error none of the resolvers expects. */
export const throttled = {
  type: 'DynamoDB:ProvisionedThroughputExceededException',
  message: 'The level of configured provisioned throughput for the table was exceeded.',
};

/** The stored items, as the data source hands them back (plain JSON). */
export function roomItem(createdBy = alice.sub): Record<string, unknown> {
  return { PK: `ROOM#${ROOM_ID}`, SK: 'META', id: ROOM_ID, name: 'General', createdBy, createdAt: EARLIER };
}

export const room = { id: ROOM_ID, name: 'General', createdBy: alice.sub, createdAt: EARLIER, visibility: 'PUBLIC' };

export function memberItem(user: User): Record<string, unknown> {
  return {
    PK: `ROOM#${ROOM_ID}`,
    SK: `MEMBER#${user.sub}`,
    GSI1PK: `USER#${user.sub}`,
    GSI1SK: `ROOM#${ROOM_ID}`,
    roomId: ROOM_ID,
    userId: user.sub,
    roomName: 'General',
    roomCreatedBy: alice.sub,
    roomCreatedAt: EARLIER,
    joinedAt: EARLIER,
  };
}

export function messageItem(sender: User, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    PK: `ROOM#${ROOM_ID}`,
    SK: `MSG#${MESSAGE_ID}`,
    roomId: ROOM_ID,
    id: MESSAGE_ID,
    senderId: sender.sub,
    sender: sender.username,
    content: 'hello',
    createdAt: EARLIER,
    deleted: false,
    clientMessageId: 'c-1',
    ...changes,
  };
}

/** The GraphQL Message for messageItem(sender, changes). */
export function message(sender: User, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    roomId: ROOM_ID,
    id: MESSAGE_ID,
    senderId: sender.sub,
    sender: sender.username,
    content: 'hello',
    createdAt: EARLIER,
    editedAt: null,
    deleted: false,
    reactions: [],
    ...changes,
  };
}

/** Malformed ULIDs, each with why it is wrong. */
export const BAD_ULIDS: Array<[string, string]> = [
  ['empty', ''],
  ['not a ULID', 'room-1'],
  ['25 characters', ROOM_ID.slice(0, 25)],
  ['27 characters', `${ROOM_ID}0`],
  ['lower case', ROOM_ID.toLowerCase()],
  ['the letter I', '01HZY3M9Q6B8J4K2N7P5R3T1VI'],
  ['the letter L', '01HZY3M9Q6B8J4K2N7P5R3T1VL'],
  ['the letter O', '01HZY3M9Q6B8J4K2N7P5R3T1VO'],
  ['the letter U', '01HZY3M9Q6B8J4K2N7P5R3T1VU'],
  ['a time past 10889 AD', '81HZY3M9Q6B8J4K2N7P5R3T1VW'],
  ['a space inside', '01HZY3M9Q6B8J4K2 7P5R3T1VW'],
  ['a UUID', '6a1c5e2e-1b7f-4e5b-9d43-0c9a3f1e0001'],
];

/** Contents that must be rejected, with the exact message. */
export const BAD_CONTENTS: Array<[string, string, string]> = [
  ['empty', '', 'content must not be empty'],
  ['spaces only', '   ', 'content must not be empty'],
  ['whitespace only', ' \t\n\r ', 'content must not be empty'],
  ['2,001 characters', 'x'.repeat(2001), 'content must be at most 2000 characters'],
  ['3,000 characters of text around spaces', ` ${'word '.repeat(600)}`, 'content must be at most 2000 characters'],
];

/** The invalidations leaveRoom and removeMember send to end userId's subscriptions to a room (all four room subscriptions). */
export function subscriptionsEnded(roomId: string, userId: string): Array<{ subscriptionField: string; payload: Record<string, string> }> {
  return ['onNewMessage', 'onMessageChanged', 'onTyping', 'onPresence'].map((subscriptionField) => ({ subscriptionField, payload: { roomId, userId } }));
}

/** DynamoDB's message for each cancellation reason code the resolvers read. */
const REASON_MESSAGES: Record<string, string | null> = {
  None: null,
  ConditionalCheckFailed: 'The conditional request failed',
  TransactionConflict: 'Transaction is ongoing for the item',
};

/**
 * A TransactWriteItems cancelled with one reason per request item (in request order), as
 * AppSync hands it to the response handler: ctx.error and ctx.result.cancellationReasons.
 */
export function cancelledTransaction(...reasonTypes: string[]): { error: { type: string; message: string }; result: Record<string, unknown> } {
  return {
    error: transactionCanceled(reasonTypes.join(', ')),
    result: { keys: null, cancellationReasons: reasonTypes.map((type) => ({ type, message: REASON_MESSAGES[type] ?? null })) },
  };
}

/** Malformed user ids (the userId argument of removeMember and unbanMember), each with why. */
export const BAD_USER_IDS: Array<[string, string]> = [
  ['empty', ''],
  ['129 characters', 'u'.repeat(129)],
  ['a hash (would reach into the key)', 'user#1'],
  ['a space', 'user 1'],
  ['a slash', 'user/1'],
];
