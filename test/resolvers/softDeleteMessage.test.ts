import { bundleFunction } from '../../resolvers/bundle';
import {
  MESSAGE_ID,
  NOW,
  ROOM_ID,
  alice,
  bob,
  carolAdmin,
  cognitoIdentity,
  conditionalCheckFailed,
  context,
  evaluate,
  iamIdentity,
  message,
  messageItem,
  throttled,
} from './helpers';

const code = bundleFunction('softDeleteMessage');

function deleteContext(identity: Record<string, unknown>, canDeleteAny: boolean, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'deleteMessage',
    args: { roomId: ROOM_ID, messageId: MESSAGE_ID },
    identity,
    stash: { now: NOW, canDeleteAny },
    ...extra,
  });
}

const softDelete = {
  expression: 'SET #deleted = :deleted, #content = :content, #editedAt = :editedAt',
  expressionNames: { '#deleted': 'deleted', '#content': 'content', '#editedAt': 'editedAt' },
  expressionValues: { ':deleted': { BOOL: true }, ':content': { S: '' }, ':editedAt': { S: NOW } },
};
const key = { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MSG#${MESSAGE_ID}` } };
const deleted = { deleted: true, content: '', editedAt: NOW };

describe('functions/softDeleteMessage request', () => {
  it('lets a member delete only their own message (condition on senderId)', async () => {
    const out = await evaluate(code, 'request', deleteContext(cognitoIdentity(bob), false));
    expect(out.result).toEqual({
      operation: 'UpdateItem',
      key,
      update: softDelete,
      condition: {
        expression: 'attribute_exists(#pk) AND #deleted = :notDeleted AND #senderId = :caller',
        expressionNames: { '#pk': 'PK', '#deleted': 'deleted', '#senderId': 'senderId' },
        expressionValues: { ':notDeleted': { BOOL: false }, ':caller': { S: bob.sub } },
      },
    });
  });

  it.each([
    ['an admin', cognitoIdentity(carolAdmin)],
    ['an operator (IAM)', iamIdentity],
  ])('lets %s delete any message of the room', async (_who, identity) => {
    const out = await evaluate(code, 'request', deleteContext(identity, true));
    expect(out.result).toEqual({
      operation: 'UpdateItem',
      key,
      update: softDelete,
      condition: {
        expression: 'attribute_exists(#pk) AND #deleted = :notDeleted',
        expressionNames: { '#pk': 'PK', '#deleted': 'deleted' },
        expressionValues: { ':notDeleted': { BOOL: false } },
      },
    });
  });
});

describe('functions/softDeleteMessage response', () => {
  it('returns the deleted message: no content, deleted, editedAt set', async () => {
    const out = await evaluate(code, 'response', deleteContext(cognitoIdentity(alice), false, { result: messageItem(alice, deleted) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(message(alice, deleted));
  });

  it.each([
    ['the sender', cognitoIdentity(alice), false],
    ['an admin', cognitoIdentity(carolAdmin), true],
  ])('returns an already deleted message unchanged to %s', async (_who, identity, canDeleteAny) => {
    const current = messageItem(alice, { deleted: true, content: '', editedAt: '2026-11-22T16:30:00.000Z' });
    const out = await evaluate(code, 'response', deleteContext(identity, canDeleteAny, { error: conditionalCheckFailed, result: current }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(message(alice, { deleted: true, content: '', editedAt: '2026-11-22T16:30:00.000Z' }));
  });

  it.each([
    ['an unknown message (member)', cognitoIdentity(alice), false, null, 'Message not found', 'NotFound'],
    ['an unknown message (operator)', iamIdentity, true, null, 'Message not found', 'NotFound'],
    ['someone else’s message', cognitoIdentity(bob), false, messageItem(alice), 'Only the sender or an admin can delete this message', 'Unauthorized'],
    [
      'someone else’s deleted message',
      cognitoIdentity(bob),
      false,
      messageItem(alice, deleted),
      'Only the sender or an admin can delete this message',
      'Unauthorized',
    ],
  ])('names the failed condition for %s', async (_case, identity, canDeleteAny, current, errorMessage, errorType) => {
    const out = await evaluate(code, 'response', deleteContext(identity, canDeleteAny, { error: conditionalCheckFailed, result: current }));
    expect(out.errorMessage).toBe(errorMessage);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
  });

  it('passes on other DynamoDB errors with their type', async () => {
    const out = await evaluate(code, 'response', deleteContext(cognitoIdentity(alice), false, { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
