import { bundleFunction } from '../../resolvers/bundle';
import { NOW, ROOM_ID, TABLE_NAME, bob, cancelledTransaction, cognitoIdentity, context, evaluate, room, throttled } from './helpers';

const code = bundleFunction('addMember');

function joinContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'joinRoom',
    args: { roomId: ROOM_ID },
    identity: cognitoIdentity(bob),
    stash: { room, now: NOW },
    ...extra,
  });
}

describe('functions/addMember', () => {
  it('checks the caller has no ban and writes their membership, with the room’s fields for "my rooms", only if absent, in one transaction', async () => {
    const out = await evaluate(code, 'request', joinContext());
    expect(out.result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: TABLE_NAME,
          operation: 'ConditionCheck',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `BAN#${bob.sub}` } },
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${bob.sub}` } },
          attributeValues: {
            GSI1PK: { S: `USER#${bob.sub}` },
            GSI1SK: { S: `ROOM#${ROOM_ID}` },
            roomId: { S: ROOM_ID },
            userId: { S: bob.sub },
            roomName: { S: 'General' },
            roomCreatedBy: { S: room.createdBy },
            roomCreatedAt: { S: room.createdAt },
            joinedAt: { S: NOW },
          },
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
      ],
    });
  });

  it('returns the room after joining', async () => {
    const out = await evaluate(code, 'response', joinContext({ result: { keys: [], cancellationReasons: null } }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it('treats joining twice as success (the first membership stays)', async () => {
    const out = await evaluate(code, 'response', joinContext(cancelledTransaction('None', 'ConditionalCheckFailed')));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it.each([
    ['banned', cancelledTransaction('ConditionalCheckFailed', 'None'), 'Removed from this room; an Admin must unban you before you can join again', 'Unauthorized'],
    ['banned (when both conditions fail, the ban decides)', cancelledTransaction('ConditionalCheckFailed', 'ConditionalCheckFailed'), 'Removed from this room; an Admin must unban you before you can join again', 'Unauthorized'],
    ['racing a removal (the ban check)', cancelledTransaction('TransactionConflict', 'None'), 'The membership is being changed by another request; retry', 'Conflict'],
    ['racing a removal (the membership)', cancelledTransaction('None', 'TransactionConflict'), 'The membership is being changed by another request; retry', 'Conflict'],
  ])('refuses a caller who is %s', async (_case, failure, message, errorType) => {
    const out = await evaluate(code, 'response', joinContext(failure));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
  });

  it.each([
    ['an unexpected cancellation', cancelledTransaction('None', 'None')],
    ['throttling', { error: throttled, result: null }],
  ])('passes on %s with its DynamoDB type', async (_case, failure) => {
    const out = await evaluate(code, 'response', joinContext(failure));
    expect(out.errorMessage).toBe(failure.error.message);
    expect(out.errorType).toBe(failure.error.type);
  });
});
