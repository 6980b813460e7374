// SIGKILL in the middle of acknowledged sends, then a restart on the same data directory: no
// acknowledged message may be lost or stored twice. Each round starts the twin (a child process)
// on one data directory, lets 10 senders send, and once KILL_AFTER_ACKS answers have come back it
// kills the twin with SIGKILL while the other senders' requests are in flight. Even rounds kill
// the twin's process only (DynamoDB Local's watchdog then ends the JVM, local/dynamodb-local/
// start.ts); odd rounds SIGKILL the JVM at the same moment, a crash of both. After each restart
// the senders retry what got no answer with the same clientMessageId, as a client does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMembers, createRoom, inParallel, joinRoom, sendMessage, signIn, type LoadUser, type SendOutcome } from './support/load-clients';
import { readStoredMessages, type StoredMessage } from './support/stored-messages';
import { startTwinChild, type ChildExit, type TwinChild } from './support/twin-child';

const ROUNDS = 4;
const SENDERS = 10;
const ROOMS = 5;
/** Answers per round before the kill: enough that sends are steady, few enough to stay quick. */
const KILL_AFTER_ACKS = 300;

interface Send {
  round: number;
  roomId: string;
  clientMessageId: string;
  outcome: SendOutcome;
}

interface Round {
  exit: ChildExit;
  alsoDynamoDBLocal: boolean;
  inFlightAtKill: number;
  acknowledged: number;
  unanswered: number;
  /** Unanswered sends of the previous round found stored after the restart, before any retry. */
  unansweredFoundStored: number;
  unansweredStoredTwice: number;
}

let dataDir: string;
let twin: TwinChild | undefined;
let rooms: string[] = [];
const usernames = Array.from({ length: SENDERS }, (_, s) => `crash${s}`);
/** The answer each clientMessageId got last (a retry replaces a failed first attempt). */
const lastOutcome = new Map<string, Send>();
/** The id each clientMessageId was first acknowledged with. */
const acknowledgedId = new Map<string, string>();
const rounds: Round[] = [];
let retriesAcknowledged = 0;
let retriedWithOtherId = 0;
let finalStore = new Map<string, StoredMessage[]>();

function record(send: Send): void {
  lastOutcome.set(send.clientMessageId, send);
  if (!send.outcome.acknowledged) return;
  const first = acknowledgedId.get(send.clientMessageId);
  if (first === undefined) acknowledgedId.set(send.clientMessageId, send.outcome.id);
  else if (first !== send.outcome.id) retriedWithOtherId++;
}

/** Stored messages by clientMessageId. */
async function storedByClientMessageId(running: TwinChild): Promise<Map<string, StoredMessage[]>> {
  finalStore = await readStoredMessages(running.info.dynamodbEndpoint, running.info.tableName, rooms);
  const byId = new Map<string, StoredMessage[]>();
  for (const item of [...finalStore.values()].flat()) byId.set(item.clientMessageId, [...(byId.get(item.clientMessageId) ?? []), item]);
  return byId;
}

