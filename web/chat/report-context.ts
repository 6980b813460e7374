/**
 * What the moderation view shows beside a report, which carries only ids: the room's name, the
 * reported message (its content and sender) and the reporter's name. They come from getRoom and
 * listMessages, so an Admin sees them in rooms they belong to; elsewhere the ids are shown.
 * The reporter's name is known when they have a message among those read (a report has no name).
 */
import { chatApi, type Message, type Report } from './api';
import { plainError } from '../shared/errors';

/** Pages of listMessages read (newest first) looking for a reported message. */
export const LOOKUP_MAX_PAGES = 5;

export interface ReportContext {
  roomName: string | null;
  message: Message | null;
  reporterName: string | null;
  /** Why the message could not be shown (not a member, not among the newest pages, …). */
  unavailable: string | null;
}

const roomNames = new Map<string, Promise<string | null>>();
const userNames = new Map<string, string>();

function roomName(roomId: string): Promise<string | null> {
  let name = roomNames.get(roomId);
  if (!name) {
    name = chatApi.getRoom(roomId).then(
      (room) => room?.name ?? null,
      () => {
        // Not cached: the Admin may join the room later.
        roomNames.delete(roomId);
        return null;
      },
    );
    roomNames.set(roomId, name);
  }
  return name;
}

async function findMessage(roomId: string, messageId: string): Promise<Message | null> {
  let token: string | null = null;
  for (let page = 0; page < LOOKUP_MAX_PAGES; page += 1) {
    const result: Awaited<ReturnType<typeof chatApi.lookupMessages>> = await chatApi.lookupMessages(roomId, token);
    for (const message of result.items) userNames.set(message.senderId, message.sender);
    const found = result.items.find((m) => m.id === messageId);
    // Newest first: once past ids older than the message, it is not in this room's history.
    if (found) return found;
    if (!result.nextToken || result.items.some((m) => m.id < messageId)) return null;
    token = result.nextToken;
  }
  return null;
}

export async function reportContext(report: Report): Promise<ReportContext> {
  const [name, lookup] = await Promise.all([
    roomName(report.roomId),
    findMessage(report.roomId, report.messageId).then(
      (message) => ({ message, unavailable: message ? null : 'The message was not found among the room’s recent messages.' }),
      (e: unknown) => ({ message: null, unavailable: plainError(e, 'The message cannot be shown') }),
    ),
  ]);
  return { roomName: name, ...lookup, reporterName: userNames.get(report.reporterId) ?? null };
}
