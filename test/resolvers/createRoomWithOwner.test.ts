import { bundleFunction } from '../../resolvers/bundle';
import { NOW, ROOM_ID, TABLE_NAME, alice, cognitoIdentity, context, evaluate, throttled, transactionCanceled } from './helpers';

const code = bundleFunction('createRoomWithOwner');
const newRoom = { id: ROOM_ID, name: 'Design reviews', createdBy: alice.sub, createdAt: NOW, visibility: 'PUBLIC' };

function createContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}, room: Record<string, unknown> = newRoom) {
  return context({ typeName: 'Mutation', fieldName: 'createRoom', args: { name: 'Design reviews' }, identity: cognitoIdentity(alice), stash: { newRoom: room }, ...extra });
}

describe('functions/createRoomWithOwner', () => {
  it('writes a public room, listed on GSI1 PUBLIC_ROOMS, and the creator’s membership in one transaction', async () => {
    const out = await evaluate(code, 'request', createContext());
    expect(out.result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: 'META' } },
          attributeValues: {
            id: { S: ROOM_ID },
            name: { S: 'Design reviews' },
            createdBy: { S: alice.sub },
            createdAt: { S: NOW },
            visibility: { S: 'PUBLIC' },
            GSI1PK: { S: 'PUBLIC_ROOMS' },
            GSI1SK: { S: `ROOM#${ROOM_ID}` },
          },
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${alice.sub}` } },
          attributeValues: {
            GSI1PK: { S: `USER#${alice.sub}` },
            GSI1SK: { S: `ROOM#${ROOM_ID}` },
            roomId: { S: ROOM_ID },
            userId: { S: alice.sub },
            roomName: { S: 'Design reviews' },
            roomCreatedBy: { S: alice.sub },
            roomCreatedAt: { S: NOW },
            roomVisibility: { S: 'PUBLIC' },
            joinedAt: { S: NOW },
          },
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
      ],
    });
  });

  it('writes a private room without the GSI1 attributes, so listPublicRooms never shows it', async () => {
    const out = await evaluate(code, 'request', createContext({}, { ...newRoom, visibility: 'PRIVATE' }));
    const [meta, member] = (out.result as { transactItems: Array<{ attributeValues: Record<string, unknown> }> }).transactItems;
    expect(meta.attributeValues).toEqual({
      id: { S: ROOM_ID },
      name: { S: 'Design reviews' },
      createdBy: { S: alice.sub },
      createdAt: { S: NOW },
      visibility: { S: 'PRIVATE' },
    });
    expect(member.attributeValues.roomVisibility).toEqual({ S: 'PRIVATE' });
  });

  it('returns the new room', async () => {
    const out = await evaluate(code, 'response', createContext({ result: { keys: [], cancellationReasons: null } }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(newRoom);
  });

  it.each([
    ['a cancelled transaction', transactionCanceled('ConditionalCheckFailed, None')],
    ['throttling', throttled],
  ])('passes on %s with its DynamoDB type', async (_case, error) => {
    const out = await evaluate(code, 'response', createContext({ error, result: null }));
    expect(out.errorMessage).toBe(error.message);
    expect(out.errorType).toBe(error.type);
  });
});
