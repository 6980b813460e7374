/**
 * Evaluates an enhanced filter against an event (a mutation result, or an invalidation payload).
 * A type mismatch between the field and the rule's value never matches.
 */
import { FILTER_LIMITS, type FilterRule, type FilterScalar, type SubscriptionFilter } from './filter-types';

/** A path that crosses a list cannot be filtered on (AppSync ignores such events). */
const CROSSES_LIST = Symbol('crosses a list');

function readPath(event: unknown, path: string[]): unknown {
  let current: unknown = event;
  for (const [index, segment] of path.entries()) {
    if (Array.isArray(current)) return CROSSES_LIST;
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
    if (index < path.length - 1 && Array.isArray(current)) return CROSSES_LIST;
  }
  return current;
}

/** Orders two numbers or two strings; null when they cannot be compared. */
function compare(field: unknown, value: unknown): number | null {
  if (typeof field === 'number' && typeof value === 'number') return field - value;
  if (typeof field === 'string' && typeof value === 'string') return field < value ? -1 : field > value ? 1 : 0;
  return null;
}

function holds(order: number | null, test: (order: number) => boolean): boolean {
  return order !== null && test(order);
}

function contains(field: unknown, value: FilterScalar): boolean | null {
  if (typeof field === 'string') return typeof value === 'string' && field.includes(value);
  if (Array.isArray(field)) return field.some((element) => element === value);
  return null;
}

function ruleMatches(rule: FilterRule, event: unknown): boolean {
  const path = rule.fieldName.split('.');
  // Deeper rules are ignored, as AWS documents: they do not constrain the event.
  if (path.length > FILTER_LIMITS.maxNestingLevels) return true;
  const raw = readPath(event, path);
  if (raw === CROSSES_LIST) return false;
  // A field the event does not carry reads as null.
  const field = raw === undefined ? null : raw;
  const value = rule.value;
  switch (rule.operator) {
    case 'eq':
      return field === value;
    case 'ne':
      return field !== value;
    case 'lt':
      return holds(compare(field, value), (order) => order < 0);
    case 'le':
      return holds(compare(field, value), (order) => order <= 0);
    case 'gt':
      return holds(compare(field, value), (order) => order > 0);
    case 'ge':
      return holds(compare(field, value), (order) => order >= 0);
    case 'contains':
      return contains(field, value as FilterScalar) === true;
    case 'notContains':
      return contains(field, value as FilterScalar) === false;
    case 'beginsWith':
      return typeof field === 'string' && typeof value === 'string' && field.startsWith(value);
    case 'in':
      return (value as FilterScalar[]).some((candidate) => candidate === field);
    case 'notIn':
      return !(value as FilterScalar[]).some((candidate) => candidate === field);
    case 'between': {
      const [low, high] = value as FilterScalar[];
      return holds(compare(field, low), (order) => order >= 0) && holds(compare(field, high), (order) => order <= 0);
    }
    case 'containsAny':
      return Array.isArray(field) && (value as FilterScalar[]).some((candidate) => field.includes(candidate));
  }
}

export function matchesFilter(filter: SubscriptionFilter, event: unknown): boolean {
  return filter.filterGroup.some((conjunction) => conjunction.filters.every((rule) => ruleMatches(rule, event)));
}
