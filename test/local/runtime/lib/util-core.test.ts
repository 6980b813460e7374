// util: errors, ids, encodings, matches, authType.
import { isSignal } from '../../../../local/runtime/sandbox/contract';
import { createHarness, thrownBy } from './test-bridge';

describe('util.error / appendError / unauthorized', () => {
  const h = createHarness();
  const { util } = h.modules;
  beforeEach(() => h.reset());

  it('util.error throws the error Signal with all four parts', () => {
    const thrown = thrownBy(() => util.error('Room not found', 'NotFound', { id: 'r1' }, { hint: 'x' }));
    expect(thrown).toEqual({ __appsync: 'error', message: 'Room not found', errorType: 'NotFound', data: { id: 'r1' }, errorInfo: { hint: 'x' } });
    expect(isSignal(thrown)).toBe(true);
  });

  it('util.error with only a message has null errorType, data and errorInfo', () => {
    expect(thrownBy(() => util.error('foo'))).toEqual({ __appsync: 'error', message: 'foo', errorType: null, data: null, errorInfo: null });
  });

  it.each<[string, () => unknown]>([
    ['util.error(25)', () => util.error(25 as never)],
    ['util.error("abc", 25)', () => util.error('abc', 25 as never)],
    ['util.error(null)', () => util.error(null as never)],
    ['util.error({message:"x"})', () => util.error({ message: 'x' } as never)],
  ])('%s is silently a no-op, as on AWS', (_label, call) => {
    expect(call()).toBeUndefined();
    expect(h.record.outErrors).toEqual([]);
  });

  it('util.appendError records the error and does not interrupt', () => {
    util.appendError('first');
    util.appendError('second', 'Conflict', { a: 1 }, { b: 2 });
    expect(h.record.outErrors).toEqual([
      { message: 'first', errorType: null, data: null, errorInfo: null },
      { message: 'second', errorType: 'Conflict', data: { a: 1 }, errorInfo: { b: 2 } },
    ]);
  });

  it.each<[string, () => unknown]>([
    ['appendError(25)', () => util.appendError(25 as never)],
    ['appendError("abc", 25)', () => util.appendError('abc', 25 as never)],
  ])('%s records nothing', (_label, call) => {
    call();
    expect(h.record.outErrors).toEqual([]);
  });

  it('util.unauthorized throws the unauthorized Signal', () => {
    expect(thrownBy(() => util.unauthorized())).toEqual({ __appsync: 'unauthorized' });
  });
});

describe('util ids', () => {
  it('autoId is a v4 UUID from the bridge', () => {
    const { util } = createHarness().modules;
    const ids = [util.autoId(), util.autoId()];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('autoUlid encodes the clock in its first 10 Crockford characters', () => {
    const h = createHarness();
    h.bridge.setNow(1_469_918_176_385); // the ULID spec's example time, "01ARYZ6S41"
    const id = h.modules.util.autoUlid();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id.slice(0, 10)).toBe('01ARYZ6S41');
  });

  it('autoUlid encodes the random bytes in the last 16 characters', () => {
    const h = createHarness();
    h.bridge.setNow(0);
    h.bridge.queueHex('ffffffffffffffffffff');
    expect(h.modules.util.autoUlid()).toBe('0000000000ZZZZZZZZZZZZZZZZ');
    h.bridge.setNow(1);
    h.bridge.queueHex('00000000000000000001');
    expect(h.modules.util.autoUlid()).toBe('00000000010000000000000001');
  });

  it('autoUlid sorts in creation order, also within one millisecond', () => {
    const h = createHarness();
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      if (i % 10 === 0) h.bridge.setNow(1_700_000_000_000 + i);
      ids.push(h.modules.util.autoUlid());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });

  it('autoKsuid is 27 base62 characters that start with the KSUID timestamp', () => {
    const h = createHarness();
    h.bridge.setNow(1_400_000_000_000); // the KSUID epoch: timestamp 0
    h.bridge.queueHex('00000000000000000000000000000000');
    expect(h.modules.util.autoKsuid()).toBe('000000000000000000000000000');
    h.bridge.setNow(1_400_000_000_000);
    h.bridge.queueHex('ffffffffffffffffffffffffffffffff');
    // timestamp 0 then 16 bytes of 0xff: 2^128 - 1 in base62, zero-padded to 27 characters
    expect(h.modules.util.autoKsuid()).toBe(base62(2n ** 128n - 1n).padStart(27, '0'));
    h.bridge.setNow(1_400_000_001_000); // timestamp 1
    h.bridge.queueHex('00000000000000000000000000000000');
    expect(h.modules.util.autoKsuid()).toBe(base62(2n ** 128n).padStart(27, '0'));
    const id = createHarness().modules.util.autoKsuid();
    expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
  });
});

// Independent base62 of a bigint for the KSUID check.
function base62(n: bigint): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

describe('util encodings', () => {
  const { util } = createHarness().modules;

  it.each<[string, string]>([
    ['hello world', 'hello+world'],
    ['a.b-c*d_e', 'a.b-c*d_e'],
    ["!'()~", '%21%27%28%29%7E'],
    ['a+b=c&d', 'a%2Bb%3Dc%26d'],
    ['é', '%C3%A9'],
    ['😀', '%F0%9F%98%80'],
    ['/?#', '%2F%3F%23'],
  ])('urlEncode(%j) = %j (Java URLEncoder)', (input, expected) => {
    expect(util.urlEncode(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['hello+world', 'hello world'],
    ['%C3%A9t%C3%A9', 'été'],
    ['%f0%9f%98%80', '😀'],
    ['a%2Bb', 'a+b'],
    ['%FF', '\uFFFD'],
  ])('urlDecode(%j) = %j', (input, expected) => {
    expect(util.urlDecode(input)).toBe(expected);
  });

  it.each(['%', '%2', '%zz'])('urlDecode(%j) throws like URLDecoder', (input) => {
    expect(() => util.urlDecode(input)).toThrow('Illegal hex characters in escape (%) pattern');
  });

  it.each<[string, string]>([
    ['hello', 'aGVsbG8='],
    ['été', 'w6l0w6k='],
    ['', ''],
  ])('base64Encode(%j) = %j and back', (text, b64) => {
    expect(util.base64Encode(text)).toBe(b64);
    expect(util.base64Decode(b64)).toBe(text);
  });

  it.each<[string, string]>([
    [`He said "hi" & it's ok`, `He said \\"hi\\" & it\\'s ok`],
    ['a\\b/c', 'a\\\\b\\/c'],
    ['line1\nline2\ttab\r\f\b', 'line1\\nline2\\ttab\\r\\f\\b'],
    ['\u0001', '\\u0001'],
    ['é', '\\u00E9'],
    ['😀', '\\uD83D\\uDE00'],
    ['\u007f', '\u007f'],
  ])('escapeJavaScript(%j) = %j', (input, expected) => {
    expect(util.escapeJavaScript(input)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['a*b', 'aaaaab', true],
    ['a*b', 'aaaaabc', false],
    ['b', 'abc', false],
    ['[0-9]{3}', '123', true],
    ['foo|bar', 'bar', true],
    ['foo|bar', 'foobar', false],
  ])('matches(%j, %j) = %s (whole-string match)', (pattern, value, expected) => {
    expect(util.matches(pattern, value)).toBe(expected);
  });

  it('authType returns what the host says for the current request', () => {
    expect(createHarness('API Key Authorization').modules.util.authType()).toBe('API Key Authorization');
    expect(createHarness().modules.util.authType()).toBe('User Pool Authorization');
  });
});
