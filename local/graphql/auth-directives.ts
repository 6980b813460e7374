/**
 * AppSync's authorization directives, enforced the way AppSync does with Cognito user pools as
 * the default mode:
 * - a field's own auth directives decide; without any, the directives on its type decide;
 *   without any there either, only the default mode (any signed-in user-pool caller) is allowed;
 * - once directives are present, only the modes they list apply (the default mode too must be
 *   listed to keep access);
 * - `cognito_groups` on @aws_cognito_user_pools / @aws_auth requires one of the token's groups.
 */
import type { ConstDirectiveNode, GraphQLField, GraphQLObjectType } from 'graphql';

/** Who is calling, as the twin authenticated them. */
export type Caller =
  | { mode: 'userPool'; groups: readonly string[] | null }
  | { mode: 'iam' };

/** One mode an auth directive lets in; groups null = any user of the pool. */
type Allowance = { mode: 'userPool'; groups: string[] | null } | { mode: 'iam' } | { mode: 'other' };

const userPoolDirectives = new Set(['aws_cognito_user_pools', 'aws_auth']);
const otherModeDirectives = new Set(['aws_api_key', 'aws_oidc', 'aws_lambda']);

function allowancesOf(directives: readonly ConstDirectiveNode[] | undefined): Allowance[] {
  const allowances: Allowance[] = [];
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (userPoolDirectives.has(name)) {
      const groupsArg = directive.arguments?.find((a) => a.name.value === 'cognito_groups');
      let groups: string[] | null = null;
      if (groupsArg && groupsArg.value.kind === 'ListValue') {
        groups = groupsArg.value.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []));
      }
      allowances.push({ mode: 'userPool', groups });
    } else if (name === 'aws_iam') {
      allowances.push({ mode: 'iam' });
    } else if (otherModeDirectives.has(name)) {
      allowances.push({ mode: 'other' });
    }
  }
  return allowances;
}

function admits(allowance: Allowance, caller: Caller): boolean {
  if (allowance.mode !== caller.mode) return false;
  if (allowance.mode !== 'userPool' || caller.mode !== 'userPool') return true;
  if (allowance.groups === null) return true;
  const callerGroups = caller.groups ?? [];
  return allowance.groups.some((g) => callerGroups.includes(g));
}

/** The allowances that govern one field: its own, else its type's, else the default mode. */
export function fieldAllowances(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Allowance[] {
  const own = allowancesOf(field.astNode?.directives);
  if (own.length > 0) return own;
  const ofType = allowancesOf(type.astNode?.directives);
  if (ofType.length > 0) return ofType;
  return [{ mode: 'userPool', groups: null }];
}

export function isAuthorized(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, caller: Caller): boolean {
  return fieldAllowances(type, field).some((a) => admits(a, caller));
}

/** AppSync's wording for a field-level deny. */
export function unauthorizedMessage(typeName: string, fieldName: string): string {
  return `Not Authorized to access ${fieldName} on type ${typeName}`;
}
