/**
 * A load-generator process holding subscriber sockets: each socket connects over the AppSync
 * realtime protocol (`graphql-ws`, the authorization in the `?header=` query, as AppSync's older
 * clients and the Amplify simulator use it), sends connection_init, then one `start` of
 * onNewMessage(roomId), and records every data frame with its arrival time. Driven over IPC by
 * the orchestrator (bench/e2e.ts); see protocol.ts for the commands.
 */
import WebSocket from 'ws';
import { monotonicMs } from './clock';
import { parseMessageContent } from './message-content';
import { ON_NEW_MESSAGE, type Endpoint, type SocketPlan, type SubscriberCommand, type SubscriberReply, type SubscriptionRecord } from './protocol';

const HANDSHAKE_TIMEOUT_MS = 30_000;
const CONTENT_KEY = '"content":"';

/** A data frame's message content, whatever the order of the frame's keys; null for other frames. */
function dataContent(text: string): string | null {
  if (!text.includes('"type":"data"')) return null;
  const start = text.indexOf(CONTENT_KEY);
  if (start < 0) return null;
  const from = start + CONTENT_KEY.length;
  return text.slice(from, text.indexOf('"', from));
}

type Frame = { type: string; id?: string };

interface LiveSocket {
  socket: WebSocket;
  record: SubscriptionRecord;
  closed: boolean;
}

const sockets: LiveSocket[] = [];
let received = 0;

function reply(message: SubscriberReply): void {
  process.send?.(message);
}

/** Opens one socket and subscribes it; resolves on start_ack, rejects on anything else. */
function openSubscribed(endpoint: Endpoint, plan: SocketPlan): Promise<LiveSocket> {
  const host = new URL(endpoint.graphqlUrl).host;
  const header = Buffer.from(JSON.stringify({ host, Authorization: plan.token })).toString('base64');
  const url = `${endpoint.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`;
  const socket = new WebSocket(url, ['graphql-ws']);
  const live: LiveSocket = { socket, closed: false, record: { subscriptionId: plan.subscriptionId, roomId: plan.roomId, clientMessageIds: [], latenciesMs: [] } };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no start_ack within ${HANDSHAKE_TIMEOUT_MS} ms`)), HANDSHAKE_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    };
    socket.once('error', fail);
    socket.once('close', () => {
      live.closed = true;
      fail(new Error('closed during the handshake'));
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const at = monotonicMs();
      const text = String(raw);
      // Fast path for data frames (the bulk): the content is all this socket needs, and its one
      // subscription is known, so the frame is not parsed whole. Content is `<id>|<ms>`, no escapes.
      const content = dataContent(text);
      if (content !== null) {
        const { clientMessageId, sentAtMs } = parseMessageContent(content);
        live.record.clientMessageIds.push(clientMessageId);
        live.record.latenciesMs.push(at - sentAtMs);
        received++;
        return;
      }
      const frame = JSON.parse(text) as Frame;
      if (frame.type === 'connection_ack') {
        const payload = { data: JSON.stringify({ query: ON_NEW_MESSAGE, variables: { roomId: plan.roomId } }), extensions: { authorization: { Authorization: plan.token, host } } };
        socket.send(JSON.stringify({ id: plan.subscriptionId, type: 'start', payload }));
      } else if (frame.type === 'start_ack') {
        clearTimeout(timer);
        socket.removeAllListeners('close');
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        socket.once('close', () => (live.closed = true));
        resolve(live);
      } else if (frame.type === 'error' || frame.type === 'connection_error') {
        fail(new Error(`answered ${JSON.stringify(frame).slice(0, 300)}`));
      }
    });
  });
}

async function connectAll(endpoint: Endpoint, plans: SocketPlan[], width: number): Promise<void> {
  const started = monotonicMs();
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const plan = plans[next++] as SocketPlan;
      try {
        sockets.push(await openSubscribed(endpoint, plan));
      } catch (error) {
        failures.push(`${plan.subscriptionId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, plans.length) }, worker));
  reply({ type: 'connected', ms: monotonicMs() - started, failures });
}

process.on('message', (command: SubscriberCommand) => {
  switch (command.type) {
    case 'connect':
      void connectAll(command.endpoint, command.sockets, command.width);
      return;
    case 'count':
      reply({ type: 'count', received, closedSockets: sockets.filter((s) => s.closed).length });
      return;
    case 'collect': {
      // Hands over what was seen and starts afresh for the next run.
      const subscriptions = sockets.map((s) => ({ ...s.record }));
      for (const s of sockets) s.record = { ...s.record, clientMessageIds: [], latenciesMs: [] };
      received = 0;
      reply({ type: 'collected', subscriptions });
      return;
    }
    case 'close':
      for (const s of sockets) s.socket.terminate();
      reply({ type: 'closed' });
      process.disconnect?.();
      return;
  }
});

// The orchestrator gone: nothing more to do.
process.once('disconnect', () => process.exit(0));
