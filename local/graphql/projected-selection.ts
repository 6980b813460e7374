/**
 * A subscriber's selection set in the form the realtime hub projects results with: per object
 * type, the selected fields by response key and field name, fragments resolved.
 */
import { Kind, getNamedType, isObjectType, type GraphQLObjectType, type SelectionSetNode } from 'graphql';
import type { ProjectedSelection, SelectedField } from '../realtime/backend';
import type { Fragments } from './selection';

export function toProjectedSelection(type: GraphQLObjectType, selectionSet: SelectionSetNode | undefined, fragments: Fragments): ProjectedSelection {
  const fields: SelectedField[] = [];
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        const responseKey = s.alias?.value ?? s.name.value;
        if (fields.some((f) => f.responseKey === responseKey)) continue;
        const fieldType = s.name.value === '__typename' ? undefined : getNamedType(type.getFields()[s.name.value]?.type);
        const field: SelectedField = { responseKey, fieldName: s.name.value };
        if (fieldType && isObjectType(fieldType) && s.selectionSet) field.selection = toProjectedSelection(fieldType, s.selectionSet, fragments);
        fields.push(field);
      } else {
        walk(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments[s.name.value]?.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return { typeName: type.name, fields };
}
