import { bundleFunction } from '../../resolvers/bundle';
import { NOW, ROOM_ID, TABLE_NAME, bob, cancelledTransaction, carolAdmin, cognitoIdentity, context, evaluate, iamIdentity, room, throttled } from './helpers';

const code = bundleFunction('banMember');

function removeContext(identity: Record<string, unknown>, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'removeMember',
    args: { roomId: ROOM_ID, userId: bob.sub },
    identity,
    stash: { room, memberUserId: bob.sub, now: NOW },
    ...extra,
  });
}

describe('functions/banMember', () => {
  it.each([
    ['an admin', cognitoIdentity(carolAdmin), carolAdmin.sub],
    ['an operator (IAM), named by its ARN', iamIdentity, 'arn:aws:sts::123456789012:assumed-role/ChatOperator/chat-ops'],
  ])('deletes the membership, writes the ban and withdraws any invitation in one transaction, banned by %s', async (_who, identity, bannedBy) => {
    const out = await evaluate(code, 'request', removeContext(identity));
    expect(out.result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE_NAME, operation: 'DeleteItem', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${bob.sub}` } } },
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `BAN#${bob.sub}` } },
          attributeValues: { roomId: { S: ROOM_ID }, userId: { S: bob.sub }, bannedBy: { S: bannedBy }, bannedAt: { S: NOW } },
        },
        { table: TABLE_NAME, operation: 'DeleteItem', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `INVITE#${bob.sub}` } } },
      ],
    });
  });

  it('returns the room', async () => {
    const out = await evaluate(code, 'response', removeContext(cognitoIdentity(carolAdmin), { result: { keys: [], cancellationReasons: null } }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it.each([
    ['the membership', cancelledTransaction('TransactionConflict', 'None', 'None')],
    ['the ban', cancelledTransaction('None', 'TransactionConflict', 'None')],
  ])('answers Conflict when a join or another removal is changing %s', async (_case, failure) => {
    const out = await evaluate(code, 'response', removeContext(cognitoIdentity(carolAdmin), failure));
    expect(out.errorMessage).toBe('The membership is being changed by another request; retry');
    expect(out.errorType).toBe('Conflict');
    expect(out.result).toBeUndefined();
  });

  it.each([
    ['an unexpected cancellation', cancelledTransaction('None', 'None')],
    ['throttling', { error: throttled, result: null }],
  ])('passes on %s with its DynamoDB type', async (_case, failure) => {
    const out = await evaluate(code, 'response', removeContext(cognitoIdentity(carolAdmin), failure));
    expect(out.errorMessage).toBe(failure.error.message);
    expect(out.errorType).toBe(failure.error.type);
  });
});
