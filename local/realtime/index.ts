/** The realtime side of the local twin: what the server and the GraphQL layer import. */
export type {
  ConnectionAuthResult,
  GraphQLErrorShape,
  PreparedSubscription,
  ProjectedSelection,
  RealtimeBackend,
  RealtimeLogger,
  SelectedField,
  StartSubscriptionInput,
  StartSubscriptionResult,
} from './backend';
export { closeReasons, connectionErrors, protocolErrors, MAX_SUBSCRIPTIONS_PER_CONNECTION } from './errors';
export type { CloseReason } from './errors';
export type { FilterOperator, FilterRule, SubscriptionFilter } from './filter-types';
export { FILTER_LIMITS, FILTER_OPERATORS } from './filter-types';
export { parseSubscriptionFilter } from './filter-validate';
export { matchesFilter } from './filter-match';
export { SubscriptionHub } from './hub';
export type { DataPayload, InvalidateEvent, PublishEvent, SubscriberConnection } from './hub';
export { APPSYNC_LIMITS } from './limits';
export type { RealtimeLimits } from './limits';
export { RealtimeConnection } from './protocol';
export type { ConnectionTransport, Timers } from './protocol';
export { attachRealtime, DEFAULT_REALTIME_PATH } from './ws-server';
export type { AttachRealtimeOptions, RealtimeServer, UpgradeSource } from './ws-server';
