// `--output text` as the AWS CLI writes it (awscli/text.py): dictionaries print their scalar
// values tab-separated in key order, then each non-scalar under its key in upper case; lists of
// dictionaries share one sorted set of scalar columns.
import { isDict, isScalar, pythonStr, sortedKeys } from './python-str';

function scalarKeysOf(list: Array<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const item of list) for (const [key, value] of Object.entries(item)) if (isScalar(value)) seen.add(key);
  return sortedKeys(seen);
}

function formatScalarList(elements: unknown[], identifier: string | undefined, out: string[]): void {
  if (identifier !== undefined) {
    for (const item of elements) out.push(`${identifier.toUpperCase()}\t${pythonStr(item)}\n`);
  } else {
    out.push(`${elements.map(pythonStr).join('\t')}\n`);
  }
}

function formatList(list: unknown[], identifier: string | undefined, out: string[]): void {
  if (list.length === 0) return;
  if (list.some(isDict)) {
    const keys = scalarKeysOf(list.filter(isDict));
    for (const element of list) format(element, out, identifier, keys);
  } else if (list.some(Array.isArray)) {
    const scalars = list.filter(isScalar);
    if (scalars.length > 0) formatScalarList(scalars, identifier, out);
    for (const element of list.filter((e) => !isScalar(e))) format(element, out, identifier);
  } else {
    formatScalarList(list, identifier, out);
  }
}

function formatDict(item: Record<string, unknown>, identifier: string | undefined, scalarKeys: string[] | undefined, out: string[]): void {
  const scalars: string[] = [];
  const nonScalars: Array<[string, unknown]> = [];
  if (scalarKeys === undefined) {
    for (const key of sortedKeys(Object.keys(item))) {
      if (isScalar(item[key])) scalars.push(pythonStr(item[key]));
      else nonScalars.push([key, item[key]]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(pythonStr(item[key]));
    for (const key of sortedKeys(Object.keys(item).filter((k) => !scalarKeys.includes(k)))) nonScalars.push([key, item[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nonScalars) format(value, out, key);
}

function format(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (isDict(item)) formatDict(item, identifier, scalarKeys, out);
  else if (Array.isArray(item)) formatList(item, identifier, out);
  else out.push(`${pythonStr(item)}\n`);
}

export function formatText(value: unknown): string {
  const out: string[] = [];
  format(value, out);
  return out.join('');
}
