/**
 * Who may call what, as schema/schema.graphql tells AppSync (issue 3 §1, README "IAM"): Members
 * and Admins everywhere except removeMember and unbanMember (Admins only); AWS_IAM on the
 * operator fields listMessages, getRoom, removeMember, unbanMember, deleteMessage and
 * inviteMember and on the types they return. Every field
 * names its groups, so a signed-in user in neither group is refused everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLObjectType, Kind, buildSchema, type ConstDirectiveNode } from 'graphql';

const root = join(__dirname, '..', '..');
const sdl = ['schema/aws.graphql', 'schema/schema.graphql'].map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
const schema = buildSchema(sdl);

type Access = { groups: string[] | null; iam: boolean };

function accessOf(directives: readonly ConstDirectiveNode[] | undefined): Access {
  const list = directives ?? [];
  const cognito = list.find((directive) => directive.name.value === 'aws_cognito_user_pools');
  const groupsArgument = cognito?.arguments?.find((argument) => argument.name.value === 'cognito_groups');
  const groups =
    groupsArgument && groupsArgument.value.kind === Kind.LIST
      ? groupsArgument.value.values.map((value) => (value.kind === Kind.STRING ? value.value : '?'))
      : null;
  return { groups, iam: list.some((directive) => directive.name.value === 'aws_iam') };
}

const everyone = ['Members', 'Admins'];

const rootFieldAccess: Array<[string, string, Access]> = [
  ['Query', 'listMessages', { groups: everyone, iam: true }],
  ['Query', 'getRoom', { groups: everyone, iam: true }],
  ['Query', 'myRooms', { groups: everyone, iam: false }],
  ['Mutation', 'createRoom', { groups: everyone, iam: false }],
  ['Mutation', 'joinRoom', { groups: everyone, iam: false }],
  ['Mutation', 'leaveRoom', { groups: everyone, iam: false }],
  ['Mutation', 'removeMember', { groups: ['Admins'], iam: true }],
  ['Mutation', 'unbanMember', { groups: ['Admins'], iam: true }],
  ['Mutation', 'sendMessage', { groups: everyone, iam: false }],
  ['Mutation', 'editMessage', { groups: everyone, iam: false }],
  ['Mutation', 'deleteMessage', { groups: everyone, iam: true }],
  ['Subscription', 'onNewMessage', { groups: everyone, iam: false }],
  ['Subscription', 'onMessageChanged', { groups: everyone, iam: false }],
  // Issue 12: operators may invite (provisioning private rooms); everything else is for users.
  ['Query', 'listPublicRooms', { groups: everyone, iam: false }],
  ['Query', 'myInvitations', { groups: everyone, iam: false }],
  ['Query', 'presence', { groups: everyone, iam: false }],
  ['Mutation', 'inviteMember', { groups: everyone, iam: true }],
  ['Mutation', 'acceptInvite', { groups: everyone, iam: false }],
  ['Mutation', 'react', { groups: everyone, iam: false }],
  ['Mutation', 'unreact', { groups: everyone, iam: false }],
  ['Mutation', 'markRead', { groups: everyone, iam: false }],
  ['Mutation', 'setTyping', { groups: everyone, iam: false }],
  ['Mutation', 'heartbeat', { groups: everyone, iam: false }],
  ['Subscription', 'onTyping', { groups: everyone, iam: false }],
  ['Subscription', 'onPresence', { groups: everyone, iam: false }],
  // Issue 13: members report; Admins list, decide and hear of reports; only the workflow's
  // EventBridge rule (IAM) publishes a report to onReport.
  ['Query', 'listReports', { groups: ['Admins'], iam: false }],
  ['Mutation', 'reportMessage', { groups: everyone, iam: false }],
  ['Mutation', 'resolveReport', { groups: ['Admins'], iam: false }],
  ['Mutation', 'publishReport', { groups: null, iam: true }],
  ['Subscription', 'onReport', { groups: ['Admins'], iam: false }],
];

describe('schema authorization', () => {
  it.each(rootFieldAccess)('%s.%s', (typeName, fieldName, access) => {
    const type = schema.getType(typeName) as GraphQLObjectType;
    const field = type.getFields()[fieldName];
    expect(accessOf(field.astNode?.directives)).toEqual(access);
  });

  it('covers every root field of the schema', () => {
    const rootTypes = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
      (type): type is GraphQLObjectType => type !== null && type !== undefined,
    );
    const fields = rootTypes.flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    expect(fields.sort()).toEqual(rootFieldAccess.map(([typeName, fieldName]) => `${typeName}.${fieldName}`).sort());
  });

  it.each(['Room', 'Message', 'MessagePage', 'Reaction', 'Invitation'])('type %s is for Members, Admins and IAM callers', (typeName) => {
    const type = schema.getType(typeName) as GraphQLObjectType;
    expect(accessOf(type.astNode?.directives)).toEqual({ groups: everyone, iam: true });
  });

  // Returned only by fields without @aws_iam.
  it.each(['RoomPage', 'TypingEvent', 'Presence', 'ReadState'])('type %s is for Members and Admins only', (typeName) => {
    const type = schema.getType(typeName) as GraphQLObjectType;
    expect(accessOf(type.astNode?.directives)).toEqual({ groups: everyone, iam: false });
  });

  it('names the groups of every object type, so a user in no group reaches none', () => {
    const objectTypes = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLObjectType => type instanceof GraphQLObjectType && !type.name.startsWith('__') && !['Query', 'Mutation', 'Subscription'].includes(type.name),
    );
    expect(objectTypes.filter((type) => accessOf(type.astNode?.directives).groups === null).map((type) => type.name)).toEqual([]);
  });
});
