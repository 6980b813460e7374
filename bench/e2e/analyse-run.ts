/**
 * The figures of one run from what the senders and subscribers recorded: accepted messages,
 * deliveries, send-to-receive percentiles, and the checks: lost (an acknowledged message that a
 * subscription of its room never received), duplicated (received more than once on one
 * subscription), out of order (on one subscription, two messages of one sender where the second
 * was sent after the first was answered, received the other way round), and unexpected (a
 * message received on a subscription it was not for: not acknowledged, or of another room).
 * Deliveries and latencies count expected deliveries only, so a server that sends every message
 * to every socket is not credited for the extra frames.
 */
import { percentile } from '../../test/load/support/percentile';
import { senderAndSeq } from './message-content';
import type { SenderReply, SendRecord, SubscriptionRecord } from './protocol';

export interface RunFigures {
  sent: number;
  accepted: number;
  refused: number;
  /** Of the refused, those answered 429 (the server's overload policy). Optional for older records. */
  throttled?: number;
  /** Sends due in a burst that the generator skipped because maxInFlight were open. */
  skipped: number;
  acceptedPerSecond: number;
  /** Frames of acknowledged messages received on a subscription of their room, once each. */
  deliveries: number;
  deliveriesPerSecond: number;
  /** Every data frame received, duplicates and unexpected ones included. */
  framesReceived: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** p99 of accepted sends' answer times (send to HTTP answer). */
  ackP99Ms: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  unexpected: number;
  firstRefusal?: string;
}

export function analyseRun(sent: SenderReply, subscriptions: readonly SubscriptionRecord[], deliveredAtMs: number): RunFigures {
  const accepted = sent.sends.filter((s) => s.ackAtMs !== null);
  const acceptedByRoom = new Map<string, SendRecord[]>();
  for (const send of accepted) {
    const list = acceptedByRoom.get(send.roomId);
    if (list) list.push(send);
    else acceptedByRoom.set(send.roomId, [send]);
  }
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let unexpected = 0;
  let deliveries = 0;
  let framesReceived = 0;
  const latencies: number[] = [];
  for (const subscription of subscriptions) {
    const roomSends = acceptedByRoom.get(subscription.roomId) ?? [];
    const arrival = new Map<string, number>();
    subscription.clientMessageIds.forEach((id, index) => {
      if (arrival.has(id)) duplicated++;
      else arrival.set(id, index);
    });
    framesReceived += subscription.clientMessageIds.length;
    const acknowledged = new Set(roomSends.map((s) => s.clientMessageId));
    for (const id of arrival.keys()) {
      if (acknowledged.has(id)) deliveries++;
      else unexpected++;
    }
    // Send-to-receive of the expected deliveries (first arrival of an acknowledged message).
    const counted = new Set<string>();
    subscription.clientMessageIds.forEach((id, index) => {
      if (!acknowledged.has(id) || counted.has(id)) return;
      counted.add(id);
      latencies.push(subscription.latenciesMs[index] as number);
    });
    for (const send of roomSends) if (!arrival.has(send.clientMessageId)) lost++;
    outOfOrder += reversedPairs(roomSends, arrival);
  }
  const seconds = (sent.endedAtMs - sent.startedAtMs) / 1000;
  const refusal = sent.sends.find((s) => s.ackAtMs === null);
  return {
    sent: sent.sends.length,
    accepted: accepted.length,
    refused: sent.sends.length - accepted.length,
    throttled: sent.sends.filter((s) => s.ackAtMs === null && s.status === 429).length,
    skipped: sent.skipped,
    acceptedPerSecond: accepted.length / seconds,
    deliveries,
    deliveriesPerSecond: deliveries / ((deliveredAtMs - sent.startedAtMs) / 1000),
    framesReceived,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
    ackP99Ms: percentile(
      accepted.map((s) => (s.ackAtMs as number) - s.sentAtMs),
      99,
    ),
    lost,
    duplicated,
    outOfOrder,
    unexpected,
    ...(refusal?.error ? { firstRefusal: refusal.error } : {}),
  };
}

/** Per sender, consecutive sends (b sent after a was answered) that arrived b before a. */
function reversedPairs(roomSends: readonly SendRecord[], arrival: ReadonlyMap<string, number>): number {
  const bySender = new Map<string, Array<SendRecord & { seq: number }>>();
  for (const send of roomSends) {
    const { sender, seq } = senderAndSeq(send.clientMessageId);
    const list = bySender.get(sender);
    if (list) list.push({ ...send, seq });
    else bySender.set(sender, [{ ...send, seq }]);
  }
  let reversed = 0;
  for (const sends of bySender.values()) {
    sends.sort((x, y) => x.seq - y.seq);
    for (let i = 1; i < sends.length; i++) {
      const a = sends[i - 1] as SendRecord;
      const b = sends[i] as SendRecord;
      const ia = arrival.get(a.clientMessageId);
      const ib = arrival.get(b.clientMessageId);
      if (ia !== undefined && ib !== undefined && (a.ackAtMs as number) <= b.sentAtMs && ib < ia) reversed++;
    }
  }
  return reversed;
}
