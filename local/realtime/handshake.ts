/**
 * Reads what a realtime upgrade request carries: the offered subprotocols and the header object
 * with the connection's authorization, from (in this order) the `header-<base64url>`
 * subprotocol, the older `?header=<base64>&payload=e30=` query, or the plain upgrade headers.
 */
import type { IncomingMessage } from 'node:http';

export const GRAPHQL_WS_PROTOCOL = 'graphql-ws';
const HEADER_PROTOCOL_PREFIX = 'header-';

export type HeaderSource = 'subprotocol' | 'query' | 'headers';

export interface HandshakeInfo {
  offersGraphqlWs: boolean;
  header: Record<string, unknown>;
  headerSource: HeaderSource;
  sourceIp: string;
}

export function offeredProtocols(request: IncomingMessage): string[] {
  const raw = request.headers['sec-websocket-protocol'];
  if (typeof raw !== 'string') return [];
  return raw
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

/** Decodes base64 or base64url JSON into an object; {} when it is not one. */
function decodeHeaderObject(encoded: string): Record<string, unknown> {
  try {
    // Node's base64 decoder accepts both alphabets, with or without padding.
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Headers that belong to the WebSocket handshake itself, not to the caller's authorization. */
const HANDSHAKE_HEADERS = new Set(['connection', 'upgrade', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol']);

/** Names as AppSync's header object spells them; every other header keeps its lower-case name. */
const HEADER_OBJECT_NAMES: Record<string, string> = {
  authorization: 'Authorization',
  'x-amz-security-token': 'X-Amz-Security-Token',
};

/**
 * The upgrade request's own headers as a header object. All of them are kept (minus the
 * handshake's own) because an IAM signature may cover any of them.
 */
function headerFromRequestHeaders(request: IncomingMessage): Record<string, unknown> {
  const header: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (HANDSHAKE_HEADERS.has(name) || value === undefined) continue;
    header[HEADER_OBJECT_NAMES[name] ?? name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return header;
}

/** The request target as a URL; null when it cannot be parsed (it must never throw in an upgrade). */
export function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://realtime.invalid');
  } catch {
    return null;
  }
}

function sourceIpOf(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

export function readHandshake(request: IncomingMessage): HandshakeInfo {
  const protocols = offeredProtocols(request);
  const base = { offersGraphqlWs: protocols.includes(GRAPHQL_WS_PROTOCOL), sourceIp: sourceIpOf(request) };
  const headerProtocol = protocols.find((protocol) => protocol.startsWith(HEADER_PROTOCOL_PREFIX));
  if (headerProtocol !== undefined) {
    return { ...base, header: decodeHeaderObject(headerProtocol.slice(HEADER_PROTOCOL_PREFIX.length)), headerSource: 'subprotocol' };
  }
  const query = requestUrl(request)?.searchParams.get('header') ?? null;
  if (query !== null) {
    // URLSearchParams reads an unescaped '+' as a space; base64 has no spaces.
    return { ...base, header: decodeHeaderObject(query.replaceAll(' ', '+')), headerSource: 'query' };
  }
  return { ...base, header: headerFromRequestHeaders(request), headerSource: 'headers' };
}
