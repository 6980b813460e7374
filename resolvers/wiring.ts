/**
 * The wiring table: which pipeline serves each field of the schema, and on which data source
 * each pipeline step runs. The CDK stack and the local twin both build the API from it; a test
 * (test/resolvers/wiring.test.ts) fails when it and schema/schema.graphql disagree.
 *
 * Every resolver is a pipeline resolver: resolvers/<typeName>.<fieldName>.ts holds the before
 * (request) and after (response) handlers; the steps live in resolvers/functions/<name>.ts.
 * Resolvers that send batch or transaction requests read the physical table name from the
 * AppSync environment variable TABLE_NAME (ctx.env.TABLE_NAME).
 */
import type { DataSourceWiring, FunctionWiring, ResolverWiring } from './wiring-types';

/** The one DynamoDB table (infra/table-definition.ts). */
export const CHAT_TABLE_DATA_SOURCE = 'chatTable';

/** The AppSync environment variable that carries the physical table name. */
export const TABLE_NAME_ENV = 'TABLE_NAME';

/** Step Functions' API (StartExecution, SendTaskSuccess) for the moderation workflow. */
export const STEP_FUNCTIONS_DATA_SOURCE = 'stepFunctions';

/** Nothing behind it: the request's payload is the result (publishReport). */
export const NONE_DATA_SOURCE = 'none';

/** The AppSync environment variable that carries the moderation state machine's ARN. */
export const STATE_MACHINE_ARN_ENV = 'MODERATION_STATE_MACHINE_ARN';

export const dataSources: Record<string, DataSourceWiring> = {
  [CHAT_TABLE_DATA_SOURCE]: { kind: 'AMAZON_DYNAMODB' },
  [STEP_FUNCTIONS_DATA_SOURCE]: { kind: 'HTTP', signingService: 'states' },
  [NONE_DATA_SOURCE]: { kind: 'NONE' },
};

export const pipelineFunctions: FunctionWiring[] = [
  // BatchGetItem (room META + caller's MEMBER item): NotFound / Unauthorized; IAM skips membership.
  { name: 'requireMembership', dataSource: CHAT_TABLE_DATA_SOURCE },
  // GetItem (room META): NotFound.
  { name: 'requireRoom', dataSource: CHAT_TABLE_DATA_SOURCE },
  // TransactWriteItems (ConditionCheck: no BAN item; PutItem MEMBER item only if absent; DeleteItem
  // INVITE item when the room is private or for acceptInvite): Unauthorized when banned or uninvited.
  { name: 'addMember', dataSource: CHAT_TABLE_DATA_SOURCE },
  // DeleteItem (MEMBER item of stash.memberUserId).
  { name: 'removeMembership', dataSource: CHAT_TABLE_DATA_SOURCE },
  // TransactWriteItems (DeleteItem MEMBER item + PutItem BAN item + DeleteItem INVITE item of stash.memberUserId).
  { name: 'banMember', dataSource: CHAT_TABLE_DATA_SOURCE },
  // DeleteItem (BAN item of stash.bannedUserId).
  { name: 'deleteBan', dataSource: CHAT_TABLE_DATA_SOURCE },
  // TransactWriteItems (room META + creator's MEMBER item).
  { name: 'createRoomWithOwner', dataSource: CHAT_TABLE_DATA_SOURCE },
  // Query (messages of a room, newest first).
  { name: 'queryMessages', dataSource: CHAT_TABLE_DATA_SOURCE },
  // Query on GSI1 (membership items of the caller, ROOM#...).
  { name: 'queryMyRooms', dataSource: CHAT_TABLE_DATA_SOURCE },
  // TransactWriteItems (idempotency record + message, both only if absent).
  { name: 'putMessageOnce', dataSource: CHAT_TABLE_DATA_SOURCE },
  // GetItem (on a sendMessage retry: the message the first attempt stored); else nothing.
  { name: 'getRetriedMessage', dataSource: CHAT_TABLE_DATA_SOURCE },
  // UpdateItem (content, editedAt; condition: sender is the caller, not deleted).
  { name: 'updateOwnMessage', dataSource: CHAT_TABLE_DATA_SOURCE },
  // UpdateItem (deleted, content, editedAt; condition: sender is the caller unless Admins/IAM).
  { name: 'softDeleteMessage', dataSource: CHAT_TABLE_DATA_SOURCE },
  // TransactWriteItems (ConditionCheck: invitee not banned, not a member; PutItem INVITE item).
  { name: 'putInvitation', dataSource: CHAT_TABLE_DATA_SOURCE },
  // Query on GSI1 (invitation items of the caller, INVITE#...).
  { name: 'queryMyInvitations', dataSource: CHAT_TABLE_DATA_SOURCE },
  // Query on GSI1 (PUBLIC_ROOMS partition, newest first).
  { name: 'queryPublicRooms', dataSource: CHAT_TABLE_DATA_SOURCE },
  // UpdateItem (ADD the caller to the REACT#<emoji> set; condition: exists, not deleted, under the cap).
  { name: 'addReaction', dataSource: CHAT_TABLE_DATA_SOURCE },
  // UpdateItem (DELETE the caller from the REACT#<emoji> set; condition: exists).
  { name: 'removeReaction', dataSource: CHAT_TABLE_DATA_SOURCE },
  // TransactWriteItems (ConditionCheck: the message exists; UpdateItem MEMBER lastReadMessageId, forward only).
  { name: 'setLastRead', dataSource: CHAT_TABLE_DATA_SOURCE },
  // Query (messages after the read marker, projected to SK, at most 100): Room.unreadCount.
  { name: 'countUnread', dataSource: CHAT_TABLE_DATA_SOURCE },
  // Query (the newest message): Room.lastMessage.
  { name: 'queryLastMessage', dataSource: CHAT_TABLE_DATA_SOURCE },
  // PutItem (TYPING#<sub> rate record with TTL; condition: none within the interval): LimitExceeded.
  { name: 'throttleTyping', dataSource: CHAT_TABLE_DATA_SOURCE },
  // PutItem (PRESENCE#<sub> with expiresAt TTL; condition: none within the interval): LimitExceeded.
  { name: 'putPresence', dataSource: CHAT_TABLE_DATA_SOURCE },
  // Query (PRESENCE# items of a room, filter expiresAt > now).
  { name: 'queryPresence', dataSource: CHAT_TABLE_DATA_SOURCE },
  // GetItem (the message to report): NotFound when absent, Conflict when already deleted.
  { name: 'requireMessage', dataSource: CHAT_TABLE_DATA_SOURCE },
  // PutItem (REPORTED#<messageId>#<sub> claim; condition: absent): Conflict on a second report.
  { name: 'claimReport', dataSource: CHAT_TABLE_DATA_SOURCE },
  // HTTP POST StartExecution (execution name = report id) of the moderation workflow.
  { name: 'startModeration', dataSource: STEP_FUNCTIONS_DATA_SOURCE },
  // GetItem (the report, strongly consistent): NotFound; Conflict unless OPEN and waiting.
  { name: 'getReport', dataSource: CHAT_TABLE_DATA_SOURCE },
  // HTTP POST SendTaskSuccess (the report's task token, with the decision).
  { name: 'sendDecision', dataSource: STEP_FUNCTIONS_DATA_SOURCE },
  // Query on GSI1 (REPORTS#<status> partition, newest first).
  { name: 'queryReports', dataSource: CHAT_TABLE_DATA_SOURCE },
  // NONE: the arguments become the Report (publishReport, called by the workflow's events).
  { name: 'passReport', dataSource: NONE_DATA_SOURCE },
];

