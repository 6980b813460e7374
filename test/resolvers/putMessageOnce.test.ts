import { bundleFunction } from '../../resolvers/bundle';
import {
  MESSAGE_ID,
  NOW,
  ROOM_ID,
  TABLE_NAME,
  alice,
  cognitoIdentity,
  context,
  evaluate,
  throttled,
  transactionCanceled,
} from './helpers';

const code = bundleFunction('putMessageOnce');

const newMessage = {
  roomId: ROOM_ID,
  id: MESSAGE_ID,
  senderId: alice.sub,
  sender: 'alice',
  content: 'hello',
  createdAt: NOW,
  editedAt: null,
  deleted: false,
};

function sendContext(extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'sendMessage',
    args: { roomId: ROOM_ID, content: 'hello', clientMessageId: 'c-1' },
    identity: cognitoIdentity(alice),
    stash: { message: newMessage, clientMessageId: 'c-1', room: { id: ROOM_ID } },
    ...extra,
  });
}

const storedAttributes = {
  roomId: { S: ROOM_ID },
  id: { S: MESSAGE_ID },
  senderId: { S: alice.sub },
  sender: { S: 'alice' },
  content: { S: 'hello' },
  createdAt: { S: NOW },
  deleted: { BOOL: false },
  clientMessageId: { S: 'c-1' },
};

describe('functions/putMessageOnce request', () => {
  it('writes the send record and the message in one transaction, each only if absent', async () => {
    const out = await evaluate(code, 'request', sendContext());
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `SEND#${alice.sub}#c-1` } },
          // The message's id only: no content that would outlive a delete.
          attributeValues: {
            roomId: { S: ROOM_ID },
            messageId: { S: MESSAGE_ID },
            senderId: { S: alice.sub },
            clientMessageId: { S: 'c-1' },
            createdAt: { S: NOW },
          },
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: true },
        },
        {
          table: TABLE_NAME,
          operation: 'PutItem',
          key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MSG#${MESSAGE_ID}` } },
          attributeValues: storedAttributes,
          condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
        },
      ],
    });
  });
});

describe('functions/putMessageOnce response', () => {
  it('returns the new message when both writes succeed', async () => {
    const result = { keys: [{ PK: `ROOM#${ROOM_ID}`, SK: `SEND#${alice.sub}#c-1` }, { PK: `ROOM#${ROOM_ID}`, SK: `MSG#${MESSAGE_ID}` }], cancellationReasons: null };
    const out = await evaluate(code, 'response', sendContext({ result }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(newMessage);
    expect(out.stash).toEqual({ message: newMessage, clientMessageId: 'c-1', room: { id: ROOM_ID } });
  });

  it('stores nothing new and names the first message when the clientMessageId was used before', async () => {
    const firstId = '01HZY2ZZZZZZZZZZZZZZZZZZZZ';
    const storedRecord = {
      PK: `ROOM#${ROOM_ID}`,
      SK: `SEND#${alice.sub}#c-1`,
      roomId: ROOM_ID,
      messageId: firstId,
      senderId: alice.sub,
      clientMessageId: 'c-1',
      createdAt: '2026-11-22T16:59:58.000Z',
    };
    const out = await evaluate(
      code,
      'response',
      sendContext({
        error: transactionCanceled('ConditionalCheckFailed, None'),
        result: {
          keys: null,
          cancellationReasons: [
            { type: 'ConditionalCheckFailed', message: 'The conditional request failed', item: storedRecord },
            { type: 'None', message: null },
          ],
        },
      }),
    );
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toBeNull();
    expect(out.stash).toEqual({ message: newMessage, clientMessageId: 'c-1', room: { id: ROOM_ID }, retriedMessageId: firstId });
  });

  it('answers Conflict when a concurrent retry is still storing the same clientMessageId', async () => {
    const out = await evaluate(
      code,
      'response',
      sendContext({
        error: transactionCanceled('TransactionConflict, None'),
        result: { keys: null, cancellationReasons: [{ type: 'TransactionConflict', message: 'Transaction is ongoing for the item' }, { type: 'None', message: null }] },
      }),
    );
    expect(out.errorMessage).toBe('A message with this clientMessageId is being stored by another request; retry');
    expect(out.errorType).toBe('Conflict');
    expect(out.result).toBeUndefined();
  });

  it('passes on an unexpected cancellation with its DynamoDB type', async () => {
    const error = transactionCanceled('None, ConditionalCheckFailed');
    const out = await evaluate(
      code,
      'response',
      sendContext({ error, result: { keys: null, cancellationReasons: [{ type: 'None', message: null }, { type: 'ConditionalCheckFailed', message: 'The conditional request failed' }] } }),
    );
    expect(out.errorMessage).toBe(error.message);
    expect(out.errorType).toBe('DynamoDB:TransactionCanceledException');
  });

  it('passes on other DynamoDB errors with their type', async () => {
    const out = await evaluate(code, 'response', sendContext({ error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
