/**
 * Enhanced subscription filters, in the JSON shape extensions.setSubscriptionFilter takes:
 * entries of filterGroup are ORed, the rules inside one `filters` array are ANDed.
 */
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterScalar = string | number | boolean | null;

export interface FilterRule {
  /** A field of the event, dotted for nested fields (up to 5 levels). */
  fieldName: string;
  operator: FilterOperator;
  value: FilterScalar | FilterScalar[];
}

export interface FilterConjunction {
  filters: FilterRule[];
}

export interface SubscriptionFilter {
  filterGroup: FilterConjunction[];
}

/** AppSync's documented limits for one filter. */
export const FILTER_LIMITS = {
  /** Unique fieldNames within one `filters` array. */
  maxFieldNamesPerConjunction: 5,
  /** Filters in a filterGroup; an `in` rule counts once per value. */
  maxFiltersPerGroup: 10,
  maxInValues: 5,
  maxContainsAnyValues: 20,
  maxStringLength: 256,
  /** Rules on deeper paths are ignored. */
  maxNestingLevels: 5,
} as const;
