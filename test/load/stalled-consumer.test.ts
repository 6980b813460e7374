// A subscriber that stops reading is dropped at the outbound buffer limit, and the others keep
// their latency. One room; 20 healthy connections with one subscription each; one connection with
// 100 subscriptions to the room (each message becomes 100 frames of ~2 KB for it). A baseline
// phase runs with everyone reading; in the stall phase that one connection's socket is paused, so
// the twin's frames pile up in the kernel and then in the twin, until the twin closes it.
//
// The limit (local/realtime/limits.ts, maxOutboundBufferBytes): 2 MiB queued in the twin, then the
// connection is closed with code 1008 "Outbound buffer limit exceeded" and cut closeTimeoutMs
// later. A reader that has stopped cannot read a close frame queued behind its unread data, so the
// code is checked where it is certain: the twin's log line for the close; on the wire the client
// sees 1008 if it got to the close frame before the cut, else 1006 (closed without a frame).
//
// Latency bound, relative to a baseline measured in the same run (no absolute threshold, the
// machine is shared): p99 send-to-receive of the healthy subscribers during the stall
// < 5 x baseline p99 + 200 ms. Generous on purpose: it catches a twin that holds everyone up
// behind the stalled socket (seconds), not noise.
import { awaitDeliveries } from './support/await-deliveries';
import { createMembers, createRoom, inParallel, joinRoom, LoadSubscriber, sendMessage, signIn, type LoadUser, type SendOutcome } from './support/load-clients';
import { percentile } from './support/percentile';
import { rssMiB, startTwinChild, type TwinChild } from './support/twin-child';

const HEALTHY_CONNECTIONS = 20;
const STALLED_SUBSCRIPTIONS = 100;
const SENDERS = 5;
const BASELINE_SENDS = 200;
const STALL_SENDS = 400;
/** The largest content the contract allows, so the stalled socket fills quickly. */
const CONTENT_SIZE = 2000;
/** The documented limit (README limits table): queued bytes past which the twin closes. */
const MAX_OUTBOUND_BUFFER_BYTES = 2 * 1024 * 1024;
const CLOSE_POLICY_VIOLATION = 1008;
const CLOSE_ABNORMAL = 1006;
/** How long the last frames may take after the last answer before they count as lost. */
const DELIVERY_GRACE_MS = 30_000;

interface PhaseResult {
  sends: SendOutcome[];
  latencies: number[];
  delivered: boolean;
}

let twin: TwinChild | undefined;
let healthy: LoadSubscriber[] = [];
let stalled: LoadSubscriber | undefined;
let baseline: PhaseResult;
let stall: PhaseResult;
let closeLog: Record<string, unknown> | null = null;
let stalledClose: { code: number; reason: string } | null = null;
let stalledFramesBeforeClose = 0;
const rss: Record<string, number> = {};

/** Sends `count` messages from all senders (each one after the other) and collects healthy latencies. */
async function phase(running: TwinChild, senders: LoadUser[], roomId: string, name: string, count: number, onAck: (acks: number) => void): Promise<PhaseResult> {
  const sends: SendOutcome[] = [];
  const before = healthy.reduce((sum, s) => sum + s.received, 0);
  const ids = new Set<string>();
  await Promise.all(
    senders.map(async (user, s) => {
      for (let seq = s; seq < count; seq += senders.length) {
        const outcome = await sendMessage(running.info, user, roomId, `${name}-${seq}`, CONTENT_SIZE);
        sends.push(outcome);
        if (outcome.acknowledged) ids.add(outcome.id);
        onAck(sends.length);
      }
    }),
  );
  const acknowledged = sends.filter((o): o is Extract<SendOutcome, { acknowledged: true }> => o.acknowledged);
  const delivered = await awaitDeliveries(healthy, before + acknowledged.length * healthy.length, DELIVERY_GRACE_MS);
  const sentAt = new Map(acknowledged.map((o) => [o.id, o.sentAt]));
  const latencies = healthy.flatMap((subscriber) =>
    [...subscriber.deliveries.values()].flat().flatMap((d) => (ids.has(d.id) ? [d.at - (sentAt.get(d.id) as number)] : [])),
  );
  return { sends, latencies, delivered };
}

