/**
 * One room's messages as the page shows them: stored messages by id (so a message that arrives
 * both as the mutation's answer and from the subscription is shown once) in id order (ULIDs, so
 * time order), then this page's own sends that are not stored yet.
 */
import type { Message } from './api';

export interface PendingSend {
  clientMessageId: string;
  content: string;
  status: 'sending' | 'failed';
  error?: string;
}

export interface Timeline {
  messages: ReadonlyMap<string, Message>;
  pending: readonly PendingSend[];
  /** listMessages' token for the next older page; null when the oldest was loaded. */
  olderToken: string | null;
}

export const emptyTimeline: Timeline = { messages: new Map(), pending: [], olderToken: null };

/** Adds or replaces messages; a newer edit or delete of the same id wins over an older copy. */
export function mergeMessages(timeline: Timeline, incoming: readonly Message[]): Timeline {
  const messages = new Map(timeline.messages);
  for (const message of incoming) {
    const known = messages.get(message.id);
    if (!known || changeTime(message) >= changeTime(known)) messages.set(message.id, message);
  }
  return { ...timeline, messages };
}

/**
 * Adds messages from subscription events. An event's `mine` is the view of whoever caused it
 * (the reacting user), so counts come from the event and `mine` stays what this page knew from
 * its own answers and listMessages.
 */
export function mergeEvents(timeline: Timeline, incoming: readonly Message[]): Timeline {
  return mergeMessages(
    timeline,
    incoming.map((message) => {
      const known = timeline.messages.get(message.id);
      const mine = new Set(known?.reactions.filter((r) => r.mine).map((r) => r.emoji) ?? []);
      return { ...message, reactions: message.reactions.map((r) => ({ ...r, mine: mine.has(r.emoji) })) };
    }),
  );
}

function changeTime(message: Message): string {
  return message.editedAt ?? message.createdAt;
}

export function sortedMessages(timeline: Timeline): Message[] {
  return [...timeline.messages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function addPending(timeline: Timeline, send: PendingSend): Timeline {
  return { ...timeline, pending: [...timeline.pending.filter((p) => p.clientMessageId !== send.clientMessageId), send] };
}

/** The send was stored: show the stored message instead of the pending one. */
export function settlePending(timeline: Timeline, clientMessageId: string, stored: Message): Timeline {
  return mergeMessages({ ...timeline, pending: timeline.pending.filter((p) => p.clientMessageId !== clientMessageId) }, [stored]);
}

export function failPending(timeline: Timeline, clientMessageId: string, error: string): Timeline {
  return { ...timeline, pending: timeline.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, status: 'failed' as const, error } : p)) };
}

/** A clientMessageId the API accepts (1-64 of [A-Za-z0-9_-]). */
export function newClientMessageId(): string {
  return `web-${crypto.randomUUID()}`;
}
