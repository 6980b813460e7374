/**
 * A child process for test/e2e/moderation-stop.test.ts: starts a twin with the stack's 7-day
 * decision timeout, leaves one report waiting for an Admin's decision, stops the twin and
 * returns. It must then exit by itself: nothing the twin started may keep it alive.
 */
import { startTwin } from '../../../local/twin';
import { cognitoSignIn, graphqlRequest } from './raw-clients';

async function main(): Promise<void> {
  const twin = await startTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  const alice = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'alice', 'Alice#Local1')).accessToken;
  const bob = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', 'Bob#Local1')).accessToken;
  const room = await graphqlRequest(twin.graphqlUrl, alice, 'mutation { createRoom(name: "open report") { id } }');
  const roomId = (room.body.data?.createRoom as { id: string }).id;
  await graphqlRequest(twin.graphqlUrl, bob, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: roomId });
  const sent = await graphqlRequest(twin.graphqlUrl, alice, 'mutation($r: ID!) { sendMessage(roomId: $r, content: "rude", clientMessageId: "c1") { id } }', { r: roomId });
  const messageId = (sent.body.data?.sendMessage as { id: string }).id;
  const report = await graphqlRequest(twin.graphqlUrl, bob, 'mutation($r: ID!, $m: ID!) { reportMessage(roomId: $r, messageId: $m, reason: "rude") { id } }', { r: roomId, m: messageId });
  if (report.body.errors) throw new Error(`reportMessage failed: ${JSON.stringify(report.body.errors)}`);
  // The workflow runs after reportMessage answers: wait until it waits for the decision.
  const deadline = Date.now() + 30_000;
  while (twin.stepFunctions.waitingTaskCount === 0) {
    if (Date.now() > deadline) throw new Error('the workflow never waited for a decision');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await twin.stop();
  process.stdout.write('stopped\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
