// The static check lints a code string once, however many handler combinations ask about it
// (EvaluateCode checks `request` and then `response` of the same code; the twin warms both).
import { checkCode, ERROR_TYPE } from '../../../../local/runtime/static-check';
import { lint } from '../../../../local/runtime/static/lint';

jest.mock('../../../../local/runtime/static/lint', () => {
  const actual = jest.requireActual<typeof import('../../../../local/runtime/static/lint')>('../../../../local/runtime/static/lint');
  return { ...actual, lint: jest.fn(actual.lint) };
});

const lintCalls = lint as jest.MockedFunction<typeof lint>;

describe('checkCode caching', () => {
  it('lints a code string once for request, response and both handlers', () => {
    const code = 'export function request(ctx) { return {}; }\nexport function response(ctx) { return ctx.result; }\n// check-once: both\n';
    lintCalls.mockClear();
    expect(checkCode(code, { requireHandlers: ['request'] })).toEqual([]);
    expect(checkCode(code, { requireHandlers: ['response'] })).toEqual([]);
    expect(checkCode(code)).toEqual([]);
    expect(lintCalls).toHaveBeenCalledTimes(1);
  });

  it('still reports a missing handler only to the checks that require it', () => {
    const code = "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { return util.autoId(); }\n// check-once: request only\n";
    lintCalls.mockClear();
    const missingResponse = {
      errorType: ERROR_TYPE.missingHandler,
      value: expect.stringContaining('The code must export a "response" function.') as unknown as string,
      location: expect.any(Object) as unknown,
    };
    expect(checkCode(code, { requireHandlers: ['request'] })).toEqual([]);
    expect(checkCode(code, { requireHandlers: ['response'] })).toEqual([missingResponse]);
    expect(checkCode(code)).toEqual([missingResponse]);
    expect(checkCode(code, { requireHandlers: false })).toEqual([]);
    expect(lintCalls).toHaveBeenCalledTimes(1);
  });
});
