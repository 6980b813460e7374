/**
 * A text that is equal for two subscriptions exactly when their data frames carry the same
 * payload for the same event: the response key and the projected selection. Computed once per
 * subscription (it does not change while the subscription lives).
 */
import type { PreparedSubscription } from './backend';

const keys = new WeakMap<PreparedSubscription, string>();

export function selectionKey(prepared: PreparedSubscription): string {
  let key = keys.get(prepared);
  if (key === undefined) {
    key = JSON.stringify([prepared.responseKey ?? prepared.fieldName, prepared.selection]);
    keys.set(prepared, key);
  }
  return key;
}
