/**
 * The README's sign-in-and-chat script: the real aws-amplify v6 client under Node against a
 * running twin (`npm start` in another terminal).
 *
 *   NODE_EXTRA_CA_CERTS=.data/tls/ca.pem npx tsx scripts/twin-demo.ts
 *
 * It configures Amplify from amplify_outputs.json plus the twin's userPoolEndpoint, signs in as
 * a seeded user, creates a room, subscribes to onNewMessage, sends a message, prints what
 * arrives and exits 0. Environment: TWIN_OUTPUTS (default ./amplify_outputs.json), TWIN_USER /
 * TWIN_PASSWORD (default alice), TWIN_CA (default .data/tls/ca.pem when NODE_EXTRA_CA_CERTS is
 * not set).
 */
import { existsSync, readFileSync } from 'node:fs';
import WS from 'ws';
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { signIn, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';

const outputsPath = process.env.TWIN_OUTPUTS ?? 'amplify_outputs.json';
const username = process.env.TWIN_USER ?? 'alice';
const password = process.env.TWIN_PASSWORD ?? 'Alice#Local1';
const caPath = process.env.TWIN_CA ?? '.data/tls/ca.pem';

const ACK_TIMEOUT_MS = 15000;
const MESSAGE_FIELDS = 'roomId id senderId sender content createdAt editedAt deleted';
const createRoom = 'mutation CreateRoom($name: String!) { createRoom(name: $name) { id name createdBy createdAt } }';
// A sendMessage must select every field subscribers read: AppSync sends them only those.
const sendMessage = `mutation SendMessage($roomId: ID!, $content: String!, $clientMessageId: String!) {
  sendMessage(roomId: $roomId, content: $content, clientMessageId: $clientMessageId) { ${MESSAGE_FIELDS} } }`;
const onNewMessage = `subscription OnNewMessage($roomId: ID!) { onNewMessage(roomId: $roomId) { ${MESSAGE_FIELDS} } }`;

/** What client.graphql returns for a subscription (its type depends on codegen'd documents). */
interface Subscribable {
  subscribe(observer: { next(event: unknown): void; error(error: unknown): void }): { unsubscribe(): void };
}

function installWebSocket(): void {
  // Node 20 has no global WebSocket; Amplify dials wss:// with whatever is global.
  const ca = !process.env.NODE_EXTRA_CA_CERTS && existsSync(caPath) ? readFileSync(caPath, 'utf8') : undefined;
  class NodeWebSocket extends WS {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, ca ? { ca } : {});
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
}

async function main(): Promise<void> {
  installWebSocket();
  const outputs = JSON.parse(readFileSync(outputsPath, 'utf8')) as { data: { url: string } };
  Amplify.configure(outputs);
  const config = Amplify.getConfig();
  // amplify_outputs.json has no key for a custom user-pool endpoint: the twin serves Cognito on
  // its own origin.
  const userPoolEndpoint = process.env.TWIN_USER_POOL_ENDPOINT ?? `${new URL(outputs.data.url).origin}/`;
  const cognito = { ...config.Auth?.Cognito, userPoolEndpoint } as { userPoolId: string; userPoolClientId: string; userPoolEndpoint: string };
  Amplify.configure({ ...config, Auth: { Cognito: cognito } });

  const signedIn = await signIn({ username, password });
  console.log(`signed in as ${username}:`, signedIn.nextStep.signInStep);
  const client = generateClient();

  const room = (await client.graphql({ query: createRoom, variables: { name: `demo ${new Date().toISOString()}` } })) as {
    data: { createRoom: { id: string; name: string } };
  };
  const roomId = room.data.createRoom.id;
  console.log('created room', room.data.createRoom);

  const received = new Promise<unknown>((resolve, reject) => {
    const subscription = (client.graphql({ query: onNewMessage, variables: { roomId } }) as unknown as Subscribable).subscribe({
      next: (event: unknown) => {
        subscription.unsubscribe();
        resolve(event);
      },
      error: reject,
    });
  });
  // Send only once AppSync acknowledged the subscription (start_ack), or the event is missed.
  await new Promise<void>((resolve, reject) => {
    // Amplify retries a failed wss:// connection silently; say why it most likely failed.
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no subscription ack within ${ACK_TIMEOUT_MS / 1000} s: is the twin running, and does NODE_EXTRA_CA_CERTS point at its .data/tls/ca.pem?`));
    }, ACK_TIMEOUT_MS);
    const stop = Hub.listen('api', ({ payload }) => {
      if (payload.event === 'Subscription ack') {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  });

  const sent = (await client.graphql({ query: sendMessage, variables: { roomId, content: 'Hello from the twin demo', clientMessageId: `demo-${Date.now()}` } })) as {
    data: { sendMessage: { id: string } };
  };
  console.log('sent message', sent.data.sendMessage.id);
  console.log('subscription received:', JSON.stringify(await received, null, 2));
  await signOut();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('demo failed:', error instanceof Error ? error.message : JSON.stringify(error));
    process.exit(1);
  },
);
