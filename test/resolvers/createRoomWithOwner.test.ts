import { bundleFunction } from '../../resolvers/bundle';
import { NOW, ROOM_ID, TABLE_NAME, alice, cognitoIdentity, context, evaluate, throttled, transactionCanceled } from './helpers';

const code = bundleFunction('createRoomWithOwner');
const newRoom = { id: ROOM_ID, name: 'Design reviews', createdBy: alice.sub, createdAt: NOW };

function createContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Mutation', fieldName: 'createRoom', args: { name: 'Design reviews' }, identity: cognitoIdentity(alice), stash: { newRoom }, ...extra });
}

describe('functions/createRoomWithOwner', () => {
  it('writes the room and the creator’s membership in one transaction', async () => {
    const out = await evaluate(code, 'request', createContext());
    expect(out.result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: 'META' } },
          attributeValues: { id: { S: ROOM_ID }, name: { S: 'Design reviews' }, createdBy: { S: alice.sub }, createdAt: { S: NOW } },
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
            joinedAt: { S: NOW },
          },
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
      ],
    });
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
