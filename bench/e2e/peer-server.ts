/**
 * The peer: @aws-amplify/amplify-appsync-simulator (the engine of `amplify mock api`) serving
 * sendMessage / onNewMessage / listMessages with VTL resolvers on a DynamoDB Local table laid out
 * as the twin's (resolvers/lib/keys.ts), with Cognito user-pool auth as the default mode.
 *   node --import tsx peer-server.ts <dynamodb endpoint> <table>
 * Prints one JSON line {"port": n} on stdout once it answers.
 *
 * sendMessage is a pipeline like the twin's: membership GetItem, then a conditional PutItem of
 * the send record (idempotency per sender and clientMessageId), then a conditional PutItem of the
 * message. The simulator has no TransactWriteItems, so the two writes are two calls, and its data
 * loader reads every written item back (a consistent GetItem). onNewMessage has no resolver: the
 * simulator filters a published message by the subscription's arguments (roomId).
 */
import net from 'node:net';
import { AmplifyAppSyncSimulator, AmplifyAppSyncSimulatorAuthenticationType, RESOLVER_KIND } from '@aws-amplify/amplify-appsync-simulator';
import { findFreePort } from '../../local/dynamodb-local/free-port';

const [endpoint, tableName] = process.argv.slice(2);
if (!endpoint || !tableName) {
  process.stderr.write('usage: peer-server.ts <dynamodb endpoint> <table>\n');
  process.exit(2);
}

// The simulator listens on every interface and takes no host option; the benchmark keeps to
// loopback, so a listen() given only a port is pinned to 127.0.0.1.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  if (typeof args[0] === 'number' && args.length === 1) return (listen as (...a: unknown[]) => net.Server).call(this, args[0], '127.0.0.1');
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;

// The simulator logs every published message that does not match a subscription's arguments
// (util.inspect of both, per subscription): measured, that is terminal output, not the engine.
console.warn = () => undefined;

// Its data loader passes the data source's config to DynamoDBClient, which takes credentials
// from the environment (amplify mock sets them the same way); DynamoDB Local accepts any.
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

const SCHEMA = `
type Message @aws_cognito_user_pools(cognito_groups: ["Members", "Admins"]) {
  roomId: ID!
  id: ID!
  senderId: String!
  sender: String!
  content: String!
  createdAt: AWSDateTime!
  deleted: Boolean!
}
type MessagePage @aws_cognito_user_pools(cognito_groups: ["Members", "Admins"]) {
  items: [Message!]!
  nextToken: String
}
type Query {
  listMessages(roomId: ID!, limit: Int, nextToken: String): MessagePage! @aws_cognito_user_pools(cognito_groups: ["Members", "Admins"])
}
type Mutation {
  sendMessage(roomId: ID!, content: String!, clientMessageId: String!): Message! @aws_cognito_user_pools(cognito_groups: ["Members", "Admins"])
}
type Subscription {
  onNewMessage(roomId: ID!): Message @aws_subscribe(mutations: ["sendMessage"]) @aws_cognito_user_pools(cognito_groups: ["Members", "Admins"])
}
schema { query: Query mutation: Mutation subscription: Subscription }
`;

const template = (path: string, content: string) => ({ path, content });

