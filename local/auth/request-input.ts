// Reading members of a Cognito JSON request body, with AWS's validation errors.
import { CognitoError, missingParameter } from './cognito-error';
import type { UserPool } from './user-pool';

export type RequestInput = Record<string, unknown>;

/** AWS names members in validation messages with a lower-case first letter. */
function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function requiredString(input: RequestInput, name: string): string {
  const value = input[name];
  if (value === undefined || value === null) throw missingParameter(memberName(name));
  if (typeof value !== 'string') {
    throw new CognitoError('SerializationException', `Unexpected value type for '${name}': expected a string.`);
  }
  if (value.length === 0) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value at '${memberName(name)}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  return value;
}

export function optionalString(input: RequestInput, name: string): string | undefined {
  return input[name] === undefined || input[name] === null ? undefined : requiredString(input, name);
}

export function stringMap(input: RequestInput, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CognitoError('SerializationException', `Unexpected value type for '${name}': expected a map.`);
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') result[key] = entry;
  return result;
}

/** [{ Name, Value }] -> { Name: Value } */
export function attributeList(input: RequestInput, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) {
    throw new CognitoError('SerializationException', `Unexpected value type for '${name}': expected a list.`);
  }
  const result: Record<string, string> = {};
  for (const entry of value as Array<{ Name?: unknown; Value?: unknown }>) {
    if (typeof entry?.Name !== 'string') throw missingParameter(`${memberName(name)}.member.name`);
    result[entry.Name] = typeof entry.Value === 'string' ? entry.Value : '';
  }
  return result;
}

export function assertClientId(pool: UserPool, input: RequestInput): void {
  const clientId = requiredString(input, 'ClientId');
  if (clientId !== pool.clientId) {
    throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  }
}

export function assertPoolId(pool: UserPool, input: RequestInput): void {
  const poolId = requiredString(input, 'UserPoolId');
  if (poolId !== pool.poolId) throw new CognitoError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
}
