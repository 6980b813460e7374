/**
 * Every error the realtime side sends, with its stable errorType. Where AWS's wording is known
 * (reference appsync-realtime-and-amplify.md §2) it is used verbatim; the rest is marked.
 */
// A type alias (not an interface) so that it fits GraphQLErrorShape's index signature.
export type ProtocolError = {
  errorType: string;
  message: string;
};

export interface ConnectionError {
  /** Absent in AWS's SubProtocolNotSupportedError frame. */
  errorType?: string;
  message: string;
  errorCode: number;
}

export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

export const protocolErrors = {
  /** As AWS: a start that is not a single subscription ("unknown" when it cannot be told). */
  unsupportedOperation: (operation: string): ProtocolError => ({
    errorType: 'UnsupportedOperation',
    message: `${operation} not supported through the realtime channel`,
  }),
  /** AWS's errorType; its message is not documented. */
  duplicatedOperation: (id: string): ProtocolError => ({
    errorType: 'DuplicatedOperationError',
    message: `Duplicated operation with id ${id}`,
  }),
  /** As observed from AWS. */
  maxSubscriptionsReached: (): ProtocolError => ({
    errorType: 'MaxSubscriptionsReachedError',
    message: `Max number of ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions reached`,
  }),
  /**
   * As AWS documents it (realtime WebSocket client doc). AWS's example frame has no id; the twin
   * keeps the start's id so that clients can tell which start was refused.
   */
  rateLimitExceeded: (): ProtocolError => ({ errorType: 'LimitExceededError', message: 'Rate limit exceeded' }),
  /** The twin's choice (AWS's reply to a non-JSON frame is not documented). */
  notJson: (): ProtocolError => ({ errorType: 'BadRequestException', message: 'The message is not valid JSON.' }),
  /** The twin's choice. */
  notAMessage: (): ProtocolError => ({
    errorType: 'BadRequestException',
    message: 'The message must be a JSON object with a string "type".',
  }),
  /** The twin's choice. */
  stopWithoutId: (): ProtocolError => ({ errorType: 'BadRequestException', message: 'A stop message needs an "id".' }),
} as const;

export const connectionErrors = {
  /** As AWS sends it when the connection's authorization fails. */
  unauthorized: (): ConnectionError => ({
    errorType: 'UnauthorizedException',
    message: 'You are not authorized to make this call.',
    errorCode: 401,
  }),
  /** As AWS sends it when the client does not offer the graphql-ws subprotocol. */
  subProtocolNotSupported: (): ConnectionError => ({
    message: 'SubProtocolNotSupportedError',
    errorCode: 400,
  }),
} as const;
