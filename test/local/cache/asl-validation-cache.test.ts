// The Step Functions engine's definition check, kept in the content cache: a definition that
// passed is not checked again; one that fails is refused every time and never remembered.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aslValidationKey, passedValidationBefore, rememberValidationPassed } from '../../../local/cache/asl-validation-cache';
import { CACHE_DIR_ENV } from '../../../local/cache/content-cache';
import { LocalStepFunctions } from '../../../local/stepfunctions/service';

const VALID = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
/** Refused by the engine's check: StartAt names no state. */
const INVALID = { StartAt: 'Nowhere', States: { Done: { Type: 'Succeed' } } };

function service(definition: Record<string, unknown>): LocalStepFunctions {
  return new LocalStepFunctions({
    // A copy: the engine adds to the definition object it is given.
    definition: structuredClone(definition),
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:test',
    dynamodb: () => {
      throw new Error('not used');
    },
    putEvents: () => undefined,
  });
}

let cacheDir: string;
const saved = process.env[CACHE_DIR_ENV];
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'asl-validation-'));
  process.env[CACHE_DIR_ENV] = cacheDir;
});
afterEach(() => {
  rmSync(cacheDir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.APPSYNC_TWIN_CACHE_DIR;
  else process.env[CACHE_DIR_ENV] = saved;
});

const entries = () => {
  try {
    return readdirSync(join(cacheDir, 'asl-validation'));
  } catch {
    return [];
  }
};

it('remembers a definition that passed the check, under a key of its content', () => {
  const key = aslValidationKey(VALID);
  expect(passedValidationBefore(key)).toBe(false);
  service(VALID);
  expect(passedValidationBefore(key)).toBe(true);
  expect(entries()).toEqual([`${key}.json`]);
  // Another definition is another key.
  expect(passedValidationBefore(aslValidationKey({ ...VALID, Comment: 'changed' }))).toBe(false);
});

it('gives definitions that differ only in a TableName parameter one key', () => {
  const task = (tableName: string) => ({ StartAt: 'Put', States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: tableName, Item: {} }, End: true } } });
  expect(aslValidationKey(task('one'))).toBe(aslValidationKey(task('two')));
  expect(aslValidationKey(task('one'))).not.toBe(aslValidationKey({ ...task('one'), Comment: 'another shape' }));
  service(task('one'));
  expect(passedValidationBefore(aslValidationKey(task('two')))).toBe(true);
});

it('refuses a definition that fails the check every time, and remembers nothing', () => {
  expect(() => service(INVALID)).toThrow();
  expect(() => service(INVALID)).toThrow();
  expect(entries()).toEqual([]);
  expect(passedValidationBefore(aslValidationKey(INVALID))).toBe(false);
});

it('does not check a definition again once it passed (a remembered pass is trusted)', () => {
  // A pass recorded for a definition the check would refuse shows that the check is skipped.
  rememberValidationPassed(aslValidationKey(INVALID));
  expect(() => service(INVALID)).not.toThrow();
});

it('checks every time when the cache is off', () => {
  process.env[CACHE_DIR_ENV] = 'off';
  rememberValidationPassed(aslValidationKey(INVALID));
  expect(() => service(INVALID)).toThrow();
  service(VALID);
  expect(passedValidationBefore(aslValidationKey(VALID))).toBe(false);
});
