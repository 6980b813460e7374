/**
 * A load-generator process of "chatter" users, as the chat page behaves in a room: each chatter
 * holds ONE realtime socket with two subscriptions (onTyping and onPresence of the room) and
 * sends setTyping and heartbeat over HTTP keep-alive at the periods of the level, each chatter
 * offset within the period so the load is even. Counts calls sent / accepted / refused (by
 * errorType) and the typing and presence frames received. Driven over IPC by bench/side-traffic.ts.
 */
import http from 'node:http';
import WebSocket from 'ws';
import { monotonicMs } from '../e2e/clock';
import type { Endpoint } from '../e2e/protocol';
import { chatterOffsetMs, dueAtMs } from './plan';
import { HEARTBEAT, ON_PRESENCE, ON_TYPING, SET_TYPING, type CallCounts, type ChatterCommand, type ChatterPlan, type ChatterReply, type ChatterStats } from './protocol';

const HANDSHAKE_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** A call started this much after its due time counts as late (the generator fell behind). */
const LATE_MS = 50;

interface Chatter {
  plan: ChatterPlan;
  socket: WebSocket;
}

let endpoint: Endpoint | null = null;
let roomId = '';
const chatters: Chatter[] = [];
let agent: http.Agent | null = null;

let stats: ChatterStats = emptyStats();
let startedAt = 0;
/** The pending timer of each chatter's stream of calls, by stream. */
const timers = new Map<string, NodeJS.Timeout>();
const inFlight = new Set<Promise<void>>();
/** The streams with a call still open. */
const openStreams = new Set<string>();
/** Each stream's last answer time, for limitRefusalShiftsMs. */
const lastLatencyMs = new Map<string, number>();

function emptyCounts(): CallCounts {
  return { sent: 0, accepted: 0, refused: {} };
}

function emptyStats(): ChatterStats {
  return { windowMs: 0, typing: emptyCounts(), heartbeat: emptyCounts(), typingFrames: 0, presenceFrames: 0, ownTypingFrames: 0, lateCalls: 0, skippedCalls: 0, limitRefusalShiftsMs: [] };
}

function reply(message: ChatterReply): void {
  process.send?.(message);
}

function typingId(k: number): string {
  return `typing-${k}`;
}

function presenceId(k: number): string {
  return `presence-${k}`;
}

/** One socket, two starts; resolves once both are acknowledged. */
function openChatter(at: Endpoint, plan: ChatterPlan, k: number): Promise<Chatter> {
  const host = new URL(at.graphqlUrl).host;
  const header = Buffer.from(JSON.stringify({ host, Authorization: plan.token })).toString('base64');
  const socket = new WebSocket(`${at.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws']);
  let acks = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no start_ack within ${HANDSHAKE_TIMEOUT_MS} ms`)), HANDSHAKE_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    };
    socket.once('error', fail);
    socket.once('close', () => fail(new Error('closed during the handshake')));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { type: string; id?: string; payload?: { data?: { onTyping?: { userId: string } } } };
      if (frame.type === 'data') {
        if (frame.id === typingId(k)) {
          stats.typingFrames++;
          if (frame.payload?.data?.onTyping?.userId === plan.userId) stats.ownTypingFrames++;
        } else if (frame.id === presenceId(k)) stats.presenceFrames++;
      } else if (frame.type === 'connection_ack') {
        const authorization = { Authorization: plan.token, host };
        for (const [id, query] of [
          [typingId(k), ON_TYPING],
          [presenceId(k), ON_PRESENCE],
        ] as const) {
          socket.send(JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify({ query, variables: { roomId } }), extensions: { authorization } } }));
        }
      } else if (frame.type === 'start_ack') {
        if (++acks < 2) return;
        clearTimeout(timer);
        socket.removeAllListeners('close');
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        resolve({ plan, socket });
      } else if (frame.type === 'error' || frame.type === 'connection_error') {
        fail(new Error(`answered ${JSON.stringify(frame).slice(0, 300)}`));
      }
    });
  });
}

