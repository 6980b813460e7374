/**
 * Selection subsetting. AppSync sends a subscriber the fields of its own selection set, taken
 * from what the mutation selected; a field the mutation did not select arrives as null.
 */
import type { ProjectedSelection } from './backend';

/**
 * Sets an own, enumerable property. A plain assignment to "__proto__" (a legal alias) would set
 * the object's prototype instead, and the field would be missing from the frame.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Keeps only the fields `selection` names, keyed by field name (aliases do not matter here: the
 * result is the resolver's value). Fields absent from the value stay absent.
 */
export function restrictToSelection(value: unknown, selection: ProjectedSelection): unknown {
  if (Array.isArray(value)) return value.map((element) => restrictToSelection(element, selection));
  if (!isRecord(value)) return value;
  const restricted: Record<string, unknown> = {};
  for (const field of selection.fields) {
    if (!Object.hasOwn(value, field.fieldName)) continue;
    const fieldValue = value[field.fieldName];
    restricted[field.fieldName] = field.selection ? restrictToSelection(fieldValue, field.selection) : fieldValue;
  }
  return restricted;
}

/** Builds the subscriber's view of a (restricted) result: its selection set, by response key. */
export function projectForSubscriber(value: unknown, selection: ProjectedSelection): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((element) => projectForSubscriber(element, selection));
  if (!isRecord(value)) return value;
  const projected: Record<string, unknown> = {};
  for (const field of selection.fields) {
    if (field.fieldName === '__typename') {
      setOwn(projected, field.responseKey, selection.typeName);
      continue;
    }
    const fieldValue = Object.hasOwn(value, field.fieldName) ? value[field.fieldName] : null;
    setOwn(projected, field.responseKey, field.selection ? projectForSubscriber(fieldValue, field.selection) : (fieldValue ?? null));
  }
  return projected;
}