beforeAll(async () => {
  const running = await startTwinChild(null);
  twin = running;
  const senderNames = Array.from({ length: SENDERS }, (_, s) => `talker${s}`);
  const readerNames = ['listener0', 'listener1', 'listener2', 'listener3', 'staller'];
  await createMembers(running.info, [...senderNames, ...readerNames]);
  const senders = await signIn(running.info, senderNames);
  const readers = await signIn(running.info, readerNames);
  const roomId = await createRoom(running.info, senders[0] as LoadUser, 'stalled consumer');
  await inParallel([...senders.slice(1), ...readers], 8, (user) => joinRoom(running.info, user, roomId));

  healthy = await inParallel(Array.from({ length: HEALTHY_CONNECTIONS }, (_, c) => c), 10, async (c) => {
    const subscriber = await LoadSubscriber.connect(running.info, readers[c % 4] as LoadUser);
    await subscriber.subscribe(`healthy-${c}`, roomId);
    return subscriber;
  });
  const staller = await LoadSubscriber.connect(running.info, readers[4] as LoadUser);
  stalled = staller;
  for (let k = 0; k < STALLED_SUBSCRIPTIONS; k++) await staller.subscribe(`stalled-${k}`, roomId);

  baseline = await phase(running, senders, roomId, 'baseline', BASELINE_SENDS, () => undefined);
  rss.withReadingReader = rssMiB(running.pid);

  // The twin's log line for the close is the moment to read again: the client then drains what
  // the kernel holds and may still reach the close frame before the twin cuts the socket.
  running.onLog((line) => {
    if (closeLog === null && line.msg === 'realtime connection closed: outbound buffer limit exceeded') {
      closeLog = line;
      rss.atDrop = rssMiB(running.pid);
      stalledFramesBeforeClose = staller.received;
      staller.resume();
    }
  });
  staller.pause();
  let peak = 0;
  stall = await phase(running, senders, roomId, 'stall', STALL_SENDS, (acks) => {
    if (acks % 25 === 0) peak = Math.max(peak, rssMiB(running.pid));
  });
  rss.peakDuringStall = peak;
  // Without a drop the stalled reader would have everything once it reads again: wait for that or the close.
  staller.resume();
  const everything = (BASELINE_SENDS + STALL_SENDS) * STALLED_SUBSCRIPTIONS;
  stalledClose = await Promise.race([staller.closed, awaitDeliveries([staller], everything, DELIVERY_GRACE_MS, staller.closed).then(() => null)]);
  rss.afterDrop = rssMiB(running.pid);
}, 280_000);

afterAll(async () => {
  const p99 = (samples: number[] | undefined): number => Math.round(percentile(samples ?? [], 99));
  console.info(
    `stalled-consumer figures: ${JSON.stringify({
      baseline: { sends: baseline?.sends.length, frames: baseline?.latencies.length, p50: Math.round(percentile(baseline?.latencies ?? [], 50)), p99: p99(baseline?.latencies) },
      stall: { sends: stall?.sends.length, frames: stall?.latencies.length, p50: Math.round(percentile(stall?.latencies ?? [], 50)), p99: p99(stall?.latencies) },
      closeLog,
      stalledClose,
      stalledFramesReceived: stalled?.received,
      stalledFramesBeforeClose,
      rssMiB: rss,
    })}`,
  );
  await Promise.all([...healthy, ...(stalled ? [stalled] : [])].map((s) => s.terminate()));
  if (twin) {
    const exit = await twin.stop();
    console.info(`stalled-consumer twin stop: ${JSON.stringify({ code: exit.code, signal: exit.signal, forced: exit.forced })}`);
    expect(exit.orphans).toEqual([]);
  }
}, 60_000);

it('delivers every message to every healthy subscriber in both phases', () => {
  expect(baseline.sends.filter((o) => !o.acknowledged)).toEqual([]);
  expect(stall.sends.filter((o) => !o.acknowledged)).toEqual([]);
  expect([baseline.delivered, stall.delivered]).toEqual([true, true]);
  expect(stall.latencies).toHaveLength(STALL_SENDS * HEALTHY_CONNECTIONS);
});

it('closes the stalled connection once more than the limit is queued for it, with code 1008', () => {
  expect(closeLog).toMatchObject({ level: 40, queuedBytes: expect.any(Number), limit: MAX_OUTBOUND_BUFFER_BYTES });
  expect(closeLog?.queuedBytes as number).toBeGreaterThan(MAX_OUTBOUND_BUFFER_BYTES);
  expect(stalledClose).not.toBeNull();
  expect([CLOSE_POLICY_VIOLATION, CLOSE_ABNORMAL]).toContain(stalledClose?.code);
  if (stalledClose?.code === CLOSE_POLICY_VIOLATION) expect(stalledClose.reason).toBe('Outbound buffer limit exceeded');
  // Dropped, not delivered late: it never gets what was sent after the close.
  expect(stalled?.received).toBeLessThan((BASELINE_SENDS + STALL_SENDS) * STALLED_SUBSCRIPTIONS);
});

it('keeps the healthy subscribers p99 latency within 5 x the baseline p99 + 200 ms', () => {
  const baselineP99 = percentile(baseline.latencies, 99);
  expect(baseline.latencies.length).toBeGreaterThan(0);
  expect(percentile(stall.latencies, 99)).toBeLessThan(5 * baselineP99 + 200);
});
