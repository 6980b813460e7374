import { bundleFunction } from '../../resolvers/bundle';
import { MESSAGE_ID, NOW, ROOM_ID, alice, cognitoIdentity, context, evaluate, message, messageItem, throttled } from './helpers';

const code = bundleFunction('getRetriedMessage');
const newMessage = message(alice, { id: '01HZY3MC0000000000000000ZZ', createdAt: NOW });

function retryContext(stash: Record<string, unknown>, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({
    typeName: 'Mutation',
    fieldName: 'sendMessage',
    args: { roomId: ROOM_ID, content: 'hello', clientMessageId: 'c-1' },
    identity: cognitoIdentity(alice),
    stash: { message: newMessage, clientMessageId: 'c-1', ...stash },
    prev: { result: stash.retriedMessageId ? null : newMessage },
    ...extra,
  });
}

describe('functions/getRetriedMessage request', () => {
  it('passes a newly stored message on without calling DynamoDB (earlyReturn)', async () => {
    const out = await evaluate(code, 'request', retryContext({}));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(newMessage);
  });

  it('reads the first attempt’s message on a retry, strongly consistent', async () => {
    const out = await evaluate(code, 'request', retryContext({ retriedMessageId: MESSAGE_ID }));
    expect(out.result).toEqual({ operation: 'GetItem', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MSG#${MESSAGE_ID}` } }, consistentRead: true });
  });
});

describe('functions/getRetriedMessage response', () => {
  it.each([
    ['as first stored', {}],
    ['edited since', { content: 'hello, edited', editedAt: NOW }],
    ['deleted since', { content: '', deleted: true, editedAt: NOW }],
  ])('returns the stored message as it is now: %s', async (_case, changes) => {
    const out = await evaluate(code, 'response', retryContext({ retriedMessageId: MESSAGE_ID }, { result: messageItem(alice, changes) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(message(alice, changes));
  });

  it('answers NotFound if the message is gone', async () => {
    const out = await evaluate(code, 'response', retryContext({ retriedMessageId: MESSAGE_ID }, { result: null }));
    expect(out.errorMessage).toBe('Message not found');
    expect(out.errorType).toBe('NotFound');
  });

  it('passes on a DynamoDB error with its type', async () => {
    const out = await evaluate(code, 'response', retryContext({ retriedMessageId: MESSAGE_ID }, { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
