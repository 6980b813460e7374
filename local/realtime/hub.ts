/**
 * The subscription registry: which subscriptions are live on which connection, and, for each
 * mutation the GraphQL layer reports, which of them receive what.
 *
 * publish() and invalidate() are synchronous and never wait for a socket: each connection's
 * send() hands the frame to its own socket buffer. Subscribers therefore see events in the order
 * the publish calls were made, and a slow reader cannot hold up a mutation or other readers.
 */
import { matchesArguments } from './argument-filter';
import type { PreparedSubscription, ProjectedSelection, RealtimeLogger } from './backend';
import { silentLogger } from './backend';
import { matchesFilter } from './filter-match';
import { parseSubscriptionFilter } from './filter-validate';
import { InternTable } from './intern-table';
import { projectForSubscriber, restrictToSelection } from './projection';
import type { SubscriptionFilter } from './filter-types';

/** The data payload of a `data` frame: a GraphQL result for the subscription selection. */
export interface DataPayload {
  data: Record<string, unknown>;
}

/** The hub's view of a connection. */
export interface SubscriberConnection {
  readonly connectionId: string;
  /** Send a `data` frame for the subscription. */
  deliver(subscriptionId: string, payload: DataPayload): void;
  /** The subscription was invalidated: tell the client it is over. */
  invalidated(subscriptionId: string): void;
}

export interface PublishEvent {
  /** The mutation field that ran, e.g. "sendMessage". */
  mutationField: string;
  /**
   * The mutation's resolved value, keyed by schema field names. If mutationSelection is absent
   * it must already be restricted to the fields the mutation selected.
   */
  result: unknown;
  /** The mutation's selection set; when given, the hub restricts `result` to it. */
  mutationSelection?: ProjectedSelection | null;
}

export interface InvalidateEvent {
  subscriptionField: string;
  payload: Record<string, unknown>;
}

export type AddSubscriptionResult = { ok: true } | { ok: false; errorType: string; message: string };

interface Entry {
  connection: SubscriberConnection;
  subscriptionId: string;
  prepared: PreparedSubscription;
  /** Set when it leaves (replaced, removed, or its connection closed): it leaves once. */
  removed?: true;
}

export class SubscriptionHub {
  /** Live entries by connection, then by subscription id. */
  private readonly byConnection = new Map<SubscriberConnection, Map<string, Entry>>();
  /** The same entries indexed by the mutation that triggers them, in subscription order. */
  private readonly byMutation = new Map<string, Set<Entry>>();
  /** The entries' selections and enhanced filters, one instance per distinct value. */
  private readonly selections = new InternTable<ProjectedSelection>();
  private readonly filters = new InternTable<SubscriptionFilter>();

  constructor(private readonly logger: RealtimeLogger = silentLogger) {}

  /** Registers a subscription whose filters are checked here (they come from resolver code). */
  add(connection: SubscriberConnection, subscriptionId: string, prepared: PreparedSubscription): AddSubscriptionResult {
    for (const [label, raw] of [
      ['subscription filter', prepared.enhancedFilter],
      ['invalidation filter', prepared.invalidationFilter],
    ] as const) {
      if (raw === null) continue;
      const parsed = parseSubscriptionFilter(raw);
      if (!parsed.ok) return { ok: false, errorType: 'InvalidFilterError', message: `Invalid ${label}: ${parsed.message}` };
    }
    const entry: Entry = {
      connection,
      subscriptionId,
      prepared: {
        ...prepared,
        selection: this.selections.acquire(prepared.selection),
        enhancedFilter: prepared.enhancedFilter === null ? null : this.filters.acquire(prepared.enhancedFilter),
      },
    };
    let perConnection = this.byConnection.get(connection);
    if (!perConnection) {
      perConnection = new Map();
      this.byConnection.set(connection, perConnection);
    }
    this.removeEntry(perConnection.get(subscriptionId));
    perConnection.set(subscriptionId, entry);
    for (const mutation of new Set(entry.prepared.triggerMutations)) {
      let set = this.byMutation.get(mutation);
      if (!set) {
        set = new Set();
        this.byMutation.set(mutation, set);
      }
      set.add(entry);
    }
    return { ok: true };
  }

  /** Removes one subscription; returns whether it was live. */
  remove(connection: SubscriberConnection, subscriptionId: string): boolean {
    const entry = this.byConnection.get(connection)?.get(subscriptionId);
    this.removeEntry(entry);
    return entry !== undefined;
  }

