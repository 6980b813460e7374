/**
 * The ceilings: the least a server can do for the same clients. It answers sendMessage over HTTP
 * POST with the message and broadcasts one data frame, built once, to every socket subscribed to
 * the room, over the AppSync realtime protocol (connection_init/ack, start/start_ack, data) with
 * `ws`. No parsing of GraphQL, no auth, no validation, no filters.
 *   node --import tsx ceiling-server.ts                      bare `ws` broadcast
 *   node --import tsx ceiling-server.ts <endpoint> <table>   the same plus one DynamoDB PutItem per message, before the answer
 * Prints one JSON line {"port": n} on stdout once it listens on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';

const [endpoint, tableName] = process.argv.slice(2);
const dynamodb = endpoint ? createLocalDynamoDBClient(endpoint) : null;

/** Sockets per room, each with the subscription id it started. */
const subscribers = new Map<string, Map<WebSocket, string>>();

async function sendMessage(variables: { r: string; c: string; k: string }, senderId: string): Promise<Record<string, unknown>> {
  const message = { roomId: variables.r, id: randomUUID(), senderId, sender: senderId, content: variables.c, createdAt: new Date().toISOString() };
  if (dynamodb) {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          PK: { S: `ROOM#${message.roomId}` },
          SK: { S: `MSG#${message.id}` },
          ...Object.fromEntries(Object.entries(message).map(([k, v]) => [k, { S: v }])),
        },
      }),
    );
  }
  const room = subscribers.get(message.roomId);
  if (room) {
    // The payload is serialised once; only the subscription id differs per socket.
    const payload = JSON.stringify({ data: { onNewMessage: message } });
    for (const [socket, id] of room) socket.send(`{"type":"data","id":${JSON.stringify(id)},"payload":${payload}}`);
  }
  return message;
}

const server = http.createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    const { variables } = JSON.parse(body) as { variables: { r: string; c: string; k: string } };
    sendMessage(variables, 'ceiling').then(
      (message) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { sendMessage: message } }));
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      },
    );
  });
});

const sockets = new WebSocketServer({ server, path: '/graphql/realtime', handleProtocols: () => 'graphql-ws' });
sockets.on('connection', (socket) => {
  const started: Array<[string, string]> = [];
  socket.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as { type: string; id?: string; payload?: { data: string } };
    if (frame.type === 'connection_init') {
      socket.send(JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } }));
    } else if (frame.type === 'start' && frame.id && frame.payload) {
      const roomId = (JSON.parse(frame.payload.data) as { variables: { roomId: string } }).variables.roomId;
      if (!subscribers.has(roomId)) subscribers.set(roomId, new Map());
      subscribers.get(roomId)?.set(socket, frame.id);
      started.push([roomId, frame.id]);
      socket.send(JSON.stringify({ type: 'start_ack', id: frame.id }));
    }
  });
  socket.on('close', () => {
    for (const [roomId] of started) subscribers.get(roomId)?.delete(socket);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  sockets.close();
  server.close();
  dynamodb?.destroy();
  process.exit(0);
});
