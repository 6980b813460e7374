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

/** A WebSocket close the server starts: its code and reason, both sent to the client. */
export interface CloseReason {
  code: number;
  reason: string;
}

/**
 * Every close code the server sends, in one place. AWS documents none of them (UNVERIFIED);
 * the codes are RFC 6455's: 1000 normal, 1001 going away, 1008 policy violation.
 */
export const closeReasons = {
  /** After connection_error; the reason is the error's errorType (or message). */
  refused: (error: ConnectionError): CloseReason => ({ code: 1000, reason: error.errorType ?? error.message }),
  /** AppSync's documented 24 h connection lifetime. */
  lifetimeExceeded: (): CloseReason => ({ code: 1000, reason: 'Connection lifetime exceeded' }),
  shuttingDown: (): CloseReason => ({ code: 1001, reason: 'Server shutting down' }),
  /** The client stopped reading and its queued frames passed limits.maxOutboundBufferBytes. */
  outboundBufferExceeded: (): CloseReason => ({ code: 1008, reason: 'Outbound buffer limit exceeded' }),
  /** No connection_init (nor an accepted start) within limits.connectionInitTimeoutMs. */
  connectionInitTimeout: (): CloseReason => ({ code: 1008, reason: 'Connection initialisation timeout' }),
  /**
   * A client frame over limits.maxIncomingFrameBytes: RFC 6455's "message too big". ws sends this
   * close itself, without a reason, when the frame's length arrives (ws-server.ts sets its maxPayload).
   */
  frameTooLarge: (): CloseReason => ({ code: 1009, reason: '' }),
} as const;