const TEMPLATES = [
  template(
    'sendMessage.before.vtl',
    `#if($ctx.args.content.trim().isEmpty() || $ctx.args.content.length() > 2000) $util.error("content must be 1 to 2000 characters", "ValidationError") #end
#if(!$util.matches("^[A-Za-z0-9_-]{1,64}$", $ctx.args.clientMessageId)) $util.error("bad clientMessageId", "ValidationError") #end
$util.qr($ctx.stash.put("id", $util.autoUlid()))
$util.qr($ctx.stash.put("createdAt", $util.time.nowISO8601()))
{}`,
  ),
  template('sendMessage.after.vtl', '$util.toJson($ctx.prev.result)'),
  template(
    'requireMembership.req.vtl',
    `{"version": "2018-05-29", "operation": "GetItem", "consistentRead": true,
  "key": {"PK": $util.dynamodb.toDynamoDBJson("ROOM#$ctx.args.roomId"), "SK": $util.dynamodb.toDynamoDBJson("MEMBER#$ctx.identity.sub")}}`,
  ),
  template('requireMembership.res.vtl', `#if($util.isNull($ctx.result)) $util.error("Not a member of this room", "Unauthorized") #end {}`),
  template(
    'putSendRecord.req.vtl',
    `{"version": "2018-05-29", "operation": "PutItem",
  "key": {"PK": $util.dynamodb.toDynamoDBJson("ROOM#$ctx.args.roomId"), "SK": $util.dynamodb.toDynamoDBJson("SEND#$ctx.identity.sub#$ctx.args.clientMessageId")},
  "attributeValues": {"messageId": $util.dynamodb.toDynamoDBJson($ctx.stash.id)},
  "condition": {"expression": "attribute_not_exists(PK)"}}`,
  ),
  template('putSendRecord.res.vtl', `#if($ctx.error) $util.error($ctx.error.message, $ctx.error.type) #end {}`),
  template(
    'putMessage.req.vtl',
    `{"version": "2018-05-29", "operation": "PutItem",
  "key": {"PK": $util.dynamodb.toDynamoDBJson("ROOM#$ctx.args.roomId"), "SK": $util.dynamodb.toDynamoDBJson("MSG#$ctx.stash.id")},
  "attributeValues": {
    "roomId": $util.dynamodb.toDynamoDBJson($ctx.args.roomId), "id": $util.dynamodb.toDynamoDBJson($ctx.stash.id),
    "senderId": $util.dynamodb.toDynamoDBJson($ctx.identity.sub), "sender": $util.dynamodb.toDynamoDBJson($ctx.identity.username),
    "content": $util.dynamodb.toDynamoDBJson($ctx.args.content), "createdAt": $util.dynamodb.toDynamoDBJson($ctx.stash.createdAt),
    "deleted": $util.dynamodb.toDynamoDBJson(false), "clientMessageId": $util.dynamodb.toDynamoDBJson($ctx.args.clientMessageId)},
  "condition": {"expression": "attribute_not_exists(PK)"}}`,
  ),
  template('putMessage.res.vtl', `#if($ctx.error) $util.error($ctx.error.message, $ctx.error.type) #end $util.toJson($ctx.result)`),
  template(
    'listMessages.req.vtl',
    `{"version": "2018-05-29", "operation": "Query", "scanIndexForward": false, "consistentRead": true,
  "query": {"expression": "PK = :pk AND begins_with(SK, :msg)", "expressionValues": {":pk": $util.dynamodb.toDynamoDBJson("ROOM#$ctx.args.roomId"), ":msg": $util.dynamodb.toDynamoDBJson("MSG#")}},
  "limit": $util.defaultIfNull($ctx.args.limit, 50), "nextToken": $util.toJson($util.defaultIfNullOrBlank($ctx.args.nextToken, null))}`,
  ),
  template('listMessages.res.vtl', '$util.toJson({"items": $ctx.result.items, "nextToken": $ctx.result.nextToken})'),
];

const pipelineFunction = (name: string) => ({
  name,
  dataSourceName: 'chat',
  requestMappingTemplateLocation: `${name}.req.vtl`,
  responseMappingTemplateLocation: `${name}.res.vtl`,
});

async function main(): Promise<void> {
  const port = await findFreePort();
  const simulator = new AmplifyAppSyncSimulator({ port });
  simulator.init({
    schema: { content: SCHEMA },
    mappingTemplates: TEMPLATES,
    dataSources: [{ name: 'chat', type: 'AMAZON_DYNAMODB', config: { endpoint: endpoint as string, region: 'us-east-1', accessKeyId: 'local', secretAccessKey: 'local', tableName: tableName as string } }],
    functions: ['requireMembership', 'putSendRecord', 'putMessage'].map(pipelineFunction),
    resolvers: [
      {
        kind: RESOLVER_KIND.PIPELINE,
        typeName: 'Mutation',
        fieldName: 'sendMessage',
        functions: ['requireMembership', 'putSendRecord', 'putMessage'],
        requestMappingTemplateLocation: 'sendMessage.before.vtl',
        responseMappingTemplateLocation: 'sendMessage.after.vtl',
      },
      {
        kind: RESOLVER_KIND.UNIT,
        typeName: 'Query',
        fieldName: 'listMessages',
        dataSourceName: 'chat',
        requestMappingTemplateLocation: 'listMessages.req.vtl',
        responseMappingTemplateLocation: 'listMessages.res.vtl',
      },
    ],
    appSync: {
      name: 'bench-peer',
      defaultAuthenticationType: { authenticationType: AmplifyAppSyncSimulatorAuthenticationType.AMAZON_COGNITO_USER_POOLS, cognitoUserPoolConfig: {} },
      additionalAuthenticationProviders: [],
    },
  });
  await simulator.start();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.once('SIGTERM', () => {
    void simulator.stop().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`the peer could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
