// EvaluateCode's input checks: bad input is refused the way the service refuses it, and nothing runs.
import { BadRequestException, type EvaluateCodeCommandInput } from '@aws-sdk/client-appsync';
import { evaluateCode } from '../../../local/runtime/evaluate-code';
import { engineStats } from '../../../local/runtime/engine';

const RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;
const CODE = "export function request(ctx) {\n  console.log('ran');\n  return ctx.args;\n}\n";
const valid: EvaluateCodeCommandInput = { runtime: RUNTIME, code: CODE, context: '{"arguments":{"a":1}}', function: 'request' };

/** Code of exactly `length` characters that still passes the static check. */
function codeOfLength(length: number): string {
  const base = 'export function request(ctx) {\n  return 1;\n}\n';
  return base + '/'.repeat(2) + 'x'.repeat(length - base.length - 2);
}

function contextOfLength(length: number): string {
  const base = '{"arguments":{"pad":""}}';
  return `{"arguments":{"pad":"${'x'.repeat(length - base.length)}"}}`;
}

describe('evaluateCode input validation', () => {
  it.each<[string, Partial<EvaluateCodeCommandInput> & Record<string, unknown>, string]>([
    ['a wrong runtime name', { runtime: { name: 'VTL', runtimeVersion: '1.0.0' } as never },
      "1 validation error detected: Value 'VTL' at 'runtime.name' failed to satisfy constraint: Member must satisfy enum value set: [APPSYNC_JS]"],
    ['a wrong runtime version', { runtime: { name: 'APPSYNC_JS', runtimeVersion: '2.0.0' } },
      'Unsupported runtime version 2.0.0 for APPSYNC_JS. Supported versions: 1.0.0'],
    ['no runtime', { runtime: undefined },
      "1 validation error detected: Value null at 'runtime' failed to satisfy constraint: Member must not be null"],
    ['empty code', { code: '' },
      "1 validation error detected: Value at 'code' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['code over 32,768 characters', { code: codeOfLength(32769) },
      "1 validation error detected: Value at 'code' failed to satisfy constraint: Member must have length less than or equal to 32768"],
    ['no code', { code: undefined },
      "1 validation error detected: Value null at 'code' failed to satisfy constraint: Member must not be null"],
    ['a context under 2 characters', { context: '{' },
      "1 validation error detected: Value at 'context' failed to satisfy constraint: Member must have length greater than or equal to 2"],
    ['a context over 28,000 characters', { context: contextOfLength(28001) },
      "1 validation error detected: Value at 'context' failed to satisfy constraint: Member must have length less than or equal to 28000"],
    ['a context that is not JSON', { context: '{"arguments": ' }, 'The context is not a valid JSON object.'],
    ['a context that is a JSON array', { context: '[1, 2]' }, 'The context is not a valid JSON object.'],
    ['an unknown function', { function: 'handler' }, "Invalid function 'handler'. Valid values are: request, response"],
    ['empty code and no context together', { code: '', context: undefined },
      "2 validation errors detected: Value at 'code' failed to satisfy constraint: Member must have length greater than or equal to 1; Value null at 'context' failed to satisfy constraint: Member must not be null"],
  ])('refuses %s with BadRequestException and runs nothing', async (_name, change, message) => {
    const before = engineStats();
    const call = evaluateCode({ ...valid, ...change } as EvaluateCodeCommandInput);
    await expect(call).rejects.toBeInstanceOf(BadRequestException);
    await expect(call).rejects.toMatchObject({ name: 'BadRequestException', message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect(engineStats()).toEqual(before);
  });

  it.each([
    ['code of exactly 32,768 characters', { code: codeOfLength(32768) }],
    ['a context of exactly 28,000 characters', { context: contextOfLength(28000) }],
    ['a context of exactly 2 characters', { context: '{}' }],
    ['no function (request is evaluated)', { function: undefined }],
  ])('accepts %s', async (_name, change) => {
    const output = await evaluateCode({ ...valid, ...change });
    expect(output.error).toBeUndefined();
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.evaluationResult).toBeDefined();
  });

  it('evaluates the response handler when asked', async () => {
    const code = 'export function request(ctx) {\n  return 1;\n}\nexport function response(ctx) {\n  return ctx.result.items;\n}\n';
    const output = await evaluateCode({ runtime: RUNTIME, code, context: '{"result":{"items":[1,2]}}', function: 'response' });
    expect(output.evaluationResult).toBe('[1,2]');
  });

  it('fills $metadata like the SDK', async () => {
    const output = await evaluateCode(valid);
    expect(output.$metadata).toEqual({
      httpStatusCode: 200,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      extendedRequestId: undefined,
      cfId: undefined,
      attempts: 1,
      totalRetryDelay: 0,
    });
  });
});
