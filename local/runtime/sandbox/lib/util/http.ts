// util.http: copying request headers and adding custom response headers, with AppSync's rules:
// no reserved AWS/AppSync names, no x-amzn-/x-amz- prefixes, at most 4 KB of custom headers (names
// and values), and a header set twice keeps its last value.
import type { EvaluationRecord } from '../../contract';
import { RESPONSE_HEADER_ERROR_TYPE } from '../aws-unverified';
import { errorSignal } from '../signals';
import { isPlainObject } from '../values';
import { utf8Bytes } from './utf8';

/** Headers copyHeaders leaves out: connection-level and AWS-controlled ones. */
export const RESTRICTED_REQUEST_HEADERS = [
  'authorization', 'host', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'keep-alive',
  'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'expect', 'cookie', 'x-api-key',
];

/** Response header names AppSync sets itself; resolvers may not set them. */
export const RESERVED_RESPONSE_HEADERS = [
  'content-type', 'content-length', 'content-encoding', 'date', 'connection', 'transfer-encoding', 'server', 'via',
  'set-cookie', 'vary', 'etag', 'access-control-allow-origin', 'access-control-allow-headers',
  'access-control-allow-methods', 'access-control-expose-headers', 'access-control-max-age',
  'access-control-allow-credentials', 'strict-transport-security', 'x-cache', 'x-amz-cf-id', 'x-amz-cf-pop',
];
const RESERVED_PREFIXES = ['x-amzn-', 'x-amz-'];
export const MAX_CUSTOM_HEADER_BYTES = 4096;

function headerValueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? 'null';
}

function isRestrictedRequestHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESTRICTED_REQUEST_HEADERS.includes(lower) || RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

export function createHttpUtils(currentRecord: () => EvaluationRecord) {
  const reject = (message: string): never => {
    throw errorSignal(message, RESPONSE_HEADER_ERROR_TYPE, null, null);
  };
  const addResponseHeader = (name: string, value: unknown): void => {
    if (typeof name !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) reject(`Invalid response header name: ${name}`);
    const lower = name.toLowerCase();
    if (RESERVED_RESPONSE_HEADERS.includes(lower) || RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      reject(`Response header '${name}' is reserved and cannot be set`);
    }
    const record = currentRecord();
    // Last definition wins; header names compare case-insensitively.
    const next: Record<string, string> = {};
    for (const existing of Object.keys(record.responseHeaders)) {
      if (existing.toLowerCase() !== lower) next[existing] = record.responseHeaders[existing];
    }
    next[name] = headerValueText(value);
    const size = Object.keys(next).reduce((total, key) => total + utf8Bytes(key).length + utf8Bytes(next[key]).length, 0);
    if (size > MAX_CUSTOM_HEADER_BYTES) reject(`Custom response headers exceed ${MAX_CUSTOM_HEADER_BYTES} bytes`);
    record.responseHeaders = next;
  };
  return {
    copyHeaders(headers: unknown): Record<string, unknown> {
      const copy: Record<string, unknown> = {};
      if (!isPlainObject(headers)) return copy;
      for (const name of Object.keys(headers)) if (!isRestrictedRequestHeader(name)) copy[name] = headers[name];
      return copy;
    },
    addResponseHeader,
    addResponseHeaders(headers: Record<string, unknown>): void {
      if (!isPlainObject(headers)) return;
      for (const name of Object.keys(headers)) addResponseHeader(name, headers[name]);
    },
  };
}
