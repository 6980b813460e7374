// The `extensions` global: enhanced subscription filters, invalidation and cache eviction. Every
// call is recorded in the evaluation record for the engine to act on.
import type { EvaluationRecord } from '../../contract';
import { INVALIDATION_LIMIT_ERROR_TYPE, SUBSCRIPTION_FILTER_ERROR_TYPE } from '../aws-unverified';
import { errorSignal } from '../signals';
import { isPlainObject, jsonCopy } from '../values';
import { subscriptionFilterViolation } from './filter-limits';

export const MAX_UNIQUE_INVALIDATIONS = 5;

function validFilter(filter: unknown, method: string): unknown {
  const problem = subscriptionFilterViolation(filter);
  if (problem) throw errorSignal(`${method}: ${problem}`, SUBSCRIPTION_FILTER_ERROR_TYPE, null, null);
  return jsonCopy(filter);
}

export function createExtensions(currentRecord: () => EvaluationRecord) {
  return {
    setSubscriptionFilter(filter: unknown): void {
      currentRecord().subscriptionFilter = validFilter(filter, 'setSubscriptionFilter');
    },
    setSubscriptionInvalidationFilter(filter: unknown): void {
      currentRecord().subscriptionInvalidationFilter = validFilter(filter, 'setSubscriptionInvalidationFilter');
    },
    invalidateSubscriptions(obj: unknown): void {
      if (!isPlainObject(obj) || typeof obj.subscriptionField !== 'string' || (obj.payload !== undefined && !isPlainObject(obj.payload))) {
        throw new TypeError('invalidateSubscriptions: expected {subscriptionField: string, payload: object}');
      }
      const call = { subscriptionField: obj.subscriptionField, payload: jsonCopy((obj.payload ?? {}) as Record<string, unknown>) };
      const record = currentRecord();
      const key = JSON.stringify(call);
      // Repeating an identical call does not count against the limit.
      if (record.invalidations.some((existing) => JSON.stringify(existing) === key)) return;
      if (record.invalidations.length >= MAX_UNIQUE_INVALIDATIONS) {
        throw errorSignal(
          `invalidateSubscriptions: at most ${MAX_UNIQUE_INVALIDATIONS} unique calls are allowed per request`,
          INVALIDATION_LIMIT_ERROR_TYPE, null, null,
        );
      }
      record.invalidations.push(call);
    },
    evictFromApiCache(typeName: string, fieldName: string, keyValuePair: Record<string, unknown>): void {
      currentRecord().evictions.push({ typeName: `${typeName}`, fieldName: `${fieldName}`, keys: jsonCopy(keyValuePair ?? {}) });
    },
  };
}

export type AppSyncExtensions = ReturnType<typeof createExtensions>;
