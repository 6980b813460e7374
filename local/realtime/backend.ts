/**
 * The seam between the realtime side (this folder) and the twin's GraphQL layer.
 *
 * The GraphQL layer implements RealtimeBackend: it authenticates sockets and turns a `start`
 * frame into a PreparedSubscription (parse, validate, authorize, run the subscription resolver,
 * collect its filters). The realtime side owns the sockets, the protocol and the matching; the
 * GraphQL layer pushes mutation outcomes into the hub (SubscriptionHub.publish / invalidate).
 */
import type { SubscriptionFilter } from './filter-types';

/** A selected field, as the subscriber (or the mutation) asked for it, fragments already resolved. */
export interface SelectedField {
  /** The key in the response: the alias if there is one, else the field name. */
  responseKey: string;
  /** The schema field name. `__typename` is filled from the enclosing ProjectedSelection.typeName. */
  fieldName: string;
  /** Present when the field has an object (or list of objects) type. */
  selection?: ProjectedSelection;
}

/** A selection set on one object type. */
export interface ProjectedSelection {
  /** The object type's name, used to answer `__typename`. */
  typeName: string;
  fields: SelectedField[];
}

/** What the GraphQL layer hands back for an accepted `start`. */
export interface PreparedSubscription {
  /** The subscription field, e.g. "onNewMessage". */
  fieldName: string;
  /** The key of the field in `data` (its alias, else fieldName). Defaults to fieldName. */
  responseKey?: string;
  /** The mutations named in the field's @aws_subscribe(mutations: [...]). */
  triggerMutations: string[];
  /**
   * The arguments the client supplied (literal or through variables), by argument name. An
   * explicit null is kept (it filters for null); an omitted argument is absent (no filter).
   */
  argumentFilter: Record<string, unknown>;
  /** From extensions.setSubscriptionFilter; when set, argumentFilter is not used (as on AWS). */
  enhancedFilter: SubscriptionFilter | null;
  /** From extensions.setSubscriptionInvalidationFilter; null = this subscription is never invalidated. */
  invalidationFilter: SubscriptionFilter | null;
  /** The subscriber's selection set under the subscription field. */
  selection: ProjectedSelection;
  /** Who subscribed (for logs), e.g. the Cognito sub. */
  userKey: string | null;
}

export interface GraphQLErrorShape {
  errorType?: string;
  message: string;
  [extra: string]: unknown;
}

export type ConnectionAuthResult =
  | { ok: true; principal: unknown }
  | { ok: false; errorType: string; message: string; errorCode: number };

export type StartSubscriptionResult =
  | { ok: true; subscription: PreparedSubscription }
  | { ok: false; errors: GraphQLErrorShape[] };

export interface StartSubscriptionInput {
  /** The client's subscription id (unique per connection). */
  id: string;
  /** payload.data as received, the JSON text of {query, variables} (what an IAM start signs). */
  data: string;
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
  /** payload.extensions.authorization of the start frame ({} when absent). */
  authorization: Record<string, unknown>;
  /**
   * What authenticateConnection returned for this socket. The backend judges every start afresh:
   * a principal accepted at the handshake may have expired or been signed out since.
   */
  connectionPrincipal: unknown;
  sourceIp: string;
}

export interface RealtimeBackend {
  /**
   * Authenticate the socket from its header object (from the `header-` subprotocol, the
   * `?header=` query parameter, or the plain upgrade headers). A failure is reported to the
   * client as connection_error and the socket is closed.
   */
  authenticateConnection(header: Record<string, unknown>, meta: { sourceIp: string }): Promise<ConnectionAuthResult>;
  /**
   * Prepare one subscription. The query is already known to be a single subscription
   * operation. Errors are sent as an `error` frame with the subscription id.
   */
  startSubscription(input: StartSubscriptionInput): Promise<StartSubscriptionResult>;
}

/** The subset of a pino logger the realtime side uses. */
export interface RealtimeLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: RealtimeLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
