/**
 * What AppSync tells a resolver about the selection (ctx.info.selectionSetList and
 * selectionSetGraphQL), and the mutation result cut down to what the mutation selected (what
 * subscribers receive).
 */
import { Kind, print, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export type Fragments = Record<string, FragmentDefinitionNode>;

/** Every selected field of the current type and below, by alias, nested as 'a/b'. */
export function selectionSetList(selectionSet: SelectionSetNode | undefined, fragments: Fragments, prefix = ''): string[] {
  const list: string[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      const key = `${prefix}${selection.alias?.value ?? selection.name.value}`;
      if (!list.includes(key)) list.push(key);
      for (const nested of selectionSetList(selection.selectionSet, fragments, `${key}/`)) {
        if (!list.includes(nested)) list.push(nested);
      }
    } else {
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
      for (const key of selectionSetList(inner, fragments, prefix)) if (!list.includes(key)) list.push(key);
    }
  }
  return list;
}

/** The selection set as GraphQL text, followed by the fragments it uses (AppSync keeps them unmerged). */
export function selectionSetGraphQL(selectionSet: SelectionSetNode | undefined, fragments: Fragments): string {
  if (!selectionSet) return '';
  const used = new Set<string>();
  const collect = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        if (used.has(s.name.value)) continue;
        used.add(s.name.value);
        collect(fragments[s.name.value]?.selectionSet);
      } else {
        collect(s.selectionSet);
      }
    }
  };
  collect(selectionSet);
  return [print(selectionSet), ...[...used].flatMap((n) => (fragments[n] ? [print(fragments[n])] : []))].join('\n\n');
}

/**
 * A response value keyed by field name instead of alias, keeping only selected fields: the
 * shape subscribers see (they select by field name).
 */
export function byFieldName(selectionSet: SelectionSetNode | undefined, value: unknown, fragments: Fragments): unknown {
  if (!selectionSet || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => byFieldName(selectionSet, item, fragments));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        if (key in source) out[s.name.value] = byFieldName(s.selectionSet, source[key], fragments);
      } else {
        walk(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments[s.name.value]?.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return out;
}
