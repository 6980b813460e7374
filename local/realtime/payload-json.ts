/**
 * A data payload's JSON and its size, computed once per payload object. The hub hands the same
 * payload object to every subscriber with the same selection, so a publish to a thousand
 * subscribers serialises each distinct selection once instead of once per subscriber.
 */
import type { DataPayload } from './hub';

export interface SerializedPayload {
  json: string;
  bytes: number;
}

const serialized = new WeakMap<DataPayload, SerializedPayload>();

export function serializePayload(payload: DataPayload): SerializedPayload {
  let known = serialized.get(payload);
  if (known === undefined) {
    const json = JSON.stringify(payload);
    known = { json, bytes: Buffer.byteLength(json, 'utf8') };
    serialized.set(payload, known);
  }
  return known;
}
