// util.math, util.str and util.http.
import { createHarness, thrownBy } from './test-bridge';

describe('util.math', () => {
  const h = createHarness();
  const { math } = h.modules.util;

  it.each<[number, number]>([
    [1.5, 2],
    [2.4, 2],
    [-1.5, -1], // Java Math.round rounds half up
    [-1.6, -2],
  ])('roundNum(%d) = %d', (input, expected) => {
    expect(math.roundNum(input)).toBe(expected);
  });

  it.each<[number, number, number, number]>([
    [1, 2, 1, 2],
    [-3, -7, -7, -3],
    [2.5, 2.5, 2.5, 2.5],
  ])('minVal/maxVal(%d, %d)', (a, b, min, max) => {
    expect(math.minVal(a, b)).toBe(min);
    expect(math.maxVal(a, b)).toBe(max);
  });

  it('randomDouble is in [0, 1) and follows the bridge bytes', () => {
    h.bridge.queueHex('00000000000000', 'ffffffffffffff');
    expect(math.randomDouble()).toBe(0);
    const top = math.randomDouble();
    expect(top).toBeLessThan(1);
    expect(top).toBeGreaterThan(0.9999999);
    for (let i = 0; i < 100; i += 1) {
      const value = math.randomDouble();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });

  it('randomWithinRange covers both ends and nothing outside', () => {
    h.bridge.queueHex('00000000000000', 'ffffffffffffff');
    expect(math.randomWithinRange(3, 6)).toBe(3);
    expect(math.randomWithinRange(3, 6)).toBe(6);
    const seen: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const value = math.randomWithinRange(3, 6);
      expect(Number.isInteger(value) && value >= 3 && value <= 6).toBe(true);
      if (!seen.includes(value)) seen.push(value);
    }
    expect(seen.sort()).toEqual([3, 4, 5, 6]);
  });
});

describe('util.str.normalize', () => {
  const { str } = createHarness().modules.util;

  it.each<[string, string, string]>([
    ['e\u0301', 'nfc', '\u00e9'],
    ['\u00e9', 'nfd', 'e\u0301'],
    ['\ufb01', 'nfkc', 'fi'],
    ['\u2460', 'nfkd', '1'],
    ['\u00e9', 'NFD', 'e\u0301'],
  ])('normalize(%j, %s)', (input, form, expected) => {
    expect(str.normalize(input, form as never)).toBe(expected);
  });

  it('rejects an unknown form', () => {
    expect(() => str.normalize('x', 'nfx' as never)).toThrow('Unsupported normalization type: nfx');
  });
});

describe('util.http', () => {
  const h = createHarness();
  const { http } = h.modules.util;
  beforeEach(() => h.reset());

  it('copyHeaders leaves out restricted headers', () => {
    expect(
      http.copyHeaders({ 'x-custom': 'a', Authorization: 'Bearer t', host: 'h', 'content-length': '3', 'x-amz-date': 'd', 'X-Amzn-Trace-Id': 't', accept: 'json' }),
    ).toEqual({ 'x-custom': 'a', accept: 'json' });
  });

  it('addResponseHeader records headers; the last definition wins', () => {
    http.addResponseHeader('itemsCount', 7);
    http.addResponseHeader('render', 'fast');
    http.addResponseHeader('RENDER', 'slow');
    http.addResponseHeaders({ headerObject: { field1: 7, field2: 'string' }, flag: true });
    expect(h.record.responseHeaders).toEqual({ itemsCount: '7', RENDER: 'slow', headerObject: '{"field1":7,"field2":"string"}', flag: 'true' });
  });

  it.each<[string, string, unknown, string]>([
    ['a reserved name', 'Content-Type', 'text/plain', "Response header 'Content-Type' is reserved and cannot be set"],
    ['the x-amzn- prefix', 'x-amzn-RequestId', '1', "Response header 'x-amzn-RequestId' is reserved and cannot be set"],
    ['the x-amz- prefix', 'X-Amz-Foo', '1', "Response header 'X-Amz-Foo' is reserved and cannot be set"],
    ['an invalid name', 'bad name', '1', 'Invalid response header name: bad name'],
    ['more than 4 KB in total', 'big', 'x'.repeat(4090), 'Custom response headers exceed 4096 bytes'],
  ])('rejects %s and keeps the headers unchanged', (_label, name, value, message) => {
    http.addResponseHeader('kept', 'yes');
    expect(thrownBy(() => http.addResponseHeader(name, value))).toEqual({
      __appsync: 'error', message, errorType: 'InvalidResponseHeaderError', data: null, errorInfo: null,
    });
    expect(h.record.responseHeaders).toEqual({ kept: 'yes' });
  });
});