/** Sends from every sender until the kill; returns how many requests were open at the kill. */
async function sendUntilKilled(running: TwinChild, users: LoadUser[], round: number, alsoDynamoDBLocal: boolean): Promise<{ exit: ChildExit; inFlightAtKill: number }> {
  let answered = 0;
  let inFlight = 0;
  let inFlightAtKill = 0;
  let killing: Promise<ChildExit> | null = null;
  await Promise.all(
    users.map(async (user, s) => {
      for (let seq = 0; killing === null; seq++) {
        const roomId = rooms[(s + seq) % ROOMS] as string;
        const clientMessageId = `r${round}-s${s}-${seq}`;
        inFlight++;
        const outcome = await sendMessage(running.info, user, roomId, clientMessageId);
        inFlight--;
        record({ round, roomId, clientMessageId, outcome });
        if (!outcome.acknowledged) return;
        if (++answered === KILL_AFTER_ACKS) {
          inFlightAtKill = inFlight;
          killing = running.kill({ alsoDynamoDBLocal });
        }
      }
    }),
  );
  // Every sender stops only on a failed send, and only the kill makes sends fail.
  if (killing === null) throw new Error('the senders stopped before the kill');
  return { exit: await killing, inFlightAtKill };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'load-sigkill-'));
  for (let round = 0; round <= ROUNDS; round++) {
    const running = await startTwinChild(dataDir);
    twin = running;
    if (round === 0) {
      await createMembers(running.info, usernames);
    }
    // Tokens name the issuer with the port, which changes on every start: sign in again.
    const users = await signIn(running.info, usernames);
    if (round === 0) {
      const owner = users[0] as LoadUser;
      rooms = await inParallel(Array.from({ length: ROOMS }, (_, r) => r), ROOMS, (r) => createRoom(running.info, owner, `crash room ${r}`));
      await inParallel(users.slice(1).flatMap((user) => rooms.map((roomId): [LoadUser, string] => [user, roomId])), 8, ([user, roomId]) => joinRoom(running.info, user, roomId));
    }

    // What the last round left unanswered: stored at most once; retried, it is stored once.
    const unanswered = [...lastOutcome.values()].filter((send) => !send.outcome.acknowledged);
    if (round > 0) {
      const stored = await storedByClientMessageId(running);
      const previous = rounds[round - 1] as Round;
      previous.unansweredFoundStored = unanswered.filter((send) => stored.has(send.clientMessageId)).length;
      previous.unansweredStoredTwice = unanswered.filter((send) => (stored.get(send.clientMessageId)?.length ?? 0) > 1).length;
      const userOf = (clientMessageId: string): LoadUser => users[Number(/-s(\d+)-/.exec(clientMessageId)?.[1])] as LoadUser;
      await inParallel(unanswered, SENDERS, async (send) => {
        const outcome = await sendMessage(running.info, userOf(send.clientMessageId), send.roomId, send.clientMessageId);
        if (outcome.acknowledged) retriesAcknowledged++;
        record({ ...send, outcome });
      });
    }
    if (round === ROUNDS) break;

    const alsoDynamoDBLocal = round % 2 === 1;
    const before = acknowledgedId.size;
    const { exit, inFlightAtKill } = await sendUntilKilled(running, users, round, alsoDynamoDBLocal);
    twin = undefined;
    rounds.push({
      exit,
      alsoDynamoDBLocal,
      inFlightAtKill,
      acknowledged: acknowledgedId.size - before,
      unanswered: [...lastOutcome.values()].filter((send) => send.round === round && !send.outcome.acknowledged).length,
      unansweredFoundStored: 0,
      unansweredStoredTwice: 0,
    });
  }
}, 280_000);

afterAll(async () => {
  console.info(`sigkill figures: ${JSON.stringify({ rounds: rounds.map(({ exit, ...rest }) => ({ ...rest, signal: exit.signal })), acknowledged: acknowledgedId.size, retriesAcknowledged })}`);
  if (twin) {
    const exit = await twin.stop();
    console.info(`sigkill twin stop: ${JSON.stringify({ code: exit.code, signal: exit.signal, forced: exit.forced })}`);
    expect(exit.orphans).toEqual([]);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('kills the twin with SIGKILL while sends are in flight, and nothing it started outlives it', () => {
  expect(rounds).toHaveLength(ROUNDS);
  for (const round of rounds) {
    expect(round.exit).toMatchObject({ signal: 'SIGKILL', orphans: [] });
    expect(round.inFlightAtKill).toBeGreaterThan(0);
    expect(round.acknowledged).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  }
});

it('after each restart, a send left unanswered by the kill is stored at most once', () => {
  expect(rounds.map((round) => round.unansweredStoredTwice)).toEqual(rounds.map(() => 0));
});

it('keeps every acknowledged message, once, under the id it was acknowledged with', async () => {
  const stored = await storedByClientMessageId(twin as TwinChild);
  const lost: string[] = [];
  const twice: string[] = [];
  const otherId: string[] = [];
  for (const [clientMessageId, id] of acknowledgedId) {
    const items = stored.get(clientMessageId) ?? [];
    if (items.length === 0) lost.push(clientMessageId);
    if (items.length > 1) twice.push(clientMessageId);
    if (items.length === 1 && items[0]?.id !== id) otherId.push(clientMessageId);
  }
  expect({ lost, twice, otherId, retriedWithOtherId }).toEqual({ lost: [], twice: [], otherId: [], retriedWithOtherId: 0 });
  // Nothing is stored that no client sent.
  expect([...stored.keys()].filter((clientMessageId) => !lastOutcome.has(clientMessageId))).toEqual([]);
});

it('a retry of an unanswered send with its clientMessageId is acknowledged, and then stored once', () => {
  const stillUnanswered = [...lastOutcome.values()].filter((send) => !send.outcome.acknowledged);
  expect(stillUnanswered.map((send) => send.clientMessageId)).toEqual([]);
  expect(retriesAcknowledged).toBe(rounds.reduce((sum, round) => sum + round.unanswered, 0));
});