  /** Removes every subscription of a connection (it closed). */
  removeConnection(connection: SubscriberConnection): void {
    const perConnection = this.byConnection.get(connection);
    if (!perConnection) return;
    for (const entry of [...perConnection.values()]) this.removeEntry(entry);
    this.byConnection.delete(connection);
  }

  /** Distinct selections and enhanced filters the live subscriptions share (tests look for leaks). */
  get sharedValues(): { selections: number; filters: number } {
    return { selections: this.selections.size, filters: this.filters.size };
  }

  /** Number of live subscriptions (all connections). */
  get size(): number {
    let count = 0;
    for (const perConnection of this.byConnection.values()) count += perConnection.size;
    return count;
  }

  /** Delivers a mutation's outcome to every matching subscriber. Returns how many received it. */
  publish(event: PublishEvent): number {
    const entries = this.byMutation.get(event.mutationField);
    if (!entries || entries.size === 0) return 0;
    const result = event.mutationSelection ? restrictToSelection(event.result, event.mutationSelection) : event.result;
    let delivered = 0;
    // Each distinct enhanced filter (one shared instance, add()) is decided once per event.
    const filterOutcomes = new Map<SubscriptionFilter, boolean>();
    // One payload object per distinct selection and response key: projected once, and
    // serialised once by the connections (payload-json.ts), however many subscribers share it.
    const payloads = new Map<ProjectedSelection, Map<string, DataPayload>>();
    for (const entry of [...entries]) {
      const { prepared } = entry;
      // Enhanced filters replace argument filters; the two are not combined.
      let matches: boolean;
      if (prepared.enhancedFilter) {
        const known = filterOutcomes.get(prepared.enhancedFilter);
        matches = known ?? matchesFilter(prepared.enhancedFilter, result);
        if (known === undefined) filterOutcomes.set(prepared.enhancedFilter, matches);
      } else {
        matches = matchesArguments(prepared.argumentFilter, result);
      }
      if (!matches) continue;
      const responseKey = prepared.responseKey ?? prepared.fieldName;
      let byResponseKey = payloads.get(prepared.selection);
      if (byResponseKey === undefined) {
        byResponseKey = new Map();
        payloads.set(prepared.selection, byResponseKey);
      }
      let payload = byResponseKey.get(responseKey);
      if (payload === undefined) {
        payload = { data: { [responseKey]: projectForSubscriber(result, prepared.selection) } };
        byResponseKey.set(responseKey, payload);
      }
      try {
        entry.connection.deliver(entry.subscriptionId, payload);
        delivered += 1;
      } catch (error) {
        // One broken socket must not stop the fan-out to the others.
        this.logger.warn({ err: error, connectionId: entry.connection.connectionId }, 'realtime delivery failed');
      }
    }
    return delivered;
  }

  /**
   * Closes every subscription on `subscriptionField` whose invalidation filter matches the
   * payload. Subscriptions without an invalidation filter are never invalidated. Returns how many
   * were closed.
   */
  invalidate(event: InvalidateEvent): number {
    const victims: Entry[] = [];
    for (const perConnection of this.byConnection.values()) {
      for (const entry of perConnection.values()) {
        const filter = entry.prepared.invalidationFilter;
        if (entry.prepared.fieldName === event.subscriptionField && filter && matchesFilter(filter, event.payload)) {
          victims.push(entry);
        }
      }
    }
    for (const entry of victims) {
      this.removeEntry(entry);
      this.logger.debug(
        { connectionId: entry.connection.connectionId, subscriptionId: entry.subscriptionId, userKey: entry.prepared.userKey },
        'realtime subscription invalidated',
      );
      entry.connection.invalidated(entry.subscriptionId);
    }
    return victims.length;
  }

  private removeEntry(entry: Entry | undefined): void {
    if (!entry || entry.removed) return;
    entry.removed = true;
    const perConnection = this.byConnection.get(entry.connection);
    if (perConnection?.get(entry.subscriptionId) === entry) perConnection.delete(entry.subscriptionId);
    for (const mutation of entry.prepared.triggerMutations) this.byMutation.get(mutation)?.delete(entry);
    this.selections.release(entry.prepared.selection);
    if (entry.prepared.enhancedFilter !== null) this.filters.release(entry.prepared.enhancedFilter);
  }
}
