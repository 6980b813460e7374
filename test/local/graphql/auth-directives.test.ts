import { isAuthorized, type Caller } from '../../../local/graphql/auth-directives';
import { loadApiSchema } from '../../../local/graphql/schema';
import type { GraphQLObjectType } from 'graphql';

const members: Caller = { mode: 'userPool', groups: ['Members'] };
const admins: Caller = { mode: 'userPool', groups: ['Admins'] };
const noGroups: Caller = { mode: 'userPool', groups: null };
const guests: Caller = { mode: 'userPool', groups: ['Guests'] };
const iam: Caller = { mode: 'iam' };
const callers = { members, admins, noGroups, guests, iam };
type CallerName = keyof typeof callers;

function allowedNames(schema: ReturnType<typeof loadApiSchema>, typeName: string, fieldName: string): CallerName[] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const field = type.getFields()[fieldName];
  return (Object.keys(callers) as CallerName[]).filter((name) => isAuthorized(type, field, callers[name]));
}

describe('auth directives on the chat schema', () => {
  const schema = loadApiSchema();
  it.each<[string, string, CallerName[]]>([
    ['Query', 'listMessages', ['members', 'admins', 'iam']],
    ['Query', 'getRoom', ['members', 'admins', 'iam']],
    ['Query', 'myRooms', ['members', 'admins']],
    ['Mutation', 'createRoom', ['members', 'admins']],
    ['Mutation', 'removeMember', ['admins', 'iam']],
    ['Mutation', 'sendMessage', ['members', 'admins']],
    ['Mutation', 'deleteMessage', ['members', 'admins', 'iam']],
    ['Subscription', 'onNewMessage', ['members', 'admins']],
    ['Room', 'name', ['members', 'admins', 'iam']],
    ['Message', 'content', ['members', 'admins', 'iam']],
  ])('%s.%s admits exactly %j', (typeName, fieldName, expected) => {
    expect(allowedNames(schema, typeName, fieldName)).toEqual(expected);
  });
});

describe('auth directive precedence', () => {
  const schema = loadApiSchema(`
    type Query {
      plain: String
      iamOnly: String @aws_iam
      anyPoolUser: String @aws_cognito_user_pools
      opsByAuth: String @aws_auth(cognito_groups: ["Ops"])
      poolOrIam: String @aws_cognito_user_pools(cognito_groups: ["Members"]) @aws_iam
      apiKeyOnly: String @aws_api_key
    }
    type IamType @aws_iam {
      inherits: String
      own: String @aws_cognito_user_pools
    }
    type AdminsType @aws_cognito_user_pools(cognito_groups: ["Admins"]) {
      inherits: String
      widened: String @aws_cognito_user_pools(cognito_groups: ["Members", "Admins"])
    }
  `);
  it.each<[string, string, CallerName[]]>([
    // No directives anywhere: the default mode (any user of the pool) only.
    ['Query', 'plain', ['members', 'admins', 'noGroups', 'guests']],
    ['Query', 'iamOnly', ['iam']],
    ['Query', 'anyPoolUser', ['members', 'admins', 'noGroups', 'guests']],
    ['Query', 'opsByAuth', []],
    ['Query', 'poolOrIam', ['members', 'iam']],
    ['Query', 'apiKeyOnly', []],
    // The type's directives govern fields without their own, and replace the default mode.
    ['IamType', 'inherits', ['iam']],
    ['IamType', 'own', ['members', 'admins', 'noGroups', 'guests']],
    ['AdminsType', 'inherits', ['admins']],
    ['AdminsType', 'widened', ['members', 'admins']],
  ])('%s.%s admits exactly %j', (typeName, fieldName, expected) => {
    expect(allowedNames(schema, typeName, fieldName)).toEqual(expected);
  });
});
