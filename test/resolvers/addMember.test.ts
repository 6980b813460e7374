import { bundleFunction } from '../../resolvers/bundle';
import { NOW, ROOM_ID, bob, cognitoIdentity, conditionalCheckFailed, context, evaluate, memberItem, room, throttled } from './helpers';

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
  it('writes the caller’s membership, with the room’s fields for "my rooms", only if absent', async () => {
    const out = await evaluate(code, 'request', joinContext());
    expect(out.result).toEqual({
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
      condition: { expression: 'attribute_not_exists(PK)' },
    });
  });

  it('returns the room after joining', async () => {
    const out = await evaluate(code, 'response', joinContext({ result: memberItem(bob) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it('treats joining twice as success (the first membership stays)', async () => {
    const out = await evaluate(code, 'response', joinContext({ error: conditionalCheckFailed, result: memberItem(bob) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it('passes on other DynamoDB errors with their type', async () => {
    const out = await evaluate(code, 'response', joinContext({ error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
