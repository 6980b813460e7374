/**
 * A load-generator process of authenticated senders: sendMessage over HTTP POST (keep-alive),
 * in one of the patterns of protocol.ts, recording each send's start, answer and outcome. Driven
 * over IPC by the orchestrator (bench/e2e.ts).
 */
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { monotonicMs } from './clock';
import { messageContent } from './message-content';
import { SEND_MESSAGE, type LoadPattern, type SendRecord, type SenderCommand, type SenderPlan, type SenderReply } from './protocol';

/** A request that gets no answer in this time counts as failed (and so as not accepted). */
const REQUEST_TIMEOUT_MS = 30_000;

function post(agent: http.Agent, url: URL, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: token }, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

/** The answer's JSON; a body that is not JSON (a proxy's or a peer's plain-text error) is no data. */
function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** One sendMessage; never throws: a refusal or a broken request is an outcome. */
async function sendOne(agent: http.Agent, url: URL, sender: SenderPlan, seq: number): Promise<SendRecord> {
  const clientMessageId = `${sender.tag}-${seq}`;
  const roomId = sender.roomIds[seq % sender.roomIds.length] as string;
  const sentAtMs = monotonicMs();
  const body = JSON.stringify({ query: SEND_MESSAGE, variables: { r: roomId, c: messageContent(clientMessageId, sentAtMs), k: clientMessageId } });
  try {
    const { status, text } = await post(agent, url, sender.token, body);
    const ackAtMs = monotonicMs();
    const parsed = parseAnswer(text) as { data?: { sendMessage?: unknown } | null; errors?: unknown[] };
    if (status === 200 && !parsed.errors && parsed.data?.sendMessage) return { clientMessageId, roomId, sentAtMs, ackAtMs, status };
    return { clientMessageId, roomId, sentAtMs, ackAtMs: null, status, error: `${status} ${text.slice(0, 200)}` };
  } catch (error) {
    return { clientMessageId, roomId, sentAtMs, ackAtMs: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function run(command: SenderCommand): Promise<SenderReply> {
  const { pattern, senders } = command;
  const url = new URL(command.endpoint.graphqlUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: pattern.kind === 'burst' ? pattern.maxInFlight : senders.length });
  const sends: SendRecord[] = [];
  const startedAtMs = monotonicMs();
  const deadline = startedAtMs + pattern.durationMs;
  let skipped = 0;
  if (pattern.kind === 'saturation') {
    await Promise.all(
      senders.map(async (sender) => {
        for (let seq = 0; monotonicMs() < deadline; seq++) sends.push(await sendOne(agent, url, sender, seq));
      }),
    );
  } else {
    await openLoop(pattern, (n) => {
      const sender = senders[n % senders.length] as SenderPlan;
      return sendOne(agent, url, sender, Math.floor(n / senders.length)).then((record) => void sends.push(record));
    }, () => skipped++);
  }
  const endedAtMs = monotonicMs();
  agent.destroy();
  return { type: 'result', sends, startedAtMs, endedAtMs, skipped };
}

/**
 * Starts send n at startedAt + n / rate whether or not earlier ones were answered (an open loop,
 * as independent users are); in a burst, a send due while maxInFlight are open is skipped and
 * counted, so the generator itself stays bounded. The burst's cap is set far above what a server
 * runs at once, so that it is the server's overload policy (refuse, or queue) that is measured.
 */
async function openLoop(pattern: Exclude<LoadPattern, { kind: 'saturation' }>, send: (n: number) => Promise<void>, skip: () => void): Promise<void> {
  const startedAt = monotonicMs();
  const total = Math.round((pattern.ratePerSecond * pattern.durationMs) / 1000);
  const maxInFlight = pattern.kind === 'burst' ? pattern.maxInFlight : Number.POSITIVE_INFINITY;
  const open = new Set<Promise<void>>();
  for (let n = 0; n < total; n++) {
    const due = startedAt + (n * 1000) / pattern.ratePerSecond;
    const wait = due - monotonicMs();
    if (wait > 1) await delay(wait);
    if (open.size >= maxInFlight) {
      skip();
      continue;
    }
    const pending = send(n).finally(() => open.delete(pending));
    open.add(pending);
  }
  await Promise.all(open);
}

process.on('message', (command: SenderCommand) => {
  if (command.type !== 'run') return;
  void run(command).then((result) => process.send?.(result));
});

// The orchestrator gone: nothing more to do.
process.once('disconnect', () => process.exit(0));
