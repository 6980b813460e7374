// The documented limits of enhanced subscription filters (AppSync "Extensions" and "Defining
// enhanced subscription filters"). A filter that breaks one is rejected with the reason.
import { isPlainObject } from '../values';

export const ALLOWED_OPERATORS = ['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny'];
export const MAX_FIELD_NAMES_PER_FILTER = 5;
export const MAX_FILTERS_PER_GROUP = 10;
export const MAX_IN_VALUES = 5;
export const MAX_CONTAINS_ANY_VALUES = 20;
export const MAX_STRING_LENGTH = 256;


function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function checkStrings(values: unknown[], where: string): string | null {
  for (const value of values) {
    if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) {
      return `${where}: string values can be at most ${MAX_STRING_LENGTH} characters`;
    }
  }
  return null;
}

function checkEntry(entry: unknown, where: string): string | null {
  if (!isPlainObject(entry)) return `${where} must be an object {fieldName, operator, value}`;
  const { fieldName, operator, value } = entry;
  if (typeof fieldName !== 'string' || fieldName === '') return `${where}: fieldName must be a non-empty string`;
  if (typeof operator !== 'string' || !ALLOWED_OPERATORS.includes(operator)) {
    return `${where}: operator '${`${operator}`}' is not supported (use one of ${ALLOWED_OPERATORS.join(', ')})`;
  }
  const at = `${where} (${fieldName} ${operator})`;
  if (operator === 'in' || operator === 'notIn' || operator === 'containsAny') {
    const max = operator === 'containsAny' ? MAX_CONTAINS_ANY_VALUES : MAX_IN_VALUES;
    if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar)) return `${at}: value must be a non-empty array of scalars`;
    if (value.length > max) return `${at}: at most ${max} values are allowed, got ${value.length}`;
    return checkStrings(value, at);
  }
  if (operator === 'between') {
    if (!Array.isArray(value) || value.length !== 2 || !value.every(isScalar)) return `${at}: value must be an array of two scalars`;
    return checkStrings(value, at);
  }
  if (!isScalar(value)) return `${at}: value must be a string, number or boolean`;
  return checkStrings([value], at);
}

/** How many filters a group counts as: an `in` counts as one filter per value. */
function expandedCount(filters: unknown[]): number {
  return filters.reduce<number>((count, entry) => {
    const isIn = isPlainObject(entry) && entry.operator === 'in' && Array.isArray(entry.value);
    return count * (isIn ? Math.max((entry.value as unknown[]).length, 1) : 1);
  }, 1);
}

/** The first broken rule as a message, or null when the filter is within every limit. */
export function subscriptionFilterViolation(filter: unknown): string | null {
  if (!isPlainObject(filter) || !Array.isArray(filter.filterGroup)) return 'The subscription filter must be an object {filterGroup: [...]}';
  const groups = filter.filterGroup;
  if (groups.length === 0) return 'filterGroup must contain at least one filter';
  let total = 0;
  for (let g = 0; g < groups.length; g += 1) {
    const group = groups[g];
    if (!isPlainObject(group) || !Array.isArray(group.filters) || group.filters.length === 0) {
      return `filterGroup[${g}] must be an object with a non-empty filters array`;
    }
    const fieldNames: string[] = [];
    for (let f = 0; f < group.filters.length; f += 1) {
      const problem = checkEntry(group.filters[f], `filterGroup[${g}].filters[${f}]`);
      if (problem) return problem;
      const name = (group.filters[f] as { fieldName: string }).fieldName;
      if (!fieldNames.includes(name)) fieldNames.push(name);
    }
    if (fieldNames.length > MAX_FIELD_NAMES_PER_FILTER) {
      return `filterGroup[${g}] uses ${fieldNames.length} field names; a filter can use at most ${MAX_FIELD_NAMES_PER_FILTER}`;
    }
    total += expandedCount(group.filters);
  }
  if (total > MAX_FILTERS_PER_GROUP) {
    return `filterGroup has ${total} filters (an "in" counts once per value); at most ${MAX_FILTERS_PER_GROUP} are allowed`;
  }
  return null;
}
