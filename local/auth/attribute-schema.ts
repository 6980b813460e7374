// Which user attributes a request may set: Cognito's standard attributes and the pool's own
// `custom:` ones, nothing else; `sub` never. Cognito refuses the rest with
// InvalidParameterException, so a user cannot name themselves `username` or
// `cognito:username` and have a token say so.
import { CognitoError } from './cognito-error';

/** Cognito's standard attributes (OIDC), plus the two verification flags; `sub` is set by the pool. */
export const STANDARD_ATTRIBUTES: ReadonlySet<string> = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale',
  'middle_name', 'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture',
  'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
]);

/** Attributes nobody may set: the pool assigns them. */
const IMMUTABLE_ATTRIBUTES: ReadonlySet<string> = new Set(['sub']);

export type AttributeWrite = 'create' | 'update';

function inSchema(name: string, customAttributes: readonly string[]): boolean {
  if (name.startsWith('custom:')) return customAttributes.includes(name.slice('custom:'.length));
  return STANDARD_ATTRIBUTES.has(name) || IMMUTABLE_ATTRIBUTES.has(name);
}

/**
 * Throws Cognito's error for the first attribute the request may not set.
 * Update (UpdateUserAttributes, AdminUpdateUserAttributes): "Attribute does not exist in the
 * schema." and "Cannot modify the non-mutable attribute sub". Create (SignUp, AdminCreateUser):
 * "Attributes did not conform to the schema: <name>: Attribute does not exist in the schema."
 * UNVERIFIED: Cognito's exact wording for `sub` on create; the twin says it cannot be modified.
 */
export function assertWritableAttributes(names: Iterable<string>, customAttributes: readonly string[], write: AttributeWrite): void {
  for (const name of names) {
    if (!inSchema(name, customAttributes)) {
      throw new CognitoError(
        'InvalidParameterException',
        write === 'update' ? 'Attribute does not exist in the schema.' : `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
      );
    }
    if (IMMUTABLE_ATTRIBUTES.has(name)) {
      throw new CognitoError(
        'InvalidParameterException',
        write === 'update' ? `Cannot modify the non-mutable attribute ${name}` : `Attributes did not conform to the schema: ${name}: Attribute cannot be modified.`,
      );
    }
  }
}

/** The stored attributes that may appear in an ID token: only names in the schema, never `sub`. */
export function tokenAttributes(attributes: Record<string, string>, customAttributes: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).filter(([name]) => inSchema(name, customAttributes) && !IMMUTABLE_ATTRIBUTES.has(name)),
  );
}
