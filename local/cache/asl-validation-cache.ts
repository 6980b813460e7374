/**
 * Whether a state-machine definition passed aws-local-stepfunctions' validation before.
 * The check (asl-validator compiling its JSON schemas with ajv) was about a third of a warm twin
 * start, and its outcome depends only on the definition and the two packages: those make the
 * key, and only a pass is kept, so a definition that fails is checked (and fails) every time.
 */
import { contentKey, installedVersion, packageDir, readEntry, writeEntry } from './content-cache';

const FORMAT = 'asl-validation/1';
const NAMESPACE = 'asl-validation';
const PASSED = 'passed';

/**
 * The key leaves out the values of TableName parameters, so twins on tables of other names share
 * one check: Parameters are free-form JSON to the check, which reads no string value in them
 * (the twin turns its path checks off).
 */
export function aslValidationKey(definition: Record<string, unknown>): string {
  const engine = packageDir('aws-local-stepfunctions') ?? undefined;
  const shape = JSON.stringify(definition, (name, value: unknown) => (name === 'TableName' && typeof value === 'string' ? '' : value));
  return contentKey([FORMAT, shape, installedVersion('aws-local-stepfunctions'), installedVersion('asl-validator', engine)]);
}

/** Whether `key` (aslValidationKey of a definition, taken before the engine sees it) passed before. */
export function passedValidationBefore(key: string): boolean {
  return readEntry(NAMESPACE, key) === PASSED;
}

export function rememberValidationPassed(key: string): void {
  writeEntry(NAMESPACE, key, PASSED);
}
