/**
 * What a benchmark message says: its clientMessageId and the moment its sender started the
 * request, so that a subscriber in another process can tell which message arrived and how long it
 * took without asking anyone (see clock.ts). The clientMessageId is `<sender>-<seq>`.
 */
export function messageContent(clientMessageId: string, sentAtMs: number): string {
  return `${clientMessageId}|${sentAtMs.toFixed(3)}`;
}

export interface ParsedContent {
  clientMessageId: string;
  sentAtMs: number;
}

export function parseMessageContent(content: string): ParsedContent {
  const bar = content.indexOf('|');
  return { clientMessageId: content.slice(0, bar), sentAtMs: Number(content.slice(bar + 1)) };
}

/** The sender and sequence number a clientMessageId names. */
export function senderAndSeq(clientMessageId: string): { sender: string; seq: number } {
  const dash = clientMessageId.lastIndexOf('-');
  return { sender: clientMessageId.slice(0, dash), seq: Number(clientMessageId.slice(dash + 1)) };
}
