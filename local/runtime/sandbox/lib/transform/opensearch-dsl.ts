// util.transform.toElasticsearchQueryDSL: a filter object to an OpenSearch bool query (JSON
// string), shaped like the example in the @aws-appsync/utils documentation: the fields are ANDed
// under bool.must, each field's operators ANDed in their own bool.must.
import { isPlainObject, type PlainObject } from '../values';

type Query = PlainObject;

function operatorQuery(field: string, op: string, value: unknown): Query {
  switch (op) {
    case 'eq':
      return { term: { [field]: value } };
    case 'ne':
      return { bool: { must_not: { term: { [field]: value } } } };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { range: { [field]: { [op]: value } } };
    case 'range': {
      if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`"range" on "${field}" needs an array of two values`);
      return { range: { [field]: { gte: value[0], lte: value[1] } } };
    }
    case 'match':
      return { match: { [field]: value } };
    case 'matchPhrase':
      return { match_phrase: { [field]: value } };
    case 'matchPhrasePrefix':
      return { match_phrase_prefix: { [field]: value } };
    case 'multiMatch':
      return { multi_match: { query: value, fields: [field] } };
    case 'wildcard':
      return { wildcard: { [field]: value } };
    case 'regexp':
      return { regexp: { [field]: value } };
    case 'exists':
      return value ? { exists: { field } } : { bool: { must_not: { exists: { field } } } };
    default:
      throw new TypeError(`Unsupported OpenSearch operator "${op}" on "${field}"`);
  }
}

function objectQueries(obj: unknown): Query[] {
  if (!isPlainObject(obj)) return [];
  const out: Query[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (key === 'and' || key === 'or') {
      const parts = (Array.isArray(value) ? value : [value]).map((branch) => ({ bool: { must: objectQueries(branch) } }));
      out.push({ bool: { [key === 'and' ? 'must' : 'should']: parts } });
    } else if (key === 'not') {
      out.push({ bool: { must_not: { bool: { must: objectQueries(value) } } } });
    } else {
      if (!isPlainObject(value)) throw new TypeError(`Invalid query for "${key}": expected an object of operators`);
      const clauses = Object.keys(value).filter((op) => value[op] !== undefined).map((op) => operatorQuery(key, op, value[op]));
      out.push({ bool: { must: clauses } });
    }
  }
  return out;
}

export function toElasticsearchQueryDSL(obj: PlainObject): string {
  return JSON.stringify({ bool: { must: objectQueries(obj) } });
}
