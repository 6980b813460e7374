/**
 * The events the moderation workflow puts on the default EventBridge bus, and the AppSync
 * mutation each one becomes. On AWS an EventBridge rule per event calls the mutation with IAM
 * (infra/moderation-rules.ts); the twin's local bus calls the same operation with the same
 * variables (local/stepfunctions/event-bus.ts). Step Functions has no signed call to AppSync of
 * its own, and going through a mutation is what makes subscribers see the change.
 *
 * Each detail field is the GraphQL variable of the same name.
 */
export const MODERATION_EVENT_SOURCE = 'chat.moderation';

export interface ModerationEvent {
  detailType: string;
  /** The root field the operation calls (the IAM role may call this field only). */
  mutationField: string;
  graphQLOperation: string;
  /** Detail fields passed on as the operation's variables. */
  variables: readonly string[];
}

/** Every Report field: what onReport subscribers get (AppSync sends what the mutation selected). */
const REPORT_SELECTION = 'id roomId messageId reporterId reason status createdAt decidedBy note decidedAt';
/** Every Message field: what onMessageChanged subscribers get. */
const MESSAGE_SELECTION = 'roomId id senderId sender content createdAt editedAt deleted reactions { emoji count mine }';

export const moderationEvents = {
  /** A report was recorded: Admins subscribed to onReport hear of it. */
  reportOpened: {
    detailType: 'ReportOpened',
    mutationField: 'publishReport',
    graphQLOperation: `mutation PublishReport($id: ID!, $roomId: ID!, $messageId: ID!, $reporterId: String!, $reason: String!, $createdAt: AWSDateTime!) {
  publishReport(id: $id, roomId: $roomId, messageId: $messageId, reporterId: $reporterId, reason: $reason, createdAt: $createdAt) { ${REPORT_SELECTION} }
}`,
    variables: ['id', 'roomId', 'messageId', 'reporterId', 'reason', 'createdAt'],
  },
  /** A moderator chose "remove": the message is soft-deleted through deleteMessage (IAM). */
  messageRemoved: {
    detailType: 'MessageRemovedByModerator',
    mutationField: 'deleteMessage',
    graphQLOperation: `mutation ModeratorDeleteMessage($roomId: ID!, $messageId: ID!) {
  deleteMessage(roomId: $roomId, messageId: $messageId) { ${MESSAGE_SELECTION} }
}`,
    variables: ['roomId', 'messageId'],
  },
} as const satisfies Record<string, ModerationEvent>;
