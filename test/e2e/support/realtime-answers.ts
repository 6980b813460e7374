/**
 * What AppSync's realtime endpoint may send (reference appsync-realtime-and-amplify.md §2.2):
 * text frames of JSON with a documented `type` and that type's shape, and nothing else; and the
 * close codes the twin documents (local/realtime/errors.ts closeReasons, README limits table).
 */
import { LEAKED_INTERNALS } from './appsync-response';
import type { ReceivedMessage } from './frame-socket';

export const DOCUMENTED_FRAME_TYPES = ['connection_ack', 'ka', 'start_ack', 'error', 'data', 'complete', 'connection_error'] as const;

/**
 * 1000 after connection_error and at the 24 h lifetime, 1001 at shutdown, 1008 for the outbound
 * buffer and connection_init timeout, 1009 (RFC 6455 "message too big") for a frame over the
 * incoming frame limit (closeReasons.frameTooLarge, sent by ws).
 */
export const DOCUMENTED_CLOSE_CODES = [1000, 1001, 1008, 1009];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorProblems(errors: unknown, where: string): string[] {
  const list = Array.isArray(errors) ? errors : [errors];
  if (list.length === 0) return [`${where} has no errors`];
  return list.flatMap((e, i) => {
    if (!isRecord(e) || typeof e.message !== 'string' || e.message === '' || (e.errorType !== undefined && typeof e.errorType !== 'string')) return [`${where}[${i}] is not {errorType?, message}: ${JSON.stringify(e)}`];
    // The twin's answer when preparing a start threw: a failure of its own, never a refusal.
    if (e.errorType === 'InternalFailure') return [`${where}[${i}] is an InternalFailure: ${e.message}`];
    return LEAKED_INTERNALS.test(e.message) ? [`${where}[${i}] leaks an internal failure: ${e.message.slice(0, 200)}`] : [];
  });
}

export function serverMessageProblems(message: ReceivedMessage): string[] {
  if (message.isBinary) return [`a binary frame: ${message.raw.slice(0, 100)}`];
  const frame = message.frame;
  if (!isRecord(frame)) return [`not a JSON object: ${message.raw.slice(0, 100)}`];
  const { type, id, payload } = frame;
  const hasId = typeof id === 'string' && id !== '';
  switch (type) {
    case 'connection_ack':
      return isRecord(payload) && typeof payload.connectionTimeoutMs === 'number' ? [] : ['connection_ack without payload.connectionTimeoutMs'];
    case 'ka':
      return [];
    case 'start_ack':
    case 'complete':
      return hasId ? [] : [`${type} without an id`];
    case 'data':
      return hasId && isRecord(payload) && isRecord(payload.data) ? [] : [`data frame without an id or payload.data: ${message.raw.slice(0, 200)}`];
    case 'error':
      return isRecord(payload) ? errorProblems(payload.errors, 'error payload.errors') : ['error frame without payload'];
    case 'connection_error':
      return isRecord(payload) && Array.isArray(payload.errors) ? errorProblems(payload.errors, 'connection_error payload.errors') : ['connection_error without payload.errors'];
    default:
      return [`frame type ${JSON.stringify(type)} is none of ${DOCUMENTED_FRAME_TYPES.join(', ')}: ${message.raw.slice(0, 200)}`];
  }
}