export const resolvers: ResolverWiring[] = [
  { typeName: 'Query', fieldName: 'listMessages', functions: ['requireMembership', 'queryMessages'] },
  { typeName: 'Query', fieldName: 'getRoom', functions: ['requireMembership'] },
  { typeName: 'Query', fieldName: 'myRooms', functions: ['queryMyRooms'] },
  { typeName: 'Query', fieldName: 'listPublicRooms', functions: ['queryPublicRooms'] },
  { typeName: 'Query', fieldName: 'myInvitations', functions: ['queryMyInvitations'] },
  { typeName: 'Query', fieldName: 'presence', functions: ['requireMembership', 'queryPresence'] },
  { typeName: 'Mutation', fieldName: 'createRoom', functions: ['createRoomWithOwner'] },
  { typeName: 'Mutation', fieldName: 'joinRoom', functions: ['requireRoom', 'addMember'] },
  { typeName: 'Mutation', fieldName: 'inviteMember', functions: ['requireMembership', 'putInvitation'] },
  { typeName: 'Mutation', fieldName: 'acceptInvite', functions: ['requireRoom', 'addMember'] },
  { typeName: 'Mutation', fieldName: 'leaveRoom', functions: ['requireMembership', 'removeMembership'] },
  { typeName: 'Mutation', fieldName: 'removeMember', functions: ['requireMembership', 'banMember'] },
  { typeName: 'Mutation', fieldName: 'unbanMember', functions: ['requireMembership', 'deleteBan'] },
  { typeName: 'Mutation', fieldName: 'sendMessage', functions: ['requireMembership', 'putMessageOnce', 'getRetriedMessage'] },
  { typeName: 'Mutation', fieldName: 'editMessage', functions: ['requireMembership', 'updateOwnMessage'] },
  { typeName: 'Mutation', fieldName: 'deleteMessage', functions: ['requireMembership', 'softDeleteMessage'] },
  { typeName: 'Mutation', fieldName: 'react', functions: ['requireMembership', 'addReaction'] },
  { typeName: 'Mutation', fieldName: 'unreact', functions: ['requireMembership', 'removeReaction'] },
  { typeName: 'Mutation', fieldName: 'markRead', functions: ['requireMembership', 'setLastRead'] },
  { typeName: 'Mutation', fieldName: 'setTyping', functions: ['requireMembership', 'throttleTyping'] },
  { typeName: 'Mutation', fieldName: 'heartbeat', functions: ['requireMembership', 'putPresence'] },
  { typeName: 'Query', fieldName: 'listReports', functions: ['queryReports'] },
  { typeName: 'Mutation', fieldName: 'reportMessage', functions: ['requireMembership', 'requireMessage', 'claimReport', 'startModeration'] },
  { typeName: 'Mutation', fieldName: 'resolveReport', functions: ['getReport', 'sendDecision'] },
  { typeName: 'Mutation', fieldName: 'publishReport', functions: ['passReport'] },
  { typeName: 'Subscription', fieldName: 'onReport', functions: ['passReport'] },
  { typeName: 'Subscription', fieldName: 'onNewMessage', functions: ['requireMembership'] },
  { typeName: 'Subscription', fieldName: 'onMessageChanged', functions: ['requireMembership'] },
  { typeName: 'Subscription', fieldName: 'onTyping', functions: ['requireMembership'] },
  { typeName: 'Subscription', fieldName: 'onPresence', functions: ['requireMembership'] },
  // Field resolvers: only on the rooms myRooms returns (MemberRoom); null elsewhere.
  { typeName: 'Room', fieldName: 'unreadCount', functions: ['countUnread'] },
  { typeName: 'Room', fieldName: 'lastMessage', functions: ['queryLastMessage'] },
];
