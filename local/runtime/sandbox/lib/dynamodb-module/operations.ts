// `operations` of @aws-appsync/utils/dynamodb: markers placed in an update object that say how to
// change an attribute. Marker shapes are Verified-AWS (e.g. add(10) -> {type:"OPERATION_ADD", value:10}).
import { DEFAULT_INCREMENT_BY, OPERATION_REMOVE, OPERATION_UPDATE_LIST_ITEM } from '../aws-unverified';
import { isPlainObject } from '../values';

export const OPERATION_TYPES = {
  add: 'OPERATION_ADD',
  remove: OPERATION_REMOVE,
  replace: 'OPERATION_REPLACE',
  increment: 'OPERATION_INCREMENT',
  decrement: 'OPERATION_DECREMENT',
  append: 'OPERATION_APPEND',
  prepend: 'OPERATION_PREPEND',
  updateListItem: OPERATION_UPDATE_LIST_ITEM,
} as const;

export type OperationMarker =
  | { type: 'OPERATION_ADD' | 'OPERATION_REPLACE'; value: unknown }
  | { type: typeof OPERATION_REMOVE }
  | { type: 'OPERATION_INCREMENT' | 'OPERATION_DECREMENT'; by: number }
  | { type: 'OPERATION_APPEND' | 'OPERATION_PREPEND'; items: unknown[] }
  | { type: typeof OPERATION_UPDATE_LIST_ITEM; value: unknown; index: number };

const KNOWN_TYPES: string[] = Object.values(OPERATION_TYPES);

export function isOperationMarker(value: unknown): value is OperationMarker {
  return isPlainObject(value) && typeof value.type === 'string' && KNOWN_TYPES.includes(value.type);
}

export function createOperations() {
  return {
    add: (value: unknown): OperationMarker => ({ type: 'OPERATION_ADD', value }),
    remove: (): OperationMarker => ({ type: OPERATION_REMOVE }),
    replace: (value: unknown): OperationMarker => ({ type: 'OPERATION_REPLACE', value }),
    increment: (by?: number): OperationMarker => ({ type: 'OPERATION_INCREMENT', by: by ?? DEFAULT_INCREMENT_BY }),
    decrement: (by?: number): OperationMarker => ({ type: 'OPERATION_DECREMENT', by: by ?? DEFAULT_INCREMENT_BY }),
    append: (items: unknown[]): OperationMarker => ({ type: 'OPERATION_APPEND', items }),
    prepend: (items: unknown[]): OperationMarker => ({ type: 'OPERATION_PREPEND', items }),
    updateListItem: (value: unknown, index: number): OperationMarker => ({ type: OPERATION_UPDATE_LIST_ITEM, value, index }),
  };
}
