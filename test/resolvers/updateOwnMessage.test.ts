import { bundleFunction } from '../../resolvers/bundle';
import { MESSAGE_ID, NOW, ROOM_ID, alice, bob, cognitoIdentity, conditionalCheckFailed, context, evaluate, message, messageItem, throttled, type User } from './helpers';

const code = bundleFunction('updateOwnMessage');

function editContext(user: User, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'editMessage',
    args: { roomId: ROOM_ID, messageId: MESSAGE_ID, content: 'hello, edited' },
    identity: cognitoIdentity(user),
    stash: { now: NOW },
    ...extra,
  });
}

describe('functions/updateOwnMessage request', () => {
  it('updates content and editedAt on condition that the caller sent it and it is not deleted', async () => {
    const out = await evaluate(code, 'request', editContext(alice));
    expect(out.result).toEqual({
      operation: 'UpdateItem',
      key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MSG#${MESSAGE_ID}` } },
      update: {
        expression: 'SET #content = :content, #editedAt = :editedAt',
        expressionNames: { '#content': 'content', '#editedAt': 'editedAt' },
        expressionValues: { ':content': { S: 'hello, edited' }, ':editedAt': { S: NOW } },
      },
      condition: {
        expression: 'attribute_exists(#pk) AND #senderId = :caller AND #deleted = :notDeleted',
        expressionNames: { '#pk': 'PK', '#senderId': 'senderId', '#deleted': 'deleted' },
        expressionValues: { ':caller': { S: alice.sub }, ':notDeleted': { BOOL: false } },
      },
    });
  });
});

describe('functions/updateOwnMessage response', () => {
  it('returns the updated message', async () => {
    const out = await evaluate(code, 'response', editContext(alice, { result: messageItem(alice, { content: 'hello, edited', editedAt: NOW }) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(message(alice, { content: 'hello, edited', editedAt: NOW }));
  });

  it.each([
    ['an unknown message', alice, null, 'Message not found', 'NotFound'],
    ['someone else’s message', bob, messageItem(alice), 'Only the sender can edit this message', 'Unauthorized'],
    ['someone else’s deleted message', bob, messageItem(alice, { deleted: true, content: '' }), 'Only the sender can edit this message', 'Unauthorized'],
    ['a deleted message', alice, messageItem(alice, { deleted: true, content: '', editedAt: NOW }), 'The message is deleted', 'Conflict'],
  ])('names the failed condition for %s', async (_case, user, current, errorMessage, errorType) => {
    const out = await evaluate(code, 'response', editContext(user, { error: conditionalCheckFailed, result: current }));
    expect(out.errorMessage).toBe(errorMessage);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
  });

  it('passes on other DynamoDB errors with their type', async () => {
    const out = await evaluate(code, 'response', editContext(alice, { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
