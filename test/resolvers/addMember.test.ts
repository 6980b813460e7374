import { bundleFunction } from '../../resolvers/bundle';
import { NOW, ROOM_ID, TABLE_NAME, bob, cancelledTransaction, cognitoIdentity, context, evaluate, room, throttled } from './helpers';

const code = bundleFunction('addMember');

function joinContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}, stash: Record<string, unknown> = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'joinRoom',
    args: { roomId: ROOM_ID },
    identity: cognitoIdentity(bob),
    stash: { room, now: NOW, ...stash },
    ...extra,
  });
}

const privateRoom = { ...room, visibility: 'PRIVATE' };
const withInvitation = { room: privateRoom, needsInvitation: true };

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
            roomVisibility: { S: 'PUBLIC' },
            joinedAt: { S: NOW },
          },
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
      ],
    });
  });

  it('uses up the caller’s invitation in the same transaction when one is needed (a private room, acceptInvite)', async () => {
    const out = await evaluate(code, 'request', joinContext({}, withInvitation));
    const items = (out.result as { transactItems: Array<Record<string, unknown>> }).transactItems;
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual(expect.objectContaining({ operation: 'ConditionCheck', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `BAN#${bob.sub}` } } }));
    expect((items[1].attributeValues as Record<string, unknown>).roomVisibility).toEqual({ S: 'PRIVATE' });
    expect(items[2]).toEqual({
      table: TABLE_NAME,
      operation: 'DeleteItem',
      key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `INVITE#${bob.sub}` } },
      condition: { expression: 'attribute_exists(PK)', returnValuesOnConditionCheckFailure: false },
    });
  });

  it.each([
    ['joins with the invitation', { result: { keys: [], cancellationReasons: null } }],
    ['is already a member (a retried acceptInvite: the invitation is gone)', cancelledTransaction('None', 'ConditionalCheckFailed', 'ConditionalCheckFailed')],
  ])('returns the private room when the caller %s', async (_case, outcome) => {
    const out = await evaluate(code, 'response', joinContext(outcome, withInvitation));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(privateRoom);
  });

  it.each([
    ['uninvited', cancelledTransaction('None', 'None', 'ConditionalCheckFailed'), 'This room is private or the invitation is gone: you need an invitation to join', 'Unauthorized'],
    ['invited but banned (the ban decides)', cancelledTransaction('ConditionalCheckFailed', 'None', 'None'), 'Removed from this room; an Admin must unban you before you can join again', 'Unauthorized'],
    ['uninvited and banned', cancelledTransaction('ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'), 'Removed from this room; an Admin must unban you before you can join again', 'Unauthorized'],
    ['racing another change of the invitation', cancelledTransaction('None', 'None', 'TransactionConflict'), 'The membership is being changed by another request; retry', 'Conflict'],
  ])('refuses a private-room join by a caller who is %s', async (_case, failure, message, errorType) => {
    const out = await evaluate(code, 'response', joinContext(failure, withInvitation));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
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
