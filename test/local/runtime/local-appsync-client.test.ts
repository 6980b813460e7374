// The drop-in client and the evaluator factory resolver tests use.
import { AppSyncClient, BadRequestException, EvaluateCodeCommand, ListGraphqlApisCommand } from '@aws-sdk/client-appsync';
import { LocalAppSyncClient } from '../../../local/runtime/local-appsync-client';
import { createEvaluator } from '../../../local/runtime/evaluator';

const runtime = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;
const code = "import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n  return { operation: 'PutItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) };\n}\n";

describe('LocalAppSyncClient', () => {
  const client = new LocalAppSyncClient();

  it('answers an EvaluateCodeCommand', async () => {
    const output = await client.send(new EvaluateCodeCommand({ runtime, code, context: JSON.stringify({ arguments: { id: 'm1' } }), function: 'request' }));
    expect(JSON.parse(output.evaluationResult ?? '')).toEqual({ operation: 'PutItem', key: { id: { S: 'm1' } } });
    expect(output.$metadata.httpStatusCode).toBe(200);
  });

  it('rejects bad input with the SDK exception', async () => {
    const call = client.send(new EvaluateCodeCommand({ runtime: { ...runtime, runtimeVersion: '0.9.0' }, code, context: '{}' }));
    await expect(call).rejects.toBeInstanceOf(BadRequestException);
    await expect(call).rejects.toThrow('Unsupported runtime version 0.9.0 for APPSYNC_JS. Supported versions: 1.0.0');
  });

  it('refuses commands other than EvaluateCode', async () => {
    await expect(client.send(new ListGraphqlApisCommand({}) as never)).rejects.toThrow('LocalAppSyncClient answers EvaluateCodeCommand only, not ListGraphqlApisCommand');
  });
});

describe('createEvaluator', () => {
  const saved = { mode: process.env.APPSYNC_EVALUATE, region: process.env.AWS_REGION };
  afterEach(() => {
    if (saved.mode === undefined) delete process.env.APPSYNC_EVALUATE;
    else process.env.APPSYNC_EVALUATE = saved.mode;
    if (saved.region === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = saved.region;
  });

  it('is the local client by default', async () => {
    delete process.env.APPSYNC_EVALUATE;
    const evaluator = createEvaluator();
    expect(evaluator).toBeInstanceOf(LocalAppSyncClient);
    const output = await evaluator.send(new EvaluateCodeCommand({ runtime, code, context: '{"arguments":{"id":"x"}}', function: 'request' }));
    expect(output.evaluationResult).toBe('{"operation":"PutItem","key":{"id":{"S":"x"}}}');
  });

  it('is the real AppSyncClient in the configured region when APPSYNC_EVALUATE=aws', async () => {
    process.env.APPSYNC_EVALUATE = 'aws';
    process.env.AWS_REGION = 'eu-west-1';
    const evaluator = createEvaluator();
    expect(evaluator).toBeInstanceOf(AppSyncClient);
    expect(await (evaluator as AppSyncClient).config.region()).toBe('eu-west-1');
    (evaluator as AppSyncClient).destroy();
  });
});
