/**
 * Checks an untrusted filter object (from a resolver's extensions.setSubscriptionFilter or
 * setSubscriptionInvalidationFilter) against the shape, operator set and limits AppSync
 * documents. Returns the typed filter or the first problem found.
 */
import {
  FILTER_LIMITS,
  FILTER_OPERATORS,
  type FilterConjunction,
  type FilterOperator,
  type FilterRule,
  type FilterScalar,
  type SubscriptionFilter,
} from './filter-types';

export type FilterParseResult = { ok: true; filter: SubscriptionFilter } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOperator(value: unknown): value is FilterOperator {
  return typeof value === 'string' && (FILTER_OPERATORS as readonly string[]).includes(value);
}

function checkScalar(value: unknown, allowed: ReadonlyArray<'string' | 'number' | 'boolean' | 'null'>): string | null {
  const kind = value === null ? 'null' : typeof value;
  if (!(allowed as readonly string[]).includes(kind)) return `value must be one of: ${allowed.join(', ')}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'value must be a finite number';
  if (typeof value === 'string' && value.length > FILTER_LIMITS.maxStringLength) {
    return `string values are limited to ${FILTER_LIMITS.maxStringLength} characters`;
  }
  return null;
}

function checkArray(value: unknown, max: number, allowed: ReadonlyArray<'string' | 'number'>): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'value must be a non-empty array';
  if (value.length > max) return `value is limited to ${max} elements`;
  for (const element of value) {
    const problem = checkScalar(element, allowed);
    if (problem) return problem;
  }
  return null;
}

/** Returns why `value` does not suit `operator`, or null when it does. */
function checkValue(operator: FilterOperator, value: unknown): string | null {
  switch (operator) {
    case 'eq':
    case 'ne':
      return checkScalar(value, ['string', 'number', 'boolean', 'null']);
    case 'le':
    case 'lt':
    case 'ge':
    case 'gt':
      return checkScalar(value, ['string', 'number']);
    case 'contains':
    case 'notContains':
      return checkScalar(value, ['string', 'number', 'boolean']);
    case 'beginsWith':
      return checkScalar(value, ['string']);
    case 'in':
    case 'notIn':
      return checkArray(value, FILTER_LIMITS.maxInValues, ['string', 'number']);
    case 'containsAny':
      return checkArray(value, FILTER_LIMITS.maxContainsAnyValues, ['string', 'number']);
    case 'between': {
      const problem = checkArray(value, 2, ['string', 'number']);
      if (problem) return problem;
      const pair = value as FilterScalar[];
      if (pair.length !== 2 || typeof pair[0] !== typeof pair[1]) return 'value must be a pair of the same type';
      return null;
    }
  }
}

function parseRule(raw: unknown, where: string): FilterRule | string {
  if (!isRecord(raw)) return `${where} must be an object`;
  const { fieldName, operator, value } = raw;
  if (typeof fieldName !== 'string' || fieldName === '' || fieldName.split('.').some((part) => part === '')) {
    return `${where}.fieldName must be a non-empty (dotted) field name`;
  }
  if (!isOperator(operator)) return `${where}.operator ${JSON.stringify(operator)} is not supported`;
  const problem = checkValue(operator, value);
  if (problem) return `${where} (${operator}): ${problem}`;
  return { fieldName, operator, value: value as FilterRule['value'] };
}

/** How many filters a conjunction counts for: each `in` rule expands into one filter per value. */
function filterCount(conjunction: FilterConjunction): number {
  return conjunction.filters.reduce(
    (count, rule) => (rule.operator === 'in' ? count * (rule.value as FilterScalar[]).length : count),
    1,
  );
}

export function parseSubscriptionFilter(raw: unknown): FilterParseResult {
  if (!isRecord(raw) || !Array.isArray(raw.filterGroup) || raw.filterGroup.length === 0) {
    return { ok: false, message: 'filterGroup must be a non-empty array' };
  }
  const filterGroup: FilterConjunction[] = [];
  for (const [groupIndex, rawGroup] of raw.filterGroup.entries()) {
    const where = `filterGroup[${groupIndex}]`;
    if (!isRecord(rawGroup) || !Array.isArray(rawGroup.filters) || rawGroup.filters.length === 0) {
      return { ok: false, message: `${where}.filters must be a non-empty array` };
    }
    const filters: FilterRule[] = [];
    for (const [ruleIndex, rawRule] of rawGroup.filters.entries()) {
      const rule = parseRule(rawRule, `${where}.filters[${ruleIndex}]`);
      if (typeof rule === 'string') return { ok: false, message: rule };
      filters.push(rule);
    }
    const fieldNames = new Set(filters.map((rule) => rule.fieldName));
    if (fieldNames.size > FILTER_LIMITS.maxFieldNamesPerConjunction) {
      return {
        ok: false,
        message: `${where} uses ${fieldNames.size} field names; the limit is ${FILTER_LIMITS.maxFieldNamesPerConjunction}`,
      };
    }
    filterGroup.push({ filters });
  }
  const total = filterGroup.reduce((sum, conjunction) => sum + filterCount(conjunction), 0);
  if (total > FILTER_LIMITS.maxFiltersPerGroup) {
    return {
      ok: false,
      message: `filterGroup counts ${total} filters; the limit is ${FILTER_LIMITS.maxFiltersPerGroup}`,
    };
  }
  return { ok: true, filter: { filterGroup } };
}
