// util.transform.toSubscriptionFilter(obj, ignoredFields?, rules?): a filter object to AppSync's
// {filterGroup: [{filters: [...]}, ...]} in disjunctive normal form. Groups are ORed, the
// filters inside a group ANDed. Several operators on one field are alternatives (ORed); `and`
// and `or` take arrays of filter objects and nest. Every rule is an alternative too: each group
// is copied once per rule, so at least one rule must hold.
import { IGNORED_FIELDS_AT_EVERY_LEVEL } from '../aws-unverified';
import { isPlainObject, type PlainObject } from '../values';

export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

export interface SubscriptionFilter {
  filterGroup: Array<{ filters: SubscriptionFilterEntry[] }>;
}

type Conjunction = SubscriptionFilterEntry[];

// Every conjunction of `left` combined with every conjunction of `right`.
function product(left: Conjunction[], right: Conjunction[]): Conjunction[] {
  const out: Conjunction[] = [];
  for (const a of left) for (const b of right) out.push([...a, ...b]);
  return out;
}

function branches(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function fieldAlternatives(fieldName: string, ops: unknown): Conjunction[] {
  if (!isPlainObject(ops)) throw new TypeError(`Invalid subscription filter for "${fieldName}": expected an object of operators`);
  return Object.keys(ops)
    .filter((operator) => ops[operator] !== undefined)
    .map((operator) => [{ fieldName, operator, value: ops[operator] }]);
}

function toDnf(obj: unknown, ignored: string[], topLevel: boolean): Conjunction[] {
  if (!isPlainObject(obj)) return [[]];
  let groups: Conjunction[] = [[]];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (key === 'and') {
      for (const branch of branches(value)) groups = product(groups, toDnf(branch, ignored, false));
    } else if (key === 'or') {
      const alternatives = branches(value).flatMap((branch) => toDnf(branch, ignored, false));
      groups = product(groups, alternatives);
    } else if ((topLevel || IGNORED_FIELDS_AT_EVERY_LEVEL) && ignored.includes(key)) {
      continue;
    } else {
      const alternatives = fieldAlternatives(key, value);
      if (alternatives.length > 0) groups = product(groups, alternatives);
    }
  }
  return groups;
}

export function toSubscriptionFilter(obj: PlainObject, ignoredFields?: string[] | null, rules?: PlainObject | null): SubscriptionFilter {
  let groups = toDnf(obj, Array.isArray(ignoredFields) ? ignoredFields : [], true);
  if (isPlainObject(rules)) {
    const ruleAlternatives = Object.keys(rules)
      .filter((field) => rules[field] !== undefined && rules[field] !== null)
      .flatMap((field) => fieldAlternatives(field, rules[field]));
    if (ruleAlternatives.length > 0) groups = product(groups, ruleAlternatives);
  }
  return { filterGroup: groups.filter((filters) => filters.length > 0).map((filters) => ({ filters })) };
}
