/**
 * `npm run -s subscribe -- <roomId> <token>`: subscribes to onNewMessage(roomId) over AppSync's
 * realtime protocol (the `graphql-ws` + `header-<base64url>` subprotocols, connection_init,
 * start) and prints each new message as one JSON line until Ctrl-C. Says "subscribed" on
 * stderr once the subscription is live (start_ack): messages sent before that are not seen.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { readApiOutputs } from './api-outputs';

const QUERY = 'subscription OnNewMessage($roomId: ID!) { onNewMessage(roomId: $roomId) { id sender content createdAt } }';

interface Frame {
  type: string;
  id?: string;
  payload?: { data?: { onNewMessage?: unknown }; errors?: unknown };
}

function main([roomId, token]: string[]): void {
  if (!roomId || !token) throw new Error('usage: npm run -s subscribe -- <roomId> <token>');
  const api = readApiOutputs();
  const authorization = { host: new URL(api.graphqlUrl).host, Authorization: token };
  const header = Buffer.from(JSON.stringify(authorization)).toString('base64url');
  const socket = new WebSocket(api.realtimeUrl, ['graphql-ws', `header-${header}`]);
  const id = randomUUID();
  const stop = () => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'stop', id }));
    socket.close(1000);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
  socket.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as Frame;
    switch (frame.type) {
      case 'connection_ack':
        socket.send(JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify({ query: QUERY, variables: { roomId } }), extensions: { authorization } } }));
        break;
      case 'start_ack':
        process.stderr.write(`subscribed to onNewMessage(roomId: "${roomId}") (Ctrl-C stops)\n`);
        break;
      case 'data':
        process.stdout.write(`${JSON.stringify(frame.payload?.data?.onNewMessage)}\n`);
        break;
      case 'error':
      case 'connection_error':
        process.stderr.write(`subscribe: ${JSON.stringify(frame.payload?.errors)}\n`);
        process.exitCode = 1;
        socket.close(1000);
        break;
    }
  });
  socket.on('error', (error) => {
    process.stderr.write(`subscribe: ${error.message}\n`);
    process.exitCode = 1;
  });
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`subscribe: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
