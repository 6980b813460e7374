// The pipeline runner (reference §4.1, §8). NONE is the real data source; TABLE is a recording
// stand-in here: this is a unit test of the runner; the twin's tests run it on DynamoDB Local.
import { invokeNoneDataSource } from '../../../local/datasources/none';
import {
  PipelineConfigurationError,
  runPipeline,
  type DataSourceOutcome,
  type PipelineBaseContext,
  type PipelineFunction,
} from '../../../local/runtime/pipeline';

const header = "import { util, runtime, extensions } from '@aws-appsync/utils';\n";

/** A module with the given handler bodies; each body also records its step in ctx.stash.trail. */
function module(step: string, request: string, response: string): string {
  const mark = (phase: string) => `ctx.stash.trail = [...(ctx.stash.trail ?? []), '${step}.${phase}'];`;
  return `${header}export function request(ctx) {\n  ${mark('request')}\n  ${request}\n}\nexport function response(ctx) {\n  ${mark('response')}\n  ${response}\n}\n`;
}

const passPrev = module('f', 'return { payload: ctx.prev.result };', 'return ctx.result;');

function fn(name: string, code: string, dataSourceName = 'NONE'): PipelineFunction {
  return { name, code, dataSourceName };
}

const context: PipelineBaseContext = {
  arguments: { roomId: 'r1' },
  identity: { sub: 'u1', username: 'alice', groups: ['Members'] },
  source: null,
  request: { headers: { 'x-client': 'test' } },
  info: { fieldName: 'getRoom', parentTypeName: 'Query', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{ id }' },
};

/** Records every call; NONE passes the payload through; TABLE answers what the test says. */
function recordingInvoker(table: (request: unknown) => DataSourceOutcome = (request) => ({ result: request })) {
  const calls: Array<{ dataSourceName: string; request: unknown }> = [];
  const invoke = async (dataSourceName: string, request: unknown): Promise<DataSourceOutcome> => {
    calls.push({ dataSourceName, request });
    if (dataSourceName === 'NONE') return invokeNoneDataSource(request);
    return table(request);
  };
  return { calls, invoke };
}

async function run(code: string, functions: PipelineFunction[], invoker = recordingInvoker()) {
  const result = await runPipeline({ code, functions, context, invokeDataSource: invoker.invoke });
  return { ...result, calls: invoker.calls };
}

describe('runPipeline', () => {
  it('chains prev.result from the before handler through each function to the after handler', async () => {
    const resolver = module('resolver', 'return 1;', 'return { last: ctx.prev.result, result: ctx.result };');
    const add = (n: number) => module(`add${n}`, `return { payload: ctx.prev.result + ${n} };`, 'return ctx.result * 10;');
    const result = await run(resolver, [fn('add2', add(2)), fn('add3', add(3))]);
    // before 1 -> (1 + 2) * 10 = 30 -> (30 + 3) * 10 = 330
    expect(result.data).toEqual({ last: 330, result: 330 });
    expect(result.errors).toEqual([]);
    expect(result.calls).toEqual([
      { dataSourceName: 'NONE', request: { payload: 3 } },
      { dataSourceName: 'NONE', request: { payload: 33 } },
    ]);
  });

  it('shares one stash across every handler', async () => {
    const resolver = module('resolver', 'ctx.stash.seenBy = 1; return {};', 'return ctx.stash.trail;');
    const result = await run(resolver, [fn('a', passPrev), fn('b', passPrev)]);
    expect(result.data).toEqual(['resolver.request', 'f.request', 'f.response', 'f.request', 'f.response', 'resolver.response']);
    expect(result.stash).toEqual({ seenBy: 1, trail: ['resolver.request', 'f.request', 'f.response', 'f.request', 'f.response', 'resolver.response'] });
  });

  it('gives the response handler the data source result and error', async () => {
    const fail = recordingInvoker(() => ({ result: { current: 1 }, error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' } }));
    const resolver = module('resolver', 'return {};', 'return ctx.prev.result;');
    const write = module('write', "return { operation: 'PutItem' };", 'return { error: ctx.error, result: ctx.result };');
    const result = await run(resolver, [fn('write', write, 'TABLE')], fail);
    expect(result.data).toEqual({ error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' }, result: { current: 1 } });
    expect(result.calls).toEqual([{ dataSourceName: 'TABLE', request: { operation: 'PutItem' } }]);
  });

  it('passes a NONE function payload through as ctx.result', async () => {
    const resolver = module('resolver', 'return {};', 'return ctx.result;');
    const none = module('none', 'return { payload: { echoed: ctx.args.roomId } };', 'return ctx.result;');
    expect((await run(resolver, [fn('none', none)])).data).toEqual({ echoed: 'r1' });
  });

  it.each([
    ["skipTo 'END'", "runtime.earlyReturn('cached', { skipTo: 'END' });", ['resolver.request', 'early.request', 'resolver.response'], []],
    ["skipTo 'NEXT'", "runtime.earlyReturn('cached', { skipTo: 'NEXT' });", ['resolver.request', 'early.request', 'f.request', 'f.response', 'resolver.response'], [{ dataSourceName: 'NONE', request: { payload: 'cached' } }]],
    ['no skipTo', "runtime.earlyReturn('cached');", ['resolver.request', 'early.request', 'f.request', 'f.response', 'resolver.response'], [{ dataSourceName: 'NONE', request: { payload: 'cached' } }]],
  ])('runtime.earlyReturn with %s in a function request skips its data source and response', async (_name, body, trail, calls) => {
    const resolver = module('resolver', 'return {};', 'return { prev: ctx.prev.result, trail: ctx.stash.trail };');
    const early = module('early', `${body}\n  return { payload: 'not used' };`, "return 'not used';");
    const result = await run(resolver, [fn('early', early, 'TABLE'), fn('next', passPrev)]);
    expect(result.data).toEqual({ prev: 'cached', trail });
    expect(result.calls).toEqual(calls);
  });

  it('runtime.earlyReturn in the before handler skips every function', async () => {
    const resolver = module('resolver', "runtime.earlyReturn({ fromCache: true });\n  return {};", 'return { result: ctx.result, trail: ctx.stash.trail };');
    const result = await run(resolver, [fn('a', passPrev), fn('b', passPrev)]);
    expect(result.data).toEqual({ result: { fromCache: true }, trail: ['resolver.request', 'resolver.response'] });
    expect(result.calls).toEqual([]);
  });

  it('stops at util.error: no later function or handler runs and the field is null', async () => {
    const resolver = module('resolver', 'return {};', "return 'after ran';");
    const reject = module('reject', "return { payload: 1 };", "util.error('Room not found', 'NotFound', { roomId: 'r1' }, { retry: false });\n  return 1;");
    const result = await run(resolver, [fn('reject', reject), fn('later', passPrev)]);
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([{ message: 'Room not found', errorType: 'NotFound', data: { roomId: 'r1' }, errorInfo: { retry: false } }]);
    expect(result.calls).toHaveLength(1);
    expect(result.stash.trail).toEqual(['resolver.request', 'reject.request', 'reject.response']);
  });

  it('keeps going after util.appendError and lists the error with the data', async () => {
    const resolver = module('resolver', 'return {};', "util.appendError('partial', 'Partial');\n  return 'value';");
    const result = await run(resolver, [fn('warn', module('warn', "util.appendError('first');\n  return { payload: 1 };", 'return ctx.result;'))]);
    expect(result.data).toBe('value');
    expect(result.errors).toEqual([
      { message: 'first', errorType: null, data: null, errorInfo: null },
      { message: 'partial', errorType: 'Partial', data: null, errorInfo: null },
    ]);
  });

  it.each([
    ['util.unauthorized()', 'util.unauthorized();', { message: 'Not Authorized to access getRoom on type Query', errorType: 'Unauthorized', data: null, errorInfo: null }],
    ['an uncaught exception', 'const rooms = ctx.args.rooms.length;', {
      message: "code.js:3:32: TypeError: Cannot read properties of undefined (reading 'length')",
      errorType: 'Code',
      data: null,
      errorInfo: null,
    }],
  ])('turns %s in the before handler into the field error AppSync gives', async (_name, body, error) => {
    const resolver = `${header}export function request(ctx) {\n  ${body}\n  return {};\n}\nexport function response(ctx) {\n  return 1;\n}\n`;
    const result = await run(resolver, [fn('a', passPrev)]);
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([error]);
    expect(result.calls).toEqual([]);
  });

  it('collects logs and extensions from every handler', async () => {
    const resolver = module('resolver', "console.log('before');\n  return {};", "extensions.invalidateSubscriptions({ subscriptionField: 'onNewMessage', payload: { roomId: 'r1' } });\n  return 1;");
    const result = await run(resolver, [fn('log', module('log', "console.log('fn');\n  return { payload: 1 };", 'return 1;'))]);
    expect(result.logs.map((line) => line.split(' ').slice(2).join(' '))).toEqual(['INFO before', 'INFO fn']);
    expect(result.extensions.invalidations).toEqual([{ subscriptionField: 'onNewMessage', payload: { roomId: 'r1' } }]);
  });

  it('runs 10 functions', async () => {
    const resolver = module('resolver', 'return 0;', 'return ctx.result;');
    const increment = module('inc', 'return { payload: ctx.prev.result + 1 };', 'return ctx.result;');
    const result = await run(resolver, Array.from({ length: 10 }, (_, i) => fn(`inc${i}`, increment)));
    expect(result.data).toBe(10);
  });

  it('refuses 11 functions before running anything', async () => {
    const invoker = recordingInvoker();
    const resolver = module('resolver', 'return 0;', 'return ctx.result;');
    const call = runPipeline({ code: resolver, functions: Array.from({ length: 11 }, (_, i) => fn(`f${i}`, passPrev)), context, invokeDataSource: invoker.invoke });
    await expect(call).rejects.toBeInstanceOf(PipelineConfigurationError);
    await expect(call).rejects.toMatchObject({ code: 'TOO_MANY_FUNCTIONS', message: 'A pipeline resolver has at most 10 functions; Query.getRoom has 11.' });
    expect(invoker.calls).toEqual([]);
  });
});