async function connectAll(at: Endpoint, plans: ChatterPlan[], width: number): Promise<void> {
  const started = monotonicMs();
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const k = next++;
      try {
        chatters.push(await openChatter(at, plans[k] as ChatterPlan, k));
      } catch (error) {
        failures.push(`chatter ${k}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, plans.length) }, worker));
  reply({ type: 'connected', ms: monotonicMs() - started, failures });
}

/** The errorType of a refused answer, or what else went wrong; null when accepted. */
function refusalOf(status: number, text: string): string | null {
  try {
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: Array<{ errorType?: string }> };
    if (status === 200 && !body.errors?.length && body.data && Object.values(body.data)[0]) return null;
    return body.errors?.[0]?.errorType ?? `http ${status}`;
  } catch {
    return `http ${status}`;
  }
}

function call(stream: string, counts: CallCounts, token: string, query: string): Promise<void> {
  const url = new URL((endpoint as Endpoint).graphqlUrl);
  const body = JSON.stringify({ query, variables: { r: roomId } });
  counts.sent++;
  const sentAt = monotonicMs();
  const refuse = (reason: string): void => void (counts.refused[reason] = (counts.refused[reason] ?? 0) + 1);
  return new Promise<void>((resolve) => {
    const request = http.request(
      url,
      { method: 'POST', agent: agent as http.Agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: token }, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const refusal = refusalOf(response.statusCode ?? 0, text);
          const latency = monotonicMs() - sentAt;
          const previous = lastLatencyMs.get(stream);
          if (refusal === 'LimitExceeded' && previous !== undefined) stats.limitRefusalShiftsMs.push(previous - latency);
          lastLatencyMs.set(stream, latency);
          if (refusal === null) counts.accepted++;
          else refuse(refusal);
          resolve();
        });
        response.on('error', () => (refuse('network'), resolve()));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', () => (refuse('network'), resolve()));
    request.end(body);
  });
}

/** Schedules call n of one chatter at its absolute due time (no drift from late timers). */
function schedule(stream: string, counts: CallCounts, token: string, query: string, offsetMs: number, periodMs: number, n: number): void {
  const due = dueAtMs(startedAt, offsetMs, periodMs, n);
  const timer = setTimeout(() => {
    if (monotonicMs() - due > LATE_MS) stats.lateCalls++;
    // As a page on a server that is not answering, a stream does not pile up calls: one open at a
    // time, a call due meanwhile is skipped (and counted), so the backlog stays bounded.
    if (openStreams.has(stream)) stats.skippedCalls++;
    else {
      openStreams.add(stream);
      const pending = call(stream, counts, token, query).finally(() => {
        inFlight.delete(pending);
        openStreams.delete(stream);
      });
      inFlight.add(pending);
    }
    schedule(stream, counts, token, query, offsetMs, periodMs, n + 1);
  }, Math.max(0, due - monotonicMs()));
  timers.set(stream, timer);
}

function start(typingMs: number, heartbeatMs: number): void {
  stats = emptyStats();
  lastLatencyMs.clear();
  startedAt = monotonicMs();
  // A connection per stream, as each page has its own: no call waits in the agent's queue.
  agent = new http.Agent({ keepAlive: true, maxSockets: 2 * chatters.length });
  chatters.forEach(({ plan }, k) => {
    schedule(`t${k}`, stats.typing, plan.token, SET_TYPING, chatterOffsetMs(k, chatters.length, typingMs), typingMs, 0);
    schedule(`h${k}`, stats.heartbeat, plan.token, HEARTBEAT, chatterOffsetMs(k, chatters.length, heartbeatMs), heartbeatMs, 0);
  });
}

async function stop(): Promise<ChatterStats> {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  // The window is the stretch calls were sent in; the answers still open are awaited and counted.
  const windowMs = monotonicMs() - startedAt;
  await Promise.all([...inFlight]);
  agent?.destroy();
  agent = null;
  const result = { ...stats, windowMs };
  stats = emptyStats();
  return result;
}

process.on('message', (command: ChatterCommand) => {
  switch (command.type) {
    case 'connect':
      endpoint = command.endpoint;
      roomId = command.roomId;
      void connectAll(command.endpoint, command.chatters, command.width);
      return;
    case 'start':
      start(command.typingMs, command.heartbeatMs);
      reply({ type: 'started' });
      return;
    case 'stop':
      void stop().then((s) => reply({ type: 'stopped', stats: s }));
      return;
    case 'close':
      for (const c of chatters) c.socket.terminate();
      reply({ type: 'closed' });
      process.disconnect?.();
      return;
  }
});

// The orchestrator gone: nothing more to do.
process.once('disconnect', () => process.exit(0));
