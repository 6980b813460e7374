/**
 * Private rooms: functions/putInvitation (inviteMember), functions/queryMyInvitations and
 * functions/queryPublicRooms (listPublicRooms on GSI1 PUBLIC_ROOMS).
 */
import { bundleFunction } from '../../resolvers/bundle';
import { EARLIER, NOW, ROOM_ID, TABLE_NAME, alice, bob, cancelledTransaction, cognitoIdentity, context, evaluate, iamIdentity, room, roomItem, throttled } from './helpers';

const invitee = 'user-2';

function inviteContext(identity: Record<string, unknown>, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'inviteMember',
    args: { roomId: ROOM_ID, userId: invitee },
    identity,
    stash: { room, invitedUserId: invitee, now: NOW },
    ...extra,
  });
}

describe('functions/putInvitation', () => {
  const code = bundleFunction('putInvitation');

  it.each([
    ['a member', cognitoIdentity(bob), bob.sub],
    ['an operator (IAM), named by its ARN', iamIdentity, 'arn:aws:sts::123456789012:assumed-role/ChatOperator/chat-ops'],
  ])('checks the invitee is neither banned nor a member and writes the invitation, by %s', async (_who, identity, invitedBy) => {
    const out = await evaluate(code, 'request', inviteContext(identity));
    const absent = { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false };
    expect(out.result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE_NAME, operation: 'ConditionCheck', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `BAN#${invitee}` } }, condition: absent },
        { table: TABLE_NAME, operation: 'ConditionCheck', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${invitee}` } }, condition: absent },
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `INVITE#${invitee}` } },
          attributeValues: {
            GSI1PK: { S: `USER#${invitee}` },
            GSI1SK: { S: `INVITE#${ROOM_ID}` },
            roomId: { S: ROOM_ID },
            roomName: { S: 'General' },
            userId: { S: invitee },
            invitedBy: { S: invitedBy },
            invitedAt: { S: NOW },
          },
        },
      ],
    });
  });

  it('returns the invitation', async () => {
    const out = await evaluate(code, 'response', inviteContext(cognitoIdentity(bob), { result: { keys: [], cancellationReasons: null } }));
    expect(out.result).toEqual({ roomId: ROOM_ID, roomName: 'General', userId: invitee, invitedBy: bob.sub, invitedAt: NOW });
  });

  it.each([
    ['a banned user', cancelledTransaction('ConditionalCheckFailed', 'None', 'None'), 'This user is banned from the room; an Admin must unban them before they can be invited', 'Conflict'],
    ['a member', cancelledTransaction('None', 'ConditionalCheckFailed', 'None'), 'This user is already a member of the room', 'Conflict'],
    ['a user whose membership is changing', cancelledTransaction('None', 'TransactionConflict', 'None'), 'The membership is being changed by another request; retry', 'Conflict'],
    ['throttling', { error: throttled, result: null }, throttled.message, throttled.type],
  ])('refuses to invite %s', async (_case, failure, message, errorType) => {
    const out = await evaluate(code, 'response', inviteContext(cognitoIdentity(bob), failure));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
  });
});

describe('functions/queryMyInvitations', () => {
  const code = bundleFunction('queryMyInvitations');
  const ctx = (extra: { result?: unknown } = {}) => context({ typeName: 'Query', fieldName: 'myInvitations', args: {}, identity: cognitoIdentity(bob), ...extra });

  it('queries the caller’s invitations on GSI1 (INVITE#..., not the memberships beside them)', async () => {
    const out = await evaluate(code, 'request', ctx());
    expect(out.result).toEqual({
      operation: 'Query',
      index: 'GSI1',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :sk)',
        expressionNames: { '#pk': 'GSI1PK', '#sk': 'GSI1SK' },
        expressionValues: { ':pk': { S: `USER#${bob.sub}` }, ':sk': { S: 'INVITE#' } },
      },
    });
  });

  it('turns invitation items into Invitations', async () => {
    const item = { PK: `ROOM#${ROOM_ID}`, SK: `INVITE#${bob.sub}`, GSI1PK: `USER#${bob.sub}`, GSI1SK: `INVITE#${ROOM_ID}`, roomId: ROOM_ID, roomName: 'General', userId: bob.sub, invitedBy: alice.sub, invitedAt: EARLIER };
    const out = await evaluate(code, 'response', ctx({ result: { items: [item], nextToken: null, scannedCount: 1 } }));
    expect(out.result).toEqual([{ roomId: ROOM_ID, roomName: 'General', userId: bob.sub, invitedBy: alice.sub, invitedAt: EARLIER }]);
  });
});

describe('functions/queryPublicRooms', () => {
  const code = bundleFunction('queryPublicRooms');
  const ctx = (args: Record<string, unknown>, extra: { result?: unknown; error?: { message: string; type: string } } = {}) =>
    context({ typeName: 'Query', fieldName: 'listPublicRooms', args, identity: cognitoIdentity(bob), stash: { limit: 20 }, ...extra });

  it.each([
    ['the first page', {}, {}],
    ['a next page', { nextToken: 'opaque' }, { nextToken: 'opaque' }],
  ])('queries GSI1 PUBLIC_ROOMS newest first: %s', async (_case, args, extra) => {
    const out = await evaluate(code, 'request', ctx(args));
    expect(out.result).toEqual({
      operation: 'Query',
      index: 'GSI1',
      query: { expression: '#pk = :pk', expressionNames: { '#pk': 'GSI1PK' }, expressionValues: { ':pk': { S: 'PUBLIC_ROOMS' } } },
      scanIndexForward: false,
      limit: 20,
      ...extra,
    });
  });

  it('returns the rooms and the next token', async () => {
    const out = await evaluate(code, 'response', ctx({}, { result: { items: [{ ...roomItem(), visibility: 'PUBLIC', GSI1PK: 'PUBLIC_ROOMS', GSI1SK: `ROOM#${ROOM_ID}` }], nextToken: 'next', scannedCount: 1 } }));
    expect(out.result).toEqual({ items: [room], nextToken: 'next' });
  });

  it.each([
    ['refused before DynamoDB', { type: 'MappingTemplate', message: 'Invalid pagination token' }],
    ['refused by DynamoDB', { type: 'DynamoDB:ValidationException', message: 'The provided starting key is invalid' }],
  ])('answers ValidationError for a foreign nextToken %s', async (_case, error) => {
    const out = await evaluate(code, 'response', ctx({ nextToken: 'forged' }, { error, result: null }));
    expect(out.errorMessage).toBe('nextToken is not a token of the public room list');
    expect(out.errorType).toBe('ValidationError');
  });
});
